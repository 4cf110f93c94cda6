// Called inside the transaction of every change that moves a task's deadlines, so that reminder
// rows are planned, moved or cancelled atomically with the change (transactional outbox). The
// reminders module provides the implementation (ReminderPlanner); tasks only know this contract.
import type { Task } from './task.entity';

export abstract class TaskScheduleHook {
  abstract created(tasks: Task[]): Promise<void>;
  abstract dueDateChanged(task: Task): Promise<void>;
  abstract completed(task: Task): Promise<void>;
  /** 撤销: every reminder still to come is cancelled. */
  abstract cancelled(task: Task): Promise<void>;
  /** 签收 by one department: its acknowledgement reminder is no longer wanted. */
  abstract acknowledged(task: Task, departmentId: string): Promise<void>;
  /** The lead or co-operating departments changed: reminders still to come go to the new lead, and
   *  quarterly reminders follow the departments now taking part. */
  abstract departmentsChanged(task: Task): Promise<void>;
}
