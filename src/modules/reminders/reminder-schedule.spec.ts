import { describe, expect, it } from '@jest/globals';
import type { ReminderPolicy } from '../../../config/app-config';
import { WorkingDayCalendar } from '../calendar/working-days';
import { delayUntil, quarterlyReminders, reportingDeadline, taskReminders } from './reminder-schedule';

const policy: ReminderPolicy = { beforeWorkingDays: [5, 1], hour: 9, overdueEveryWorkingDays: 3, autoSuperviseAfter: 2, quarterlyWorkingDaysBefore: 3, reportingWindowDay: 10, closeAfterWorkingDays: 3, acknowledgeWithinWorkingDays: 2 };
const cal = new WorkingDayCalendar();
const task = (dueDate: string, status = 'in_progress') => ({ id: 'task-1', planId: 'plan-1', leadDepartmentId: 'dept-1', dueDate, status });

describe('reminder schedule', () => {
  it('counts working days across the 2025 National Day holiday and its make-up Sunday', () => {
    const r = taskReminders(task('2025-10-09'), policy, cal, new Date('2025-09-01T00:00:00Z'));
    const byKind = Object.fromEntries(r.map((x) => [`${x.kind}${x.seq}`, x.fireAt]));
    // 1 working day before 2025-10-09: 1–8 October are holidays, so Tuesday 30 September, 09:00 Shanghai.
    expect(byKind.before_due1).toBe('2025-09-30T01:00:00.000Z');
    // 5 working days before: 30, 29, 28 (make-up Sunday), 26, 25 September.
    expect(byKind.before_due5).toBe('2025-09-25T01:00:00.000Z');
    expect(byKind.due0).toBe('2025-10-09T01:00:00.000Z');
    // First overdue reminder 3 working days after: 10 (Fri), 11 (make-up Saturday), 13 (Mon).
    expect(byKind.overdue1).toBe('2025-10-13T01:00:00.000Z');
  });

  it('plans nothing for a completed task and nothing in the past', () => {
    expect(taskReminders(task('2026-06-30', 'completed'), policy, cal, new Date('2026-01-01T00:00:00Z'))).toEqual([]);
    const late = taskReminders(task('2026-06-30'), policy, cal, new Date('2026-06-29T12:00:00Z'));
    expect(late.map((r) => r.kind)).toEqual(['due', 'overdue']);
  });

  it('starts an already overdue task at the next overdue reminder ahead', () => {
    const r = taskReminders(task('2026-03-02'), policy, cal, new Date('2026-03-10T12:00:00Z'));
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ kind: 'overdue', seq: 3 });
  });

  it('gives the same reminders whatever the order of the before-due offsets', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const byKey = (rs: { key: string }[]) => [...rs].sort((a, b) => a.key.localeCompare(b.key));
    const descending = taskReminders(task('2026-12-31'), policy, cal, at);
    const ascending = taskReminders(task('2026-12-31'), { ...policy, beforeWorkingDays: [1, 5] }, cal, at);
    expect(descending.filter((x) => x.kind === 'before_due')).toHaveLength(2);
    expect(byKey(ascending)).toEqual(byKey(descending));
  });

  it('keeps keys unique per task, kind and time', () => {
    const r = taskReminders(task('2026-12-31'), policy, cal, new Date('2026-01-01T00:00:00Z'));
    expect(new Set(r.map((x) => x.key)).size).toBe(r.length);
    expect(r.every((x) => x.key.startsWith('t:task-1:'))).toBe(true);
  });

  it('reminds of quarterly reporting ahead of the 10th of the following month', () => {
    expect(reportingDeadline(2026, 1)).toBe('2026-04-10');
    expect(reportingDeadline(2026, 4)).toBe('2027-01-10');
    const q = quarterlyReminders('plan-1', 'dept-1', 2026, policy, cal, new Date('2026-05-01T00:00:00Z'));
    expect(q.map((x) => x.seq)).toEqual([2, 3, 4]);
    // 3 working days before Friday 2026-07-10: 7, 8, 9 July.
    expect(q[0].fireAt).toBe('2026-07-07T01:00:00.000Z');
  });

  it('follows an entered calendar for a year the package does not know', () => {
    const entered = new WorkingDayCalendar(new Map([[2027, { holidays: ['2027-01-01'], workdays: [] }]]));
    const fallback = taskReminders(task('2027-01-04'), policy, cal, new Date('2026-12-01T00:00:00Z'));
    const official = taskReminders(task('2027-01-04'), policy, entered, new Date('2026-12-01T00:00:00Z'));
    const one = (r: typeof fallback) => r.find((x) => x.kind === 'before_due' && x.seq === 1)!.fireAt;
    expect(one(fallback)).toBe('2027-01-01T01:00:00.000Z'); // Mon–Fri guess: Friday 1 January
    expect(one(official)).toBe('2026-12-31T01:00:00.000Z');
  });

  it('delays a job from the service clock to the reminder time, and never negatively', () => {
    const now = new Date('2026-06-29T00:59:58.000Z');
    expect(delayUntil('2026-06-29T01:00:00.000Z', now)).toBe(2000);
    expect(delayUntil('2026-06-29T00:00:00.000Z', now)).toBe(0);
  });
});
