import { describe, expect, it } from '@jest/globals';
import { foldRollup, foldStats, rankDepartments, restrictToDepartment } from './rollup-fold';
import type { RollupFacts, RollupMeta, TaskCell } from './rollup.types';
import { window } from './rollups.service';

const cell = (chapterId: string, departmentId: string, c: Partial<TaskCell>): TaskCell => ({
  chapterId, departmentId, total: 0, due: 0, completed: 0, completedInQuarter: 0, completedOnTime: 0, overdue: 0, percentSum: 0, ...c,
});

describe('window: what a quarter counts', () => {
  it.each([
    // today, asOf, overdueBefore
    ['2026-05-20', '2026-05-20', '2026-05-20'], // during the quarter: as of today, due today is not yet overdue
    ['2026-06-30', '2026-06-30', '2026-06-30'],
    ['2026-07-01', '2026-06-30', '2026-07-01'], // once over: as of its last day, due on it counts as overdue
    ['2027-02-01', '2026-06-30', '2026-07-01'], // recomputing later gives the closing's answer
  ])('on %s counts as of %s, overdue before %s', (today, asOf, overdueBefore) => {
    const w = window({ year: 2026, quarter: 2 }, today);
    expect(w).toMatchObject({ start: '2026-04-01', end: '2026-06-30', asOf, overdueBefore });
    // Tasks created on the asOf day (Shanghai) still count: the cut-off is the next midnight, UTC+8.
    expect(w.createdBefore).toBe(new Date(`${asOf}T16:00:00.000Z`).toISOString());
  });
});

describe('foldStats', () => {
  it('partitions tasks into completed, overdue and in progress, with rates on the stated bases', () => {
    const s = foldStats([
      cell('c1', 'd1', { total: 4, due: 3, completed: 2, completedOnTime: 1, overdue: 1, percentSum: 250 }),
      cell('c2', 'd1', { total: 2, due: 0, completed: 1, completedOnTime: 1, overdue: 0, percentSum: 100 }),
    ], [
      { chapterId: 'c1', departmentId: 'd1', indicator: '审核规范性文件', unit: '件', value: 0.1 },
      { chapterId: 'c2', departmentId: 'd1', indicator: '审核规范性文件', unit: '件', value: 0.2 },
      { chapterId: 'c2', departmentId: 'd1', indicator: '审核规范性文件', unit: '份', value: 1 },
    ], [{ chapterId: 'c1', departmentId: 'd1', issued: 3, issuedInQuarter: 1, responded: 2, respondedOnTime: 1 }]);
    expect(s).toMatchObject({ total: 6, completed: 3, completedOnTime: 2, completedLate: 1, overdue: 1, inProgress: 2, averageProgress: 58.3 });
    expect(s.completionRate).toBe(0.5);
    expect(s.onTimeRate).toBe(0.5); // 2 on time of (3 completed + 1 overdue)
    expect(s.figures).toEqual([{ indicator: '审核规范性文件', unit: '份', value: 1 }, { indicator: '审核规范性文件', unit: '件', value: 0.3 }]);
    expect(s.notices.responseRate).toBe(0.6667);
  });

  it('gives null rates, not NaN, when there is nothing to divide by', () => {
    const s = foldStats([], [], []);
    expect([s.averageProgress, s.completionRate, s.onTimeRate, s.notices.responseRate]).toEqual([null, null, null, null]);
  });
});

describe('foldRollup', () => {
  const meta: RollupMeta = {
    planId: 'p', quarter: '2026Q1', periodStart: '2026-01-01', periodEnd: '2026-03-31', asOf: '2026-03-31',
    chapters: [{ id: 'c1', ordinal: '一', title: '甲' }, { id: 'c2', ordinal: '二', title: '乙' }],
    departments: [{ id: 'd1', name: '区审计局' }, { id: 'd2', name: '区城市管理局' }],
  };
  const facts: RollupFacts = {
    tasks: [cell('c1', 'd1', { total: 2, completed: 1 }), cell('c1', 'd2', { total: 1 }), cell('c2', 'd2', { total: 3, completed: 3 })],
    figures: [], notices: [], lines: [],
  };

  it('adds up the same by chapter, by department and overall', () => {
    const v = foldRollup(meta, facts);
    expect(v.overall.total).toBe(6);
    expect(v.byChapter.map((c) => [c.title, c.total])).toEqual([['甲', 3], ['乙', 3]]);
    expect(v.byDepartment.map((d) => [d.name, d.total, d.completed])).toEqual([['区城市管理局', 4, 3], ['区审计局', 2, 1]]);
  });

  it('re-folds a department’s own cells for its scoped view', () => {
    const v = foldRollup(meta, restrictToDepartment(facts, 'd1'));
    expect(v.overall.total).toBe(2);
    expect(v.byDepartment.map((d) => d.departmentId)).toEqual(['d1']);
  });
});

describe('rankDepartments', () => {
  it('ranks by on-time rate, then completion rate; no rate last; ties share a rank', () => {
    const ranked = rankDepartments([
      { name: '丙', onTimeRate: null, completionRate: 0, overdue: 0 },
      { name: '甲', onTimeRate: 0.5, completionRate: 0.2, overdue: 1 },
      { name: '乙', onTimeRate: 0.9, completionRate: 0.1, overdue: 0 },
      { name: '丁', onTimeRate: 0.5, completionRate: 0.2, overdue: 1 },
    ]);
    expect(ranked.map((r) => [r.name, r.rank])).toEqual([['乙', 1], ['丁', 2], ['甲', 2], ['丙', 4]]);
  });
});
