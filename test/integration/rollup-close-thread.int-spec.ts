// The close's thread (rollup-close-thread.ts): what it makes off the event loop is exactly what the
// close made on it before — the view of foldRollup, the snapshot's JSON (packed), the answer's JSON.
// Runs the compiled worker (dist/), so it belongs to the suites that run after the build.
import { describe, expect, it } from '@jest/globals';
import { gunzipSync } from 'node:zlib';
import { closeInThread } from '../../src/modules/rollups/rollup-close-thread';
import { DEPARTMENTS_PER_MESSAGE } from '../../src/modules/rollups/rollup-close.worker';
import { closeAnswer, closedResponse, snapshotJson } from '../../src/modules/rollups/snapshot-json';
import { storedRollup } from '../factories/rollup.factory';

describe('a quarter closed in its own thread', () => {
  const closed = { closedAt: '2026-07-15T02:00:00.000Z', closedBy: 'u1', window: { end: '2026-07-10', closesOn: '2026-07-15' } };

  it.each([false, true])('folds, packs and answers as the event loop would (task lists in the answer: %s)', async (withTasks) => {
    // 4,001 lines (facts cross in several messages) over 450 departments (the view comes back in several).
    const data = storedRollup(4001, 450);
    expect(data.view.byDepartment.length).toBeGreaterThan(2 * DEPARTMENTS_PER_MESSAGE);
    const made = await closeInThread(data.meta, data.facts, data.extras!, closed, withTasks);
    expect(made.view).toEqual(data.view);
    expect(made.overall).toBe(JSON.stringify(data.view.overall));
    expect(gunzipSync(made.packed).toString('utf8')).toBe(await snapshotJson(data));
    expect(made.answer.toString('utf8')).toBe(JSON.stringify(closeAnswer(closedResponse(data.view, closed, null), withTasks)));
    expect('completedTasks' in JSON.parse(made.answer.toString('utf8'))).toBe(withTasks);
  });

  it('fails the close, naming the thread, when the fold fails there', async () => {
    const data = storedRollup(10);
    const broken = { ...data.meta, chapters: null as never };
    await expect(closeInThread(broken, data.facts, data.extras!, closed, false)).rejects.toThrow(/roll-up close thread failed: TypeError/);
  });
});
