// The closing quarter's fold, snapshot and answer, made in a worker thread (rollup-close.worker.ts).
// Why a thread: at province scale they allocate ~100 MB within a few seconds on a heap that holds the
// plan's ledger, and the garbage collections that follow paused this event loop 40-220 ms at a time —
// in slices or not, a writer that met two of them waited over 200 ms. Here the facts cross to the
// thread as structured clones, a chunk per turn of the event loop; the view comes back a chunk per
// turn too; the snapshot and the answer as bytes moved, not copied. The thread runs at the lowest CPU
// priority (Linux), so that on a machine of few cores requests and the database come first.
import { Worker } from 'node:worker_threads';
import { compiledWorker } from '../../common/async/compiled-worker';
import { TimeSlice } from '../../common/async/time-slice';
import type { RollupExtras, RollupFacts, RollupMeta, RollupView } from './rollup.types';
import type { CloseThreadIn, CloseThreadOut, ViewHead } from './rollup-close.worker';
import { ClosedFields, storedView } from './snapshot-json';

/** Facts per message: a structured clone of a few hundred items takes ~1 ms on the sending event loop. */
const FACTS_PER_MESSAGE = 500;

export interface ClosedInThread {
  view: RollupView;
  /** JSON of view.overall (stored beside the snapshot). */
  overall: string;
  /** The snapshot's JSON, gzip-compressed: what its parts hold. */
  packed: Buffer;
  /** The bytes of POST …/close's answer (closeAnswer of the whole plan's closed response). */
  answer: Buffer;
}

/** Folds, packs and answers a closing quarter in a thread of its own; the thread ends with the call. */
export async function closeInThread(
  meta: RollupMeta, facts: RollupFacts, extras: RollupExtras, closed: ClosedFields, withTasks: boolean,
): Promise<ClosedInThread> {
  const worker = new Worker(compiledWorker(typeof __dirname === 'string' ? __dirname : undefined, 'src/modules/rollups', 'rollup-close.worker.js'));
  try {
    const result = new Promise<ClosedInThread>((resolveResult, reject) => {
      let head: ViewHead | null = null;
      const byDepartment: RollupView['byDepartment'] = [];
      // Each chunk of the view is asked for after a turn of the event loop (see the worker's `more`).
      const more = () => setImmediate(() => worker.postMessage({ kind: 'more' } satisfies CloseThreadIn));
      worker.on('message', (m: CloseThreadOut) => {
        if (m.kind === 'view') {
          head = m.head;
          more();
        } else if (m.kind === 'departments') {
          for (const row of m.rows) byDepartment.push(row);
          more();
        } else if (m.kind === 'failed') reject(new Error(`roll-up close thread failed: ${m.message}`));
        else if (!head) reject(new Error('roll-up close thread answered before its view'));
        else {
          // The task lists are the facts' lines, as for any stored snapshot (storedView).
          const view = storedView({ view: { ...head, byDepartment } as RollupView, meta, facts, extras });
          resolveResult({ view, overall: m.overall, packed: Buffer.from(m.packed.buffer, m.packed.byteOffset, m.packed.byteLength), answer: Buffer.from(m.answer.buffer, m.answer.byteOffset, m.answer.byteLength) });
        }
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`roll-up close thread exited (${code}) before answering`)));
    });
    result.catch(() => undefined); // awaited below, after the facts are sent
    const send = (m: CloseThreadIn) => worker.postMessage(m);
    send({ kind: 'start', meta, extras, closed, withTasks });
    const slice = new TimeSlice();
    for (const key of ['tasks', 'figures', 'notices', 'lines'] as const) {
      const items: unknown[] = facts[key];
      for (let i = 0; i < items.length; i += FACTS_PER_MESSAGE) {
        send({ kind: 'facts', key, items: items.slice(i, i + FACTS_PER_MESSAGE) });
        if (slice.due()) await slice.next();
      }
    }
    send({ kind: 'end' });
    return await result;
  } finally {
    await worker.terminate();
  }
}
