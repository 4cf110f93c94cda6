import { describe, expect, it } from '@jest/globals';
import { foldRollup } from './rollup-fold';
import type { RollupMeta, StoredRollup, TaskCell, TaskLine } from './rollup.types';
import { snapshotJson, snapshotJsonPieces, storedView } from './snapshot-json';

function line(i: number): TaskLine {
  return {
    id: `t${i}`, seq: i, itemNumber: 1 + (i % 30), title: `任务“${i}”\n`, chapterId: `c${i % 9}`, departmentId: `d${i % 7}`, department: '单位',
    originalDueDate: '2026-06-30', dueDate: '2026-06-30', completedOn: i % 3 === 0 ? '2026-05-01' : null, percent: i % 101,
    onTime: i % 3 === 0 ? true : null, overdue: i % 3 !== 0, extended: false, daysOverdue: 0,
  };
}

function stored(n: number): StoredRollup {
  const lines = Array.from({ length: n }, (_, i) => line(i));
  const tasks: TaskCell[] = Array.from({ length: Math.min(n, 63) }, (_, i) => ({
    chapterId: `c${i % 9}`, departmentId: `d${i % 7}`, total: 1, due: 1, completed: 0, completedInQuarter: 0, completedOnTime: 0, overdue: 1, percentSum: 5,
  }));
  const meta: RollupMeta = {
    planId: 'p', quarter: '2026Q2', periodStart: '2026-04-01', periodEnd: '2026-06-30', asOf: '2026-06-30',
    chapters: [{ id: 'c0', ordinal: '一', title: '章' }], departments: [{ id: 'd0', name: '单位' }],
  };
  const facts = { tasks, figures: [], notices: [], lines };
  const extras = { notReported: [], lateEntries: [] };
  return { view: foldRollup(meta, facts, extras), meta, facts, extras };
}

describe('a closing quarter serialised for storage', () => {
  it.each([0, 1, 2000, 4001])('reads back as the same snapshot, with the view’s task lists derived from the lines (%i lines)', async (n) => {
    const data = stored(n);
    const back = JSON.parse(await snapshotJson(data)) as StoredRollup;
    expect(back.view.completedTasks).toBeUndefined(); // stored once, in the facts
    expect(back.facts).toEqual(data.facts);
    expect(back.meta).toEqual(data.meta);
    expect(storedView(back)).toEqual(data.view);
  });

  it('comes in pieces of at most a few thousand lines each, whose concatenation is the whole', async () => {
    const data = stored(9000);
    const pieces: string[] = [];
    for await (const p of snapshotJsonPieces(data)) pieces.push(p);
    expect(pieces.join('')).toBe(await snapshotJson(data));
    const longest = Math.max(...pieces.map((p) => p.length));
    expect(longest).toBeLessThan(JSON.stringify(data.facts.lines.slice(-2000)).length + 2); // one chunk of lines, the longest ids last
    expect(pieces.length).toBeGreaterThan(9000 / 2000);
  });

  it('keeps the lists of snapshots stored before, as they were', () => {
    const data = stored(5);
    const older = { ...data, view: { ...data.view, openTasks: [] } };
    expect(storedView(older).openTasks).toEqual([]);
  });
});
