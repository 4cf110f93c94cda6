// Called inside the transaction of every change that moves a task's deadlines, so that the
// reminders module can plan, move or cancel reminder rows atomically with the change. The default
// does nothing; the reminders module provides the real one.
import { Injectable } from '@nestjs/common';
import type { Task } from './task.entity';

@Injectable()
export class TaskScheduleHook {
  async created(_tasks: Task[]): Promise<void> {}
  async dueDateChanged(_task: Task): Promise<void> {}
  async completed(_task: Task): Promise<void> {}
}
