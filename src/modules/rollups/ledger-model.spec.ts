// What a task adds to a closing quarter's roll-up (windowSignature): a close folded before its
// transaction is stored only if the writes that landed meanwhile leave the quarter as folded.
import { describe, expect, it } from '@jest/globals';
import { window } from './rollups.service';
import { figureSlots, percentAsOf, periodSlots, windowSignature, type LedgerTask } from './ledger-model';
import type { LedgerEntryRow, LedgerFigureRow } from './rollups.repository';
import type { IndicatorInfo } from './rollup-fold';

const Q1 = window({ kind: 'quarter', year: 2026, quarter: 1 }, '2026-04-20');
const catalogue = (id: string): IndicatorInfo => ({ id, name: id, unit: '件', kind: 'count' });

/** An effective entry of the lead department d1 (official, filed in time unless said otherwise). */
function entry(period: string, percent: number, createdAt: string, over: Partial<LedgerEntryRow> = {}): LedgerEntryRow {
  return { taskId: 't1', id: `r-${period}-${createdAt}`, period, late: false, percent, createdAt, official: true, departmentId: 'd1', reportedOn: null, ...over };
}
/** An official figure of task t1, filed in time unless said otherwise. */
function figure(indicatorId: string, period: string, value: number, createdAt: string, late = false): LedgerFigureRow {
  return { taskId: 't1', indicatorId, value, numerator: null, denominator: null, textValue: null, period, late, createdAt };
}
const Q1_ENTRY = entry('2026Q1', 40, '2026-03-01T00:00:00.000Z');

function task(over: Partial<LedgerTask> = {}): LedgerTask {
  return {
    id: 't1', seq: 1, itemNumber: 1, itemPosition: 1, title: '任务', chapterId: 'c1', departmentId: 'd1', originalDueDate: '2026-03-20', dueDate: '2026-03-20',
    completedOn: null, createdAt: '2026-02-01T00:00:00.000Z', status: 'in_progress', percent: 40, pendingExtension: false, startDate: '2026-02-01',
    startDay: 0, dueDay: 0, lastReportedOn: null, cellKey: 'c1|d1', periods: periodSlots({ departmentId: 'd1' }, [Q1_ENTRY]),
    figures: [], notices: [], lateEntries: [], memo: null, ...over,
  };
}

describe('what a task adds to a closing quarter', () => {
  it('is unchanged by an entry for a later quarter and by a completion after the quarter’s end', () => {
    const before = task();
    const laterEntry = task({
      percent: 70, lastReportedOn: '2026-04-18',
      periods: periodSlots({ departmentId: 'd1' }, [Q1_ENTRY, entry('2026Q2', 70, '2026-04-18T00:00:00.000Z')]),
      figures: figureSlots([figure('i1', '2026Q2', 3, '2026-04-18T00:00:00.000Z')]),
    });
    const completedLater = task({ status: 'completed', completedOn: '2026-04-19', percent: 100 });
    expect(windowSignature(laterEntry, Q1, catalogue)).toBe(windowSignature(before, Q1, catalogue));
    expect(windowSignature(completedLater, Q1, catalogue)).toBe(windowSignature(before, Q1, catalogue));
    expect(percentAsOf(completedLater, Q1)).toBe(40);
  });

  it('changes with an entry for the quarter, a due date moved, a 督办 notice within it, a cancellation or a new task', () => {
    const before = task();
    const sig = windowSignature(before, Q1, catalogue);
    const q1Entry = task({ periods: periodSlots({ departmentId: 'd1' }, [entry('2026Q1', 60, '2026-04-05T00:00:00.000Z')]) });
    expect(windowSignature(q1Entry, Q1, catalogue)).not.toBe(sig);
    expect(windowSignature(task({ dueDate: '2026-04-30' }), Q1, catalogue)).not.toBe(sig);
    expect(windowSignature(task({ notices: [{ taskId: 't1', issuedOn: '2026-03-25', respondedOn: null, respondBy: '2026-04-01' }] }), Q1, catalogue)).not.toBe(sig);
    expect(windowSignature(task({ status: 'cancelled' }), Q1, catalogue)).toBe('');
    expect(windowSignature(undefined, Q1, catalogue)).toBe('');
    expect(windowSignature(task({ createdAt: '2026-04-19T00:00:00.000Z' }), Q1, catalogue)).toBe(''); // created after the quarter
  });
});

describe('a task’s progress as of a window, from its entries reduced per period', () => {
  const Q2 = window({ kind: 'quarter', year: 2026, quarter: 2 }, '2026-07-20');
  const YEAR = window({ kind: 'year', year: 2026 }, '2027-01-20');
  const withEntries = (...entries: LedgerEntryRow[]) => task({ periods: periodSlots({ departmentId: 'd1' }, entries) });

  it('takes the newest period up to the window’s last with an official entry, and in it the newest entry', () => {
    const t = withEntries(
      entry('2026Q1', 40, '2026-03-01T00:00:00.000Z'),
      entry('2026Q2', 55, '2026-05-01T00:00:00.000Z'),
      entry('2026Q2', 65, '2026-06-01T00:00:00.000Z'),
      entry('2026Q2', 60, '2026-05-15T00:00:00.000Z'), // filed before the 65: not the newest
      entry('2026Q3', 90, '2026-08-01T00:00:00.000Z'), // a later period: not in Q2
    );
    expect(percentAsOf(t, Q1)).toBe(40);
    expect(percentAsOf(t, Q2)).toBe(65);
    expect(percentAsOf(t, YEAR)).toBe(90);
  });

  it('leaves a quarter’s own 补报 out of that quarter and takes it in the year; an earlier quarter’s counts in both', () => {
    const late = { late: true, reportedOn: '2026-07-05' };
    const t = withEntries(
      entry('2026Q1', 30, '2026-03-01T00:00:00.000Z'),
      entry('2026Q1', 45, '2026-04-10T00:00:00.000Z', late), // 补报 of Q1, newer than its in-time entry
      entry('2026Q2', 50, '2026-06-01T00:00:00.000Z'),
      entry('2026Q2', 80, '2026-07-05T00:00:00.000Z', late),
    );
    expect(percentAsOf(t, Q1)).toBe(30);
    expect(percentAsOf(t, Q2)).toBe(50);
    expect(percentAsOf(t, YEAR)).toBe(80);
    // A quarter with only a 补报 falls back to the quarter before it; an in-time entry filed after the 补报 wins in the year.
    expect(percentAsOf(withEntries(entry('2026Q1', 30, '2026-03-01T00:00:00.000Z'), entry('2026Q2', 70, '2026-07-02T00:00:00.000Z', late)), Q2)).toBe(30);
    expect(percentAsOf(withEntries(entry('2026Q4', 20, '2027-01-05T00:00:00.000Z', late), entry('2026Q4', 25, '2027-01-06T00:00:00.000Z')), YEAR)).toBe(25);
  });

  it('counts only official entries, and only the lead department’s own as reported', () => {
    const other = withEntries(entry('2026Q1', 90, '2026-03-02T00:00:00.000Z', { departmentId: 'd2', official: false }));
    expect(percentAsOf(other, Q1)).toBe(0);
    const ownUnofficial = withEntries(entry('2026Q1', 90, '2026-03-02T00:00:00.000Z', { official: false }));
    expect(percentAsOf(ownUnofficial, Q1)).toBe(0);
    // Reported (signature's last part) for the lead department's own entry, official or not; not for another's.
    expect(JSON.parse(windowSignature(ownUnofficial, Q1, catalogue)).at(-1)).toEqual(['2026Q1']);
    expect(JSON.parse(windowSignature(other, Q1, catalogue)).at(-1)).toEqual([]);
  });
});

describe('a task’s figures in a window, from its figures kept per indicator, period and lateness', () => {
  const YEAR = window({ kind: 'year', year: 2026 }, '2027-01-20');
  const kinds: Record<string, IndicatorInfo> = {
    cases: { id: 'cases', name: '办理案件', unit: '件', kind: 'count' },
    old: { id: 'cases', name: '办理案件', unit: '件', kind: 'count' }, // merged into cases
    rate: { id: 'rate', name: '覆盖率', unit: '%', kind: 'rate' },
  };
  const figuresOf = (t: LedgerTask, w: typeof Q1) => JSON.parse(windowSignature(t, w, (id) => kinds[id]))[4] as [string, number, boolean, unknown[] | null][];

  it('sums a count over the window’s periods (a quarter’s own 补报 only in the year, a merged indicator with its target) and takes a rate’s latest', () => {
    const t = task({
      figures: figureSlots([
        figure('cases', '2026Q1', 3, '2026-02-01T00:00:00.000Z'),
        figure('rate', '2026Q1', 40, '2026-02-01T00:00:00.000Z'),
        figure('cases', '2026Q1', 4, '2026-03-01T00:00:00.000Z'),
        figure('old', '2026Q1', 5, '2026-03-05T00:00:00.000Z'),
        figure('cases', '2026Q1', 2, '2026-04-03T00:00:00.000Z', true),
        figure('rate', '2026Q1', 55, '2026-03-20T00:00:00.000Z'),
        figure('rate', '2026Q1', 50, '2026-03-10T00:00:00.000Z'), // filed before the 55
        figure('cases', '2026Q2', 6, '2026-05-01T00:00:00.000Z'),
      ]),
    });
    const q1 = figuresOf(t, Q1);
    expect(q1.map(([id, sum]) => [id, sum])).toEqual([['cases', 12], ['rate', 0]]);
    expect(q1[1][3]).toEqual([55, null, null, null, '2026Q1', '2026-03-20T00:00:00.000Z']);
    expect(figuresOf(t, YEAR).map(([id, sum]) => [id, sum])).toEqual([['cases', 20], ['rate', 0]]);
  });
});
