// Publishes task events inside the transaction of the change (outbox style): the in-app
// notifications of every recipient are written there, and each department robot concerned gets an
// `event` reminder row due now, which the dispatcher delivers after commit through the same path
// as reminders (BullMQ job → delivery → the department's markdown digest). A robot that is down
// never loses the message: the row waits, like any reminder.
import { Injectable } from '@nestjs/common';
import { newId } from '../../common/database/ids';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { Clock } from '../../common/time/clock';
import { DepartmentsRepository } from '../departments/departments.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { TaskEventMessage, TaskEventPublisher, taskLink } from '../tasks/task-events';
import { ReminderDispatcher } from './reminder-dispatcher.service';
import type { Reminder } from './reminder.entity';
import { RemindersRepository } from './reminders.repository';

@Injectable()
export class EventPublisher extends TaskEventPublisher {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly repo: RemindersRepository,
    private readonly departments: DepartmentsRepository,
    private readonly dispatcher: ReminderDispatcher,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {
    super();
  }

  async publish(events: TaskEventMessage[]): Promise<void> {
    if (!events.length) return;
    const now = this.clock.now().toISOString();
    const robotRows: Reminder[] = [];
    const inApp: Parameters<NotificationsService['notify']>[0] = [];
    const hookCache = new Map<string, boolean>();
    // A bulk assignment publishes thousands of events to a handful of departments: resolve each audience once.
    const audiences = new Map<string, Awaited<ReturnType<NotificationsService['recipients']>>>();
    for (const e of events) {
      const audience = JSON.stringify([[...(e.to.departmentIds ?? [])].sort(), [...(e.to.roles ?? [])].sort()]);
      let users = audiences.get(audience);
      if (!users) audiences.set(audience, (users = await this.notifications.recipients(e.to)));
      inApp.push({ users, event: {
        eventKey: e.eventKey, kind: e.kind, title: e.title, body: e.body, planId: e.planId, taskId: e.taskId,
        link: e.link ?? (e.taskId ? taskLink(e.taskId) : null),
      } });
      // The robots of the departments addressed, and of the departments the recipients belong to.
      const departmentIds = [...new Set([...(e.to.departmentIds ?? []), ...users.map((u) => u.departmentId).filter((d): d is string => !!d)])];
      const unknown = departmentIds.filter((d) => !hookCache.has(d));
      for (const d of await this.departments.findByIds(unknown)) hookCache.set(d.id, !!d.webhookUrl);
      for (const departmentId of departmentIds) {
        if (!hookCache.get(departmentId)) continue;
        robotRows.push({
          id: newId(), key: `e:${e.eventKey}:${departmentId}`.slice(0, 160), planId: e.planId, taskId: e.taskId, departmentId, kind: 'event', seq: 0,
          dueDate: null, title: e.title.slice(0, 200), body: e.body, fireAt: now, status: 'planned', attempt: 1, jobId: null,
          webhookStatus: 'none', webhookClaim: null, lastError: null, sentAt: null, createdAt: now, updatedAt: now,
        });
      }
    }
    await this.notifications.notify(inApp);
    if (robotRows.length) {
      await this.repo.insertIgnoringExisting(robotRows);
      this.tx.afterCommit(() => this.dispatcher.nudge());
    }
  }
}
