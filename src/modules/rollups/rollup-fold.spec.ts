import { describe, expect, it } from '@jest/globals';
import { aggregateFigures, FigureFact, figureCells, foldRollup, foldStats, IndicatorInfo, rankDepartments, restrictToDepartment } from './rollup-fold';
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
    const w = window({ kind: 'quarter', year: 2026, quarter: 2 }, today);
    expect(w).toMatchObject({ start: '2026-04-01', end: '2026-06-30', asOf, overdueBefore });
    // Tasks created on the asOf day (Shanghai) still count: the cut-off is the next midnight, UTC+8.
    expect(w.createdBefore).toBe(new Date(`${asOf}T16:00:00.000Z`).toISOString());
    // A quarter counts the entries filed for it, never its own 补报.
    expect(w).toMatchObject({ lastPeriod: '2026Q2', countPeriods: ['2026Q2'], includeLate: false });
  });

  it('the year counts its four quarters with their 补报, as of 31 December once over', () => {
    expect(window({ kind: 'year', year: 2026 }, '2027-01-20')).toMatchObject({
      start: '2026-01-01', end: '2026-12-31', asOf: '2026-12-31', overdueBefore: '2027-01-01',
      lastPeriod: '2026Q4', countPeriods: ['2026Q1', '2026Q2', '2026Q3', '2026Q4'], includeLate: true,
    });
  });
});

describe('figures by indicator kind', () => {
  const kinds: Record<string, IndicatorInfo> = {
    cases: { id: 'cases', name: '行政复议受理数', unit: '件', kind: 'count' },
    total: { id: 'total', name: '累计调解案件', unit: '件', kind: 'cumulative' },
    rate: { id: 'rate', name: '调解成功率', unit: '%', kind: 'rate' },
    note: { id: 'note', name: '典型做法', unit: '', kind: 'text' },
    alias: { id: 'cases', name: '行政复议受理数', unit: '件', kind: 'count' }, // merged into `cases`
  };
  const cellOf = new Map([['t1', { chapterId: 'c1', departmentId: 'd1' }], ['t2', { chapterId: 'c1', departmentId: 'd2' }]]);
  const f = (taskId: string, indicatorId: string, period: string, value: number, createdAt: string, extra: Partial<FigureFact> = {}): FigureFact => ({
    taskId, indicatorId, value, numerator: null, denominator: null, textValue: null, period, createdAt, ...extra,
  });
  const fold = (rows: FigureFact[], periods: string[]) => aggregateFigures(figureCells(rows, cellOf, (id) => kinds[id], new Set(periods)));

  it('sums counts over the periods counted, merged names included; takes the latest cumulative value per task', () => {
    const rows = [
      f('t1', 'cases', '2026Q1', 5, '2026-03-01'), f('t1', 'alias', '2026Q1', 3, '2026-04-08'), f('t1', 'cases', '2026Q2', 7, '2026-05-01'),
      f('t1', 'total', '2026Q1', 12, '2026-03-01'), f('t1', 'total', '2026Q2', 19, '2026-05-20'), f('t2', 'total', '2026Q2', 4, '2026-05-20'),
    ];
    expect(fold(rows, ['2026Q1'])).toEqual([
      { indicatorId: 'total', indicator: '累计调解案件', unit: '件', kind: 'cumulative', tasks: 1, value: 12, basis: 'latest' },
      { indicatorId: 'cases', indicator: '行政复议受理数', unit: '件', kind: 'count', tasks: 1, value: 8, basis: 'sum' },
    ]);
    // "截至5月20日累计19件" is 19, not 12 + 19; two departments' totals add up.
    expect(fold(rows.filter((r) => r.period <= '2026Q2'), ['2026Q2']).find((x) => x.indicatorId === 'total')!.value).toBe(23);
    expect(fold(rows, ['2026Q1', '2026Q2']).find((x) => x.indicatorId === 'cases')!.value).toBe(15);
  });

  it('never sums a rate: one task’s latest value, the mean of several, or weighted by numerator and denominator', () => {
    const four = ['2026Q1', '2026Q2', '2026Q3', '2026Q4'].map((p, i) => f('t1', 'rate', p, [90, 95, 98, 100][i], `2026-0${i + 3}-01`));
    const [one] = fold(four, ['2026Q1', '2026Q2', '2026Q3', '2026Q4']);
    expect(one).toMatchObject({ value: 100, basis: 'latest', tasks: 1 });
    const [mean] = fold([...four, f('t2', 'rate', '2026Q4', 80, '2026-12-01')], ['2026Q4']);
    expect(mean).toMatchObject({ value: 90, basis: 'mean', tasks: 2 });
    const [weighted] = fold([
      f('t1', 'rate', '2026Q4', 90, '2026-12-01', { numerator: 45, denominator: 50 }),
      f('t2', 'rate', '2026Q4', 50, '2026-12-01', { numerator: 5, denominator: 10 }),
    ], ['2026Q4']);
    expect(weighted).toMatchObject({ value: 83.33, basis: 'weighted' });
    for (const x of [one, mean, weighted]) expect(x.value!).toBeLessThanOrEqual(100);
  });

  it('lists text figures without aggregating them', () => {
    const [t] = fold([f('t1', 'note', '2026Q1', 0, '2026-03-01', { textValue: '首创“复议+调解”' })], ['2026Q1']);
    expect(t).toMatchObject({ kind: 'text', value: null, texts: ['首创“复议+调解”'] });
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
    // Cells of snapshots closed before indicators existed are counts.
    expect(s.figures).toEqual([
      { indicator: '审核规范性文件', unit: '份', kind: 'count', tasks: 1, value: 1, basis: 'sum' },
      { indicator: '审核规范性文件', unit: '件', kind: 'count', tasks: 2, value: 0.3, basis: 'sum' },
    ]);
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
