// JSON.stringify as UTF-8 bytes, without holding the event loop for a large answer: arrays longer than
// a few thousand elements (a province's 6,000 departments, 50,000 task lines) — at the top level or
// one level down — are serialised a chunk at a time, with a turn of the event loop between chunks, and
// each chunk made into bytes on its own. The bytes are exactly those of JSON.stringify(value).
import { yieldTurn } from '../async/time-slice';

/** Elements per chunk (a few milliseconds of work each); arrays no longer than this are written whole. */
const CHUNK = 500;

export async function jsonBytes(value: unknown): Promise<Buffer> {
  const out: Buffer[] = [];
  await write(value, out, 0);
  return Buffer.concat(out);
}

const text = (s: string): Buffer => Buffer.from(s, 'utf8');

function plainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/** A JSON array a piece at a time: `[`, then CHUNK elements per piece with a turn of the event loop after each, then `]`. */
export async function* arrayPieces(xs: readonly unknown[]): AsyncGenerator<string> {
  yield '[';
  for (let i = 0; i < xs.length; i += CHUNK) {
    const inner = JSON.stringify(xs.slice(i, i + CHUNK)).slice(1, -1);
    yield i === 0 ? inner : `,${inner}`;
    await yieldTurn();
  }
  yield ']';
}

async function write(v: unknown, out: Buffer[], depth: number): Promise<void> {
  if (Array.isArray(v) && v.length > CHUNK) {
    for await (const piece of arrayPieces(v)) out.push(text(piece));
  } else if (depth < 2 && plainObject(v)) {
    let first = true;
    out.push(text('{'));
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue; // as JSON.stringify
      out.push(text(`${first ? '' : ','}${JSON.stringify(k)}:`));
      first = false;
      await write(x, out, depth + 1);
    }
    out.push(text('}'));
  } else {
    out.push(text(JSON.stringify(v) ?? 'null'));
  }
}
