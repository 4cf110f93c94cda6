import { describe, expect, it } from '@jest/globals';
import { WorkingDayCalendar } from '../calendar/working-days';
import type { Task } from '../tasks/task.entity';
import { reminderText, workingDaysUntil } from './reminder-messages';
import type { Reminder } from './reminder.entity';

const cal = new WorkingDayCalendar();
const task = { title: '年底任务', percent: 40 } as Task;
const row = (kind: Reminder['kind'], dueDate: string, seq = 1) => ({ kind, dueDate, seq, title: null, body: null }) as unknown as Reminder;

describe('reminder wording is true on the day it is sent', () => {
  it.each([
    // kind, due date, sent on, late, expected fragment, forbidden fragment
    ['due', '2026-12-31', '2026-12-31', false, '今日（2026-12-31）到期', '已逾期'],
    ['due', '2026-12-31', '2027-01-07', true, '已于 2026-12-31 到期（已逾期 7 天）', '今日'],
    ['before_due', '2026-12-31', '2026-12-30', false, '将于 2026-12-31 到期（还有 1 个工作日）', '今日'],
    ['before_due', '2026-12-31', '2026-12-31', true, '今日（2026-12-31）到期', '还有'],
    ['before_due', '2026-12-31', '2027-01-02', true, '已于 2026-12-31 到期（已逾期 2 天）', '将于'],
    ['overdue', '2026-12-31', '2027-01-05', false, '已于 2026-12-31 到期（已逾期 5 天）仍未办结', '今日'],
  ] as const)('%s due %s sent on %s', (kind, due, today, late, expected, forbidden) => {
    const text = reminderText(row(kind, due), task, { today, late, cal });
    expect(text.body).toContain(expected);
    expect(text.body).not.toContain(forbidden);
    expect(text.title.startsWith('【补发】')).toBe(late);
  });

  it('asks for the quarterly report "before" the deadline only while it is ahead', () => {
    expect(reminderText(row('quarterly', '2026-10-10', 3), null, { today: '2026-10-07', late: false, cal, openTasks: [task] }).body).toContain('请于 2026-10-10 前');
    const after = reminderText(row('quarterly', '2026-10-10', 3), null, { today: '2026-10-12', late: true, cal, openTasks: [task] });
    expect(after.body).not.toContain('请于');
    expect(after.body).toContain('已于 2026-10-10 截止');
  });

  it('counts working days, skipping weekends and holidays', () => {
    expect(workingDaysUntil('2026-09-30', '2026-10-09', cal)).toBe(2); // National Day 10-01..07 off; 10-08 and 10-09 work
    expect(workingDaysUntil('2026-12-25', '2026-12-31', cal)).toBe(4);
    expect(workingDaysUntil('2026-12-31', '2026-12-31', cal)).toBe(0);
  });
});
