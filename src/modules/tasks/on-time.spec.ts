import { describe, expect, it } from '@jest/globals';
import { judgeOnTime, onTimeLabel } from './on-time';

describe('judgeOnTime: one meaning of 按期, against the approved due date', () => {
  it.each([
    // dueDate, originalDueDate, completedOn, overdueBefore → onTime, overdue, extended, label
    ['2026-06-30', '2026-06-30', '2026-06-20', '2026-07-01', true, false, false, '按期'],
    ['2026-06-30', '2026-06-30', '2026-07-02', '2026-07-03', false, false, false, '逾期办结'],
    ['2026-09-30', '2026-06-30', '2026-09-20', '2026-10-01', true, false, true, '按期（延期后）'],
    ['2026-09-30', '2026-06-30', null, '2026-07-01', null, false, true, '—'],
    ['2026-09-30', '2026-06-30', null, '2026-10-01', null, true, true, '逾期未办结'],
    ['2026-06-30', '2026-06-30', null, '2026-06-30', null, false, false, '—'],
    ['2026-06-30', '2026-06-30', null, '2026-07-01', null, true, false, '逾期未办结'],
  ] as const)('due %s (originally %s), completed %s, judged before %s', (dueDate, originalDueDate, completedOn, before, onTime, overdue, extended, label) => {
    const j = judgeOnTime({ dueDate, originalDueDate, completedOn }, before);
    expect(j).toEqual({ onTime, overdue, extended });
    expect(onTimeLabel(j)).toBe(label);
  });
});
