// Events people must hear about (督办 issued, a request submitted or decided, a task assigned,
// changed or cancelled). Services publish them inside the transaction of the change; the
// reminders module implements the publisher: in-app notifications in that same transaction, and
// a row per department robot that the reminder dispatcher delivers after commit.
import type { Role } from '../users/user.entity';

export interface TaskEventMessage {
  /** Unique per event (e.g. `notice:<id>:issued`): publishing it twice notifies nobody twice. */
  eventKey: string;
  /** Notification kind (at most 16 characters), e.g. notice_issued. */
  kind: string;
  title: string;
  body: string;
  planId: string;
  taskId: string | null;
  /** Where the web app opens it; default /tasks/<taskId>. */
  link?: string;
  /** Users of these departments, and every user with these roles, each once. */
  to: { departmentIds?: string[]; roles?: Role[] };
}

export abstract class TaskEventPublisher {
  abstract publish(events: TaskEventMessage[]): Promise<void>;
}

export const taskLink = (taskId: string) => `/tasks/${taskId}`;
