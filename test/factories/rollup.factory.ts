// Roll-up facts of a made-up quarter, folded: enough task lines and departments to cross the chunk
// sizes of the snapshot's serialisation and of the close's thread.
import { foldRollup } from '../../src/modules/rollups/rollup-fold';
import type { RollupMeta, StoredRollup, TaskCell, TaskLine } from '../../src/modules/rollups/rollup.types';

function line(i: number, departments: number): TaskLine {
  return {
    id: `t${i}`, seq: i, itemNumber: 1 + (i % 30), title: `任务“${i}”\n`, chapterId: `c${i % 9}`, departmentId: `d${i % departments}`, department: '单位',
    originalDueDate: '2026-06-30', dueDate: '2026-06-30', completedOn: i % 3 === 0 ? '2026-05-01' : null, percent: i % 101,
    onTime: i % 3 === 0 ? true : null, overdue: i % 3 !== 0, extended: false, daysOverdue: 0,
  };
}

/** A quarter's stored roll-up of `n` task lines over `departments` lead departments, folded. */
export function storedRollup(n: number, departments = 7): StoredRollup {
  const lines = Array.from({ length: n }, (_, i) => line(i, departments));
  const tasks: TaskCell[] = Array.from({ length: Math.min(n, Math.max(63, departments)) }, (_, i) => ({
    chapterId: `c${i % 9}`, departmentId: `d${i % departments}`, total: 1, due: 1, completed: 0, completedInQuarter: 0, completedOnTime: 0, overdue: 1, percentSum: 5,
  }));
  const meta: RollupMeta = {
    planId: 'p', quarter: '2026Q2', periodStart: '2026-04-01', periodEnd: '2026-06-30', asOf: '2026-06-30',
    chapters: [{ id: 'c0', ordinal: '一', title: '章' }], departments: [{ id: 'd0', name: '单位' }],
  };
  const facts = { tasks, figures: [], notices: [], lines };
  const extras = { notReported: [], lateEntries: [] };
  return { view: foldRollup(meta, facts, extras), meta, facts, extras };
}
