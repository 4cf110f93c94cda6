// A closing quarter's snapshot serialised for storage, and its answers. At province scale the snapshot
// is ~33 MB of JSON. It is made in the close's own thread (rollup-close.worker.ts), as pieces of 500
// array elements, each compressed as it comes (packSnapshot), so that neither the whole string nor its
// bytes exist at once. The task lines are stored once, in the facts; the view's completed and open
// task lists are derived from them on reading (storedView).
import { createGzip } from 'node:zlib';
import { arrayPieces } from '../../common/http/json-bytes';
import type { RollupResponse, RollupView, StoredRollup } from './rollup.types';

/** The stored snapshot's JSON in pieces whose concatenation is the whole (see snapshotJson). */
export async function* snapshotJsonPieces(data: StoredRollup): AsyncGenerator<string> {
  const { completedTasks: _c, openTasks: _o, byDepartment, ...view } = data.view;
  const { tasks, figures, notices, lines } = data.facts;
  yield `{"view":${JSON.stringify(view).slice(0, -1)},"byDepartment":`;
  yield* arrayPieces(byDepartment);
  yield `},"meta":${JSON.stringify(data.meta)},"facts":{"tasks":`;
  yield* arrayPieces(tasks);
  yield ',"figures":';
  yield* arrayPieces(figures);
  yield `,"notices":${JSON.stringify(notices)},"lines":`;
  yield* arrayPieces(lines);
  yield `},"extras":${JSON.stringify(data.extras ?? null)}}`;
}

/**
 * Compresses text given in pieces (zlib's work runs in its thread pool), each piece turned into bytes
 * on its own: a 33 MB string made into bytes at once took ~0.5 s and doubled the memory it needs.
 */
async function gzipPieces(pieces: AsyncIterable<string>): Promise<Buffer> {
  const gz = createGzip({ level: 1 });
  const out: Buffer[] = [];
  gz.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    gz.once('end', resolve);
    gz.once('error', reject);
  });
  done.catch(() => undefined); // awaited at the end; a throw before that must not leave it unhandled
  // Each piece is encoded into one of two scratch buffers, reused once zlib has consumed it (a write's
  // callback): a Buffer per piece (33 MB of short-lived external memory) made V8 collect garbage every
  // few pieces (80-120 ms each, when this ran on the event loop that answers requests).
  const scratch = [Buffer.allocUnsafe(SCRATCH_BYTES), Buffer.allocUnsafe(SCRATCH_BYTES)];
  const consumed: Promise<void>[] = [Promise.resolve(), Promise.resolve()];
  let k = 0;
  for await (const piece of pieces) {
    await consumed[k];
    const need = Buffer.byteLength(piece, 'utf8');
    if (scratch[k].length < need) scratch[k] = Buffer.allocUnsafe(need);
    const chunk = scratch[k].subarray(0, scratch[k].write(piece, 'utf8'));
    consumed[k] = new Promise<void>((resolve, reject) => gz.write(chunk, (err) => (err ? reject(err) : resolve())));
    consumed[k].catch(() => undefined); // awaited below; a failed write also fails `done`
    k = 1 - k;
  }
  await Promise.all(consumed);
  gz.end();
  await done;
  return Buffer.concat(out);
}
const SCRATCH_BYTES = 1024 * 1024;

/** The stored snapshot's JSON, gzip-compressed (what rollup_snapshot_parts hold, cut in parts). */
export function packSnapshot(data: StoredRollup): Promise<Buffer> {
  return gzipPieces(snapshotJsonPieces(data));
}

/** The stored snapshot's JSON as one string (a close that has to fold inside its transaction). */
export async function snapshotJson(data: StoredRollup): Promise<string> {
  const pieces: string[] = [];
  for await (const piece of snapshotJsonPieces(data)) pieces.push(piece);
  return pieces.join('');
}

/** A stored snapshot's view with its task lists (snapshots closed before keep their own copy). */
export function storedView(data: StoredRollup): RollupView {
  if (data.view.completedTasks && data.view.openTasks) return data.view;
  return {
    ...data.view,
    completedTasks: data.facts.lines.filter((l) => l.completedOn !== null),
    openTasks: data.facts.lines.filter((l) => l.completedOn === null),
  };
}

/** When and by whom a quarter closed, and its reporting window, as its answers state them. */
export interface ClosedFields {
  closedAt: string;
  closedBy: string | null;
  window?: { end: string; closesOn: string };
}

/** A closed quarter's answer: its view (the whole plan's, or a department's re-fold) marked closed. */
export function closedResponse(view: RollupView, closed: ClosedFields, departmentId: string | null): RollupResponse {
  return {
    ...view, notReported: view.notReported ?? [], lateEntries: view.lateEntries ?? [],
    status: 'closed', closedAt: closed.closedAt, closedBy: closed.closedBy, scope: departmentId ? { departmentId } : null,
    ...(closed.window ? { window: closed.window } : {}),
  };
}

/** POST …/close answers the task lists only with `tasks=true`, as GET does. */
export function closeAnswer(response: RollupResponse, withTasks: boolean): RollupResponse {
  if (withTasks) return response;
  const { completedTasks: _c, openTasks: _o, ...summary } = response;
  return summary;
}
