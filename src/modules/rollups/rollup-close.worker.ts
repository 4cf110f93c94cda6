// Runs in a worker thread of its own, one per close attempt (rollup-close-thread.ts): the part of a
// quarter's close that allocates most — the fold of a province's facts into its view, the snapshot's
// 33 MB of JSON and its compression, the 5.6 MB answer — in an isolate of its own, so its garbage
// collections never pause the event loop that answers requests and runs writers' statements.
// In: the roll-up's meta and extras, then its facts in chunks, then `end`. Out: the view's head, then
// its departments a chunk per `more`, then the packed snapshot and the answer's bytes, transferred.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { foldRollup } from './rollup-fold';
import type { RollupExtras, RollupFacts, RollupMeta, RollupView } from './rollup.types';
import { closeAnswer, ClosedFields, closedResponse, packSnapshot } from './snapshot-json';

export type CloseThreadIn =
  | { kind: 'start'; meta: RollupMeta; extras: RollupExtras; closed: ClosedFields; withTasks: boolean }
  | { kind: 'facts'; key: keyof RollupFacts; items: unknown[] }
  | { kind: 'end' }
  /** The next chunk of the view's departments, or `done` after the last. */
  | { kind: 'more' };

export type ViewHead = Omit<RollupView, 'byDepartment' | 'completedTasks' | 'openTasks'>;

export type CloseThreadOut =
  | { kind: 'view'; head: ViewHead }
  | { kind: 'departments'; rows: RollupView['byDepartment'] }
  | { kind: 'done'; overall: string; packed: Uint8Array; answer: Uint8Array }
  | { kind: 'failed'; message: string };

/** Rows of byDepartment per message back: each a short structured clone on the receiving event loop. */
export const DEPARTMENTS_PER_MESSAGE = 200;

/** A Buffer on an ArrayBuffer of its own (small ones share Node's pool), so it can be transferred. */
function own(b: Buffer): Uint8Array {
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : new Uint8Array(b);
}

/**
 * Gives this thread the lowest CPU priority. On Linux a thread's nice value is its own (the thread id
 * from /proc/thread-self): with a few cores, the event loop answering requests and the database come
 * first, and the close takes what is left. Elsewhere, or when refused, the thread runs as it is.
 */
function lowestPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 19);
  } catch {
    // not Linux, or not allowed: an ordinary priority
  }
}

if (parentPort) {
  lowestPriority();
  const port = parentPort;
  let start: Extract<CloseThreadIn, { kind: 'start' }> | null = null;
  const facts: RollupFacts = { tasks: [], figures: [], notices: [], lines: [] };
  const send = (m: CloseThreadOut, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

  // Once made: the view's departments still to send, a chunk per `more`, then the rest.
  let rest: { byDepartment: RollupView['byDepartment']; sent: number; overall: string; packed: Uint8Array; answer: Uint8Array } | null = null;

  const finish = async (): Promise<void> => {
    if (!start) throw new Error('facts ended before start');
    const { meta, extras, closed, withTasks } = start;
    const view = foldRollup(meta, facts, extras);
    const packed = own(await packSnapshot({ view, meta, facts, extras }));
    const answer = own(Buffer.from(JSON.stringify(closeAnswer(closedResponse(view, closed, null), withTasks)), 'utf8'));
    const { byDepartment, completedTasks: _c, openTasks: _o, ...head } = view;
    rest = { byDepartment, sent: 0, overall: JSON.stringify(view.overall), packed, answer };
    send({ kind: 'view', head });
  };

  // The view goes back a chunk per request: messages that arrive together are all read in one turn of
  // the receiving event loop (6,000 departments at once held it ~70 ms, with the collection they caused).
  const more = (): void => {
    if (!rest) throw new Error('more before the view');
    if (rest.sent < rest.byDepartment.length) {
      send({ kind: 'departments', rows: rest.byDepartment.slice(rest.sent, rest.sent + DEPARTMENTS_PER_MESSAGE) });
      rest.sent += DEPARTMENTS_PER_MESSAGE;
      return;
    }
    const { overall, packed, answer } = rest;
    send({ kind: 'done', overall, packed, answer }, [packed.buffer as ArrayBuffer, answer.buffer as ArrayBuffer]);
  };

  const fail = (err: unknown) => send({ kind: 'failed', message: err instanceof Error ? err.stack ?? err.message : String(err) });
  port.on('message', (m: CloseThreadIn) => {
    try {
      if (m.kind === 'start') start = m;
      else if (m.kind === 'facts') for (const item of m.items) (facts[m.key] as unknown[]).push(item);
      else if (m.kind === 'end') void finish().catch(fail);
      else more();
    } catch (err) {
      fail(err);
    }
  });
}
