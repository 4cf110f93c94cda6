// When reminders fire: pure functions of a task (or a department's plan participation), the policy,
// the working-day calendar and "now". Times are instants of a local hour in Asia/Shanghai.
import type { ReminderPolicy } from '../../../config/app-config';
import { businessDateOf, businessInstant, formatDate } from '../../common/time/business-date';
import type { WorkingDayCalendar } from '../calendar/working-days';
import type { ReminderKind } from './reminder.entity';

export interface DesiredReminder {
  key: string;
  planId: string;
  taskId: string | null;
  departmentId: string;
  kind: ReminderKind;
  seq: number;
  dueDate: string;
  fireAt: string;
}

export interface SchedulableTask {
  id: string;
  planId: string;
  leadDepartmentId: string;
  dueDate: string;
  status: string;
}

export const taskReminderKey = (taskId: string, kind: ReminderKind, fireAt: string) => `t:${taskId}:${kind}:${fireAt}`;
export const quarterlyReminderKey = (planId: string, departmentId: string, fireAt: string) => `q:${planId}:${departmentId}:${fireAt}`;
export const acknowledgeReminderKey = (taskId: string, departmentId: string, fireAt: string) => `a:${taskId}:${departmentId}:${fireAt}`;
/** The kinds a task's own schedule produces (reconciled when its dates, departments or the calendar change). */
export const TASK_SCHEDULE_KINDS = ['before_due', 'due', 'overdue', 'acknowledge'] as const;

/** The n-th overdue reminder: n×N working days after the due date. */
export function overdueFireAt(dueDate: string, n: number, policy: ReminderPolicy, cal: WorkingDayCalendar): string {
  return businessInstant(cal.addWorkingDays(dueDate, n * policy.overdueEveryWorkingDays), policy.hour).toISOString();
}

/**
 * The reminders a task should have from now on: before its due date at each offset (working days),
 * on the due date, and the next overdue one. Reminders whose time has passed are not planned.
 * Later overdue reminders are planned one at a time, as each is sent while the task stays open.
 */
export function taskReminders(task: SchedulableTask, policy: ReminderPolicy, cal: WorkingDayCalendar, now: Date): DesiredReminder[] {
  if (task.status === 'completed' || task.status === 'cancelled') return [];
  const out: DesiredReminder[] = [];
  const push = (kind: ReminderKind, seq: number, fireAt: string) => {
    if (new Date(fireAt).getTime() > now.getTime()) {
      out.push({ key: taskReminderKey(task.id, kind, fireAt), planId: task.planId, taskId: task.id, departmentId: task.leadDepartmentId, kind, seq, dueDate: task.dueDate, fireAt });
    }
  };
  for (const n of policy.beforeWorkingDays) {
    push('before_due', n, businessInstant(cal.workingDaysBefore(task.dueDate, n), policy.hour).toISOString());
  }
  push('due', 0, businessInstant(task.dueDate, policy.hour).toISOString());
  // The next overdue reminder after now (a task assigned already overdue starts at the first one ahead).
  for (let n = 1; n <= 400; n++) {
    const fireAt = overdueFireAt(task.dueDate, n, policy, cal);
    if (new Date(fireAt).getTime() > now.getTime()) {
      push('overdue', n, fireAt);
      break;
    }
  }
  return out;
}

/**
 * 签收 reminders: each department taking part that has not acknowledged the task is reminded N
 * working days after the task was assigned (0: never). Past times are not planned.
 */
export function acknowledgeReminders(
  task: SchedulableTask & { createdAt: string }, unacknowledged: string[], policy: ReminderPolicy, cal: WorkingDayCalendar, now: Date,
): DesiredReminder[] {
  if (task.status === 'completed' || task.status === 'cancelled' || policy.acknowledgeWithinWorkingDays <= 0) return [];
  const assignedOn = businessDateOf(new Date(task.createdAt));
  const fireAt = businessInstant(cal.addWorkingDays(assignedOn, policy.acknowledgeWithinWorkingDays), policy.hour).toISOString();
  if (new Date(fireAt).getTime() <= now.getTime()) return [];
  return unacknowledged.map((departmentId) => ({
    key: acknowledgeReminderKey(task.id, departmentId, fireAt), planId: task.planId, taskId: task.id, departmentId,
    kind: 'acknowledge' as const, seq: policy.acknowledgeWithinWorkingDays, dueDate: task.dueDate, fireAt,
  }));
}

/** Reporting deadline of a quarter's progress: the 10th (the plan's reporting window day) of the quarter's first following month. */
export function reportingDeadline(year: number, quarter: number, day = 10): string {
  return quarter === 4 ? formatDate(year + 1, 1, day) : formatDate(year, quarter * 3 + 1, day);
}

/** Quarterly progress reminders for a department taking part in a plan, for the quarters still ahead. */
export function quarterlyReminders(
  planId: string, departmentId: string, planYear: number, policy: ReminderPolicy, cal: WorkingDayCalendar, now: Date,
): DesiredReminder[] {
  const out: DesiredReminder[] = [];
  for (const quarter of [1, 2, 3, 4]) {
    const deadline = reportingDeadline(planYear, quarter, policy.reportingWindowDay ?? 10);
    const fireAt = businessInstant(cal.workingDaysBefore(deadline, policy.quarterlyWorkingDaysBefore), policy.hour).toISOString();
    if (new Date(fireAt).getTime() > now.getTime()) {
      out.push({ key: quarterlyReminderKey(planId, departmentId, fireAt), planId, taskId: null, departmentId, kind: 'quarterly', seq: quarter, dueDate: deadline, fireAt });
    }
  }
  return out;
}

/** The configured policy with a plan's overrides; fields the plan leaves unset keep the configuration. */
export function effectivePolicy(base: ReminderPolicy, override: Partial<ReminderPolicy> | null | undefined): ReminderPolicy {
  const set = Object.entries(override ?? {}).filter(([, v]) => v !== undefined && v !== null);
  return { ...base, ...Object.fromEntries(set) };
}

/** BullMQ delay for a reminder: from the service clock's now to its time, never negative (PITFALLS A1). */
export function delayUntil(fireAt: string, now: Date): number {
  return Math.max(0, new Date(fireAt).getTime() - now.getTime());
}
