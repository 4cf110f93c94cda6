// What a task adds to a closing quarter's roll-up (windowSignature): a close folded before its
// transaction is stored only if the writes that landed meanwhile leave the quarter as folded.
import { describe, expect, it } from '@jest/globals';
import { window } from './rollups.service';
import { percentAsOf, windowSignature, type LedgerTask } from './ledger-model';
import type { IndicatorInfo } from './rollup-fold';

const Q1 = window({ kind: 'quarter', year: 2026, quarter: 1 }, '2026-04-20');
const catalogue = (id: string): IndicatorInfo => ({ id, name: id, unit: '件', kind: 'count' });

function task(over: Partial<LedgerTask> = {}): LedgerTask {
  return {
    id: 't1', seq: 1, itemNumber: 1, itemPosition: 1, title: '任务', chapterId: 'c1', departmentId: 'd1', originalDueDate: '2026-03-20', dueDate: '2026-03-20',
    completedOn: null, createdAt: '2026-02-01T00:00:00.000Z', status: 'in_progress', percent: 40, pendingExtension: false, startDate: '2026-02-01',
    startDay: 0, dueDay: 0, lastReportedOn: null, cellKey: 'c1|d1', progress: new Map([['2026Q1', { inTime: { percent: 40, createdAt: '2026-03-01T00:00:00.000Z', id: 'r1' }, late: null }]]),
    reported: new Set(['2026Q1']), figures: [], notices: [], lateEntries: [], memo: new Map(), ...over,
  };
}

describe('what a task adds to a closing quarter', () => {
  it('is unchanged by an entry for a later quarter and by a completion after the quarter’s end', () => {
    const before = task();
    const laterEntry = task({
      percent: 70, lastReportedOn: '2026-04-18',
      progress: new Map([...before.progress, ['2026Q2', { inTime: { percent: 70, createdAt: '2026-04-18T00:00:00.000Z', id: 'r2' }, late: null }]]),
      reported: new Set(['2026Q1', '2026Q2']),
      figures: [{ indicatorId: 'i1', buckets: [{ period: '2026Q2', late: false, sum: 3, latest: { value: 3, numerator: null, denominator: null, textValue: null, period: '2026Q2', createdAt: '2026-04-18T00:00:00.000Z' } }] }],
    });
    const completedLater = task({ status: 'completed', completedOn: '2026-04-19', percent: 100 });
    expect(windowSignature(laterEntry, Q1, catalogue)).toBe(windowSignature(before, Q1, catalogue));
    expect(windowSignature(completedLater, Q1, catalogue)).toBe(windowSignature(before, Q1, catalogue));
    expect(percentAsOf(completedLater, Q1)).toBe(40);
  });

  it('changes with an entry for the quarter, a due date moved, a 督办 notice within it, a cancellation or a new task', () => {
    const before = task();
    const sig = windowSignature(before, Q1, catalogue);
    const q1Entry = task({ progress: new Map([['2026Q1', { inTime: { percent: 60, createdAt: '2026-04-05T00:00:00.000Z', id: 'r3' }, late: null }]]) });
    expect(windowSignature(q1Entry, Q1, catalogue)).not.toBe(sig);
    expect(windowSignature(task({ dueDate: '2026-04-30' }), Q1, catalogue)).not.toBe(sig);
    expect(windowSignature(task({ notices: [{ taskId: 't1', issuedOn: '2026-03-25', respondedOn: null, respondBy: '2026-04-01' }] }), Q1, catalogue)).not.toBe(sig);
    expect(windowSignature(task({ status: 'cancelled' }), Q1, catalogue)).toBe('');
    expect(windowSignature(undefined, Q1, catalogue)).toBe('');
    expect(windowSignature(task({ createdAt: '2026-04-19T00:00:00.000Z' }), Q1, catalogue)).toBe(''); // created after the quarter
  });
});
