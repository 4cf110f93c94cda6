// The operator's view of deliveries: reminders that failed (in-app, or the robot digest after its
// retries) and reminders still undelivered well past their time, with a retry. A retry only changes
// the row (the dispatcher does the queueing, as for every reminder); it is audited.
import { Injectable } from '@nestjs/common';
import { type Actor } from '../../common/auth/actor';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { Conflict, NotFound } from '../../common/errors/domain-error';
import { Clock } from '../../common/time/clock';
import { AuditService } from '../audit/audit.service';
import { ReminderDispatcher } from './reminder-dispatcher.service';
import type { Reminder } from './reminder.entity';
import { RemindersRepository } from './reminders.repository';

/** A reminder still undelivered this long after its time is late. */
export const LATE_AFTER_MS = 5 * 60_000;
const LIST_LIMIT = 500;

export type DeliveryFilter = 'failed' | 'late';

export interface DeliveryView {
  id: string;
  kind: Reminder['kind'];
  planId: string;
  taskId: string | null;
  departmentId: string;
  fireAt: string;
  status: Reminder['status'];
  webhookStatus: Reminder['webhookStatus'];
  attempt: number;
  lastError: string | null;
  sentAt: string | null;
  /** What a retry would do: resend the robot digest, or deliver the reminder again. */
  retry: 'webhook' | 'reminder' | null;
}

@Injectable()
export class DeliveriesService {
  constructor(
    private readonly repo: RemindersRepository,
    private readonly dispatcher: ReminderDispatcher,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /** `planId`: only that plan's deliveries (filtered in the query, so the limit applies to that plan's rows). */
  async list(status: DeliveryFilter, planId?: string): Promise<{ items: DeliveryView[] }> {
    const lateBefore = new Date(this.clock.now().getTime() - LATE_AFTER_MS).toISOString();
    const rows = await this.repo.deliveries(status, lateBefore, LIST_LIMIT, planId);
    return { items: rows.map((r) => this.view(r, lateBefore)) };
  }

  async retry(id: string, actor: Actor): Promise<DeliveryView> {
    const now = this.clock.now();
    const lateBefore = new Date(now.getTime() - LATE_AFTER_MS).toISOString();
    const after = await this.tx.run(async () => {
      const row = await this.repo.findById(id);
      if (!row) throw new NotFound('id', id);
      const what = this.retryKind(row, lateBefore);
      if (!what) throw new Conflict(`id: 该提醒无需重试（状态：${STATUS_TEXT[row.status]}，群机器人：${WEBHOOK_TEXT[row.webhookStatus]}）`);
      if (what === 'webhook') await this.repo.retryWebhook(id, now.toISOString());
      else await this.repo.retryReminder(id, now.toISOString());
      const updated = (await this.repo.findById(id))!;
      await this.audit.record({
        actorId: actor.id, action: 'delivery.retry', entityType: 'reminder', entityId: id,
        before: { status: row.status, webhookStatus: row.webhookStatus, attempt: row.attempt, lastError: row.lastError },
        after: { status: updated.status, webhookStatus: updated.webhookStatus, attempt: updated.attempt },
      });
      return updated;
    });
    this.dispatcher.nudge();
    return this.view(after, lateBefore);
  }

  private retryKind(r: Reminder, lateBefore: string): DeliveryView['retry'] {
    if (r.webhookStatus === 'failed') return 'webhook';
    if (r.status === 'failed') return 'reminder';
    if ((r.status === 'planned' || r.status === 'queued') && r.fireAt < lateBefore) return 'reminder';
    return null;
  }

  private view(r: Reminder, lateBefore: string): DeliveryView {
    return {
      id: r.id, kind: r.kind, planId: r.planId, taskId: r.taskId, departmentId: r.departmentId, fireAt: r.fireAt,
      status: r.status, webhookStatus: r.webhookStatus, attempt: r.attempt, lastError: r.lastError, sentAt: r.sentAt,
      retry: this.retryKind(r, lateBefore),
    };
  }
}

const STATUS_TEXT: Record<Reminder['status'], string> = {
  planned: '待排队', queued: '已排队', sent: '已送达', cancelled: '已取消', failed: '失败', skipped: '已跳过',
};
const WEBHOOK_TEXT: Record<Reminder['webhookStatus'], string> = {
  none: '未配置', pending: '待发送', sending: '发送中', sent: '已发送', failed: '发送失败',
};
