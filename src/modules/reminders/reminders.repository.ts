// Reminder rows: planning, the dispatcher's outbox columns, delivery and the webhook digest claims.
import { Injectable } from '@nestjs/common';
import { In, IsNull, Not } from 'typeorm';
import { inChunks } from '../../common/database/chunks';
import { TransactionalRepository } from '../../common/database/transactional-repository';
import { Reminder } from './reminder.entity';
import { TASK_SCHEDULE_KINDS } from './reminder-schedule';

const OPEN = ['planned', 'queued'] as const;
/** Reminders about a task's dates (not events, not 签收): they follow the lead department. */
const DUE_KINDS = ['before_due', 'due', 'overdue'] as const;

/** Column ↔ field of the reminders table, for the hand-built bulk insert. */
const REMINDER_COLUMNS: [string, keyof Reminder][] = [
  ['id', 'id'], ['key', 'key'], ['plan_id', 'planId'], ['task_id', 'taskId'], ['department_id', 'departmentId'], ['kind', 'kind'],
  ['seq', 'seq'], ['due_date', 'dueDate'], ['title', 'title'], ['body', 'body'], ['fire_at', 'fireAt'], ['status', 'status'], ['attempt', 'attempt'], ['job_id', 'jobId'],
  ['webhook_status', 'webhookStatus'], ['webhook_claim', 'webhookClaim'], ['last_error', 'lastError'], ['sent_at', 'sentAt'],
  ['created_at', 'createdAt'], ['updated_at', 'updatedAt'],
];

@Injectable()
export class RemindersRepository extends TransactionalRepository {
  /** Inserts rows whose key is new; an existing key (same task, kind and time) is left as it is. */
  async insertIgnoringExisting(rows: Reminder[]): Promise<void> {
    // Hand-built multi-row INSERTs: planning writes ~200,000 rows for a province, and TypeORM's
    // query builder costs far more per row than the database does.
    const em = this.em();
    const postgres = em.connection.options.type === 'postgres';
    const columns = REMINDER_COLUMNS.map(([column]) => `"${column}"`).join(', ');
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const params: unknown[] = [];
      const tuples = chunk.map((r) => {
        const start = params.length;
        for (const [, field] of REMINDER_COLUMNS) params.push(r[field]);
        return `(${REMINDER_COLUMNS.map((_, k) => (postgres ? `$${start + k + 1}` : '?')).join(', ')})`;
      });
      const values = tuples.join(', ');
      await em.query(
        postgres
          ? `INSERT INTO reminders (${columns}) VALUES ${values} ON CONFLICT DO NOTHING`
          : `INSERT OR IGNORE INTO reminders (${columns}) VALUES ${values}`,
        params,
      );
    }
  }

  byKeys(keys: string[]): Promise<Reminder[]> {
    return inChunks(keys, (chunk) => this.em().find(Reminder, { where: { key: In(chunk) } }));
  }

  /** The rows a task's own schedule produced (dates and 签收), not its event rows. */
  taskRowsOf(taskIds: string[]): Promise<Reminder[]> {
    return inChunks(taskIds, (chunk) => this.em().find(Reminder, { where: { taskId: In(chunk), kind: In([...TASK_SCHEDULE_KINDS]) } }));
  }

  /**
   * Schedule rows of these tasks whose time has come by `now` and that were not cancelled: a late
   * reminder is superseded when a later one of the same sequence is among them.
   */
  dueScheduleRowsOf(taskIds: string[], now: string): Promise<Reminder[]> {
    return inChunks(taskIds, (chunk) => this.em().createQueryBuilder(Reminder, 'r')
      .where({ taskId: In(chunk), kind: In([...TASK_SCHEDULE_KINDS]), status: Not(In(['cancelled'])) })
      .andWhere('r.fire_at <= :now', { now }).getMany());
  }

  /** Overdue reminders already sent about a task's due date. */
  sentOverdueOf(taskId: string, dueDate: string): Promise<Reminder[]> {
    return this.em().find(Reminder, { where: { taskId, dueDate, kind: 'overdue', status: 'sent' } });
  }

  /** Quarterly rows of a plan and department whose time has come by `now` (not cancelled). */
  dueQuarterlyRowsOf(planId: string, departmentId: string, now: string): Promise<Reminder[]> {
    return this.em().createQueryBuilder(Reminder, 'r')
      .where({ planId, departmentId, kind: 'quarterly', status: Not(In(['cancelled'])) })
      .andWhere('r.fire_at <= :now', { now }).getMany();
  }

  /** Tasks with open schedule rows firing in [from, to): replanned when the calendar of those days changes. */
  async taskIdsWithOpenRowsBetween(from: string, to: string): Promise<string[]> {
    const rows = await this.em().createQueryBuilder(Reminder, 'r').select('DISTINCT r.task_id', 'taskId')
      .where({ status: In([...OPEN]), kind: In([...TASK_SCHEDULE_KINDS]) })
      .andWhere('r.task_id IS NOT NULL AND r.fire_at >= :from AND r.fire_at < :to', { from, to }).getRawMany<{ taskId: string }>();
    return rows.map((r) => r.taskId);
  }

  /** A task's reminders (dates and 签收); event rows are deliveries to robots, not reminders. */
  forTask(taskId: string): Promise<Reminder[]> {
    return this.em().find(Reminder, { where: { taskId, kind: Not('event') }, order: { fireAt: 'ASC', kind: 'ASC' } });
  }

  findById(id: string): Promise<Reminder | null> {
    return this.em().findOneBy(Reminder, { id });
  }

  /**
   * The reminder a delivery is about, locked until its transaction ends on PostgreSQL: when another
   * delivery has taken it into its batch (dueQueued), this one waits for that commit and then finds it
   * sent. SQLite runs one writing transaction at a time anyway.
   */
  findForDelivery(id: string): Promise<Reminder | null> {
    const qb = this.em().createQueryBuilder(Reminder, 'r').where('r.id = :id', { id });
    if (this.postgres()) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async setStatus(ids: string[], status: Reminder['status'], now: string): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      await this.em().update(Reminder, { id: In(ids.slice(i, i + 500)) }, { status, updatedAt: now });
    }
  }

  /** Revives cancelled/skipped rows wanted again: a new attempt, so any old job is stale. */
  async revive(ids: string[], now: string): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      await this.em().createQueryBuilder().update(Reminder)
        .set({ status: 'planned', attempt: () => 'attempt + 1', updatedAt: now })
        .where({ id: In(ids.slice(i, i + 500)) }).execute();
    }
  }

  /** Date reminders still to come go to the new lead department. */
  async retargetOpen(taskId: string, departmentId: string, now: string): Promise<void> {
    await this.em().update(Reminder, { taskId, status: In([...OPEN]), kind: In([...DUE_KINDS]) }, { departmentId, updatedAt: now });
  }

  /** The task is done or cancelled: its schedule is cancelled (event rows about it still go out). */
  async cancelOpenOfTask(taskId: string, now: string): Promise<void> {
    await this.em().update(Reminder, { taskId, status: In([...OPEN]), kind: In([...TASK_SCHEDULE_KINDS]) }, { status: 'cancelled', updatedAt: now });
  }

  async cancelOpenAcknowledge(taskId: string, departmentId: string, now: string): Promise<void> {
    await this.em().update(Reminder, { taskId, departmentId, status: In([...OPEN]), kind: 'acknowledge' }, { status: 'cancelled', updatedAt: now });
  }

  // ---- dispatcher ---------------------------------------------------------------------------

  /** The next planned rows after a (fireAt, id) position, in that order. */
  async plannedBatch(limit: number, after: { fireAt: string; id: string } | null): Promise<Pick<Reminder, 'id' | 'attempt' | 'fireAt'>[]> {
    const qb = this.em().createQueryBuilder(Reminder, 'r')
      .select('r.id', 'id').addSelect('r.attempt', 'attempt').addSelect('r.fire_at', 'fireAt')
      .where('r.status = :planned', { planned: 'planned' });
    if (after) qb.andWhere('(r.fire_at > :afterFire OR (r.fire_at = :afterFire AND r.id > :afterId))', { afterFire: after.fireAt, afterId: after.id });
    // Raw rows, not entities: the dispatcher needs three columns of up to 1,000 rows a batch.
    const rows = await qb.orderBy('r.fire_at', 'ASC').addOrderBy('r.id', 'ASC').limit(limit).getRawMany<{ id: string; attempt: number | string; fireAt: string }>();
    return rows.map((r) => ({ id: r.id, attempt: Number(r.attempt), fireAt: r.fireAt }));
  }

  /**
   * Marks rows queued under the job id of their attempt, in one statement per batch. Only rows still
   * planned change (a planned row's attempt cannot change meanwhile; cancelling moves it out of planned).
   * The id expression must match reminderJobId().
   */
  async markQueued(ids: string[], now: string): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      await this.em().createQueryBuilder().update(Reminder)
        .set({ status: 'queued', jobId: () => "'rem-' || id || '-a' || attempt", updatedAt: now })
        // `status || ''`: an expression, so SQLite looks the ids up by primary key instead of scanning
        // every planned row through idx_reminders_status_fire for each batch (quadratic at 200,000 rows).
        .where({ id: In(ids.slice(i, i + 500)) }).andWhere("status || '' = :planned", { planned: 'planned' }).execute();
    }
  }

  /** Rows no longer due to fire whose BullMQ job may still exist. */
  withStaleJobs(limit: number): Promise<Reminder[]> {
    return this.em().find(Reminder, { where: { status: In(['cancelled', 'skipped']), jobId: Not(IsNull()) }, take: limit });
  }

  async clearJobIds(ids: string[]): Promise<void> {
    if (ids.length) await this.em().update(Reminder, { id: In(ids) }, { jobId: null });
  }

  /** Queued rows long past their time: their job was lost (Redis flushed, worker down): plan again. */
  async requeueLost(before: string, now: string): Promise<number> {
    const res = await this.em().createQueryBuilder().update(Reminder)
      .set({ status: 'planned', attempt: () => 'attempt + 1', updatedAt: now })
      .where('status = :queued AND fire_at < :before', { queued: 'queued', before }).execute();
    return res.affected ?? 0;
  }

  queuedJobIds(): Promise<{ id: string; jobId: string | null }[]> {
    return this.em().find(Reminder, { select: { id: true, jobId: true }, where: { status: 'queued' } });
  }

  async requeueIds(ids: string[], now: string): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      await this.em().createQueryBuilder().update(Reminder)
        .set({ status: 'planned', attempt: () => 'attempt + 1', updatedAt: now })
        .where({ id: In(ids.slice(i, i + 500)) }).andWhere("status || '' = :queued", { queued: 'queued' }).execute();
    }
  }

  // ---- delivery -----------------------------------------------------------------------------

  /**
   * Queued reminders due by `now`, delivered with the one a job fired. On PostgreSQL they are locked
   * for the delivery's transaction, and rows another delivery holds are skipped: without it, twenty
   * jobs firing together (the worker's concurrency) each took the others' rows into their batches and
   * marked them again, and one that committed after a digest had gone out set its rows back to pending:
   * the robot got them twice (in-app notifications were spared by their unique key).
   */
  dueQueued(now: string, limit: number, excludeId: string): Promise<Reminder[]> {
    const qb = this.em().createQueryBuilder(Reminder, 'r')
      .where('r.status = :queued AND r.fire_at <= :now AND r.id <> :excludeId', { queued: 'queued', now, excludeId })
      .orderBy('r.fire_at', 'ASC').limit(limit);
    if (this.postgres()) qb.setLock('pessimistic_write').setOnLocked('skip_locked');
    return qb.getMany();
  }

  async markDelivered(ids: string[], webhookStatus: Reminder['webhookStatus'], now: string): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      await this.em().update(Reminder, { id: In(ids.slice(i, i + 500)) }, { status: 'sent', sentAt: now, jobId: null, webhookStatus, updatedAt: now });
    }
  }

  /** Claims a department's pending digest rows for one send; returns the rows this claim got. */
  async claimPendingWebhooks(departmentId: string, claim: string, now: string): Promise<Reminder[]> {
    await this.em().update(Reminder, { departmentId, webhookStatus: 'pending' }, { webhookStatus: 'sending', webhookClaim: claim, updatedAt: now });
    return this.em().find(Reminder, { where: { webhookClaim: claim, webhookStatus: 'sending' }, order: { fireAt: 'ASC', id: 'ASC' } });
  }


  /** Claims left 'sending' by a crashed process go back to pending. */
  async releaseStaleWebhookClaims(before: string, now: string): Promise<number> {
    const res = await this.em().createQueryBuilder().update(Reminder)
      .set({ webhookStatus: 'pending', webhookClaim: null, updatedAt: now })
      .where('webhook_status = :sending AND updated_at < :before', { sending: 'sending', before }).execute();
    return res.affected ?? 0;
  }

  async departmentsWithPendingWebhooks(sentBefore: string): Promise<{ departmentId: string; firstFireAt: string }[]> {
    return this.em().createQueryBuilder(Reminder, 'r')
      .select('r.department_id', 'departmentId').addSelect('MIN(r.fire_at)', 'firstFireAt')
      .where('r.webhook_status = :pending AND r.sent_at < :sentBefore', { pending: 'pending', sentBefore })
      .groupBy('r.department_id').getRawMany();
  }

  // ---- replanning ---------------------------------------------------------------------------

  quarterlyOfPlan(planId: string): Promise<Reminder[]> {
    return this.em().find(Reminder, { where: { planId, kind: 'quarterly' } });
  }

  // ---- operations (metrics, the deliveries view) -------------------------------------------

  async countByStatus(): Promise<{ status: string; webhookStatus: string; n: number }[]> {
    const rows = await this.em().createQueryBuilder(Reminder, 'r')
      .select('r.status', 'status').addSelect('r.webhook_status', 'webhookStatus').addSelect('COUNT(*)', 'n')
      .groupBy('r.status').addGroupBy('r.webhook_status').getRawMany<{ status: string; webhookStatus: string; n: string | number }>();
    return rows.map((r) => ({ ...r, n: Number(r.n) }));
  }

  /** Deliveries an operator must look at: failed (in-app or robot), or late (still undelivered past `lateBefore`); of one plan when given. */
  deliveries(status: 'failed' | 'late', lateBefore: string, limit: number, planId?: string): Promise<Reminder[]> {
    const q = this.em().createQueryBuilder(Reminder, 'r');
    if (status === 'failed') q.where('(r.status = :failed OR r.webhook_status = :failed)', { failed: 'failed' });
    else q.where('r.status IN (:...open) AND r.fire_at < :lateBefore', { open: [...OPEN], lateBefore });
    if (planId !== undefined) q.andWhere('r.plan_id = :planId', { planId });
    return q.orderBy('r.fire_at', 'DESC').addOrderBy('r.id', 'ASC').limit(limit).getMany();
  }

  /** A failed robot digest goes back to pending: the dispatcher's webhook sweep sends it again. */
  async retryWebhook(id: string, now: string): Promise<void> {
    await this.em().update(Reminder, { id, webhookStatus: 'failed' }, { webhookStatus: 'pending', webhookClaim: null, lastError: null, updatedAt: now });
  }

  /** A failed or stuck reminder is planned again under a new attempt (its old job, if any, can no longer act). */
  async retryReminder(id: string, now: string): Promise<void> {
    await this.em().createQueryBuilder().update(Reminder)
      .set({ status: 'planned', attempt: () => 'attempt + 1', jobId: null, lastError: null, updatedAt: now })
      .where('id = :id AND status IN (:...statuses)', { id, statuses: ['failed', ...OPEN] }).execute();
  }

  /** Settles some rows of a digest claim (a digest sent in parts settles part by part). */
  async settleWebhookRows(claim: string, ids: string[], webhookStatus: Reminder['webhookStatus'], lastError: string | null, now: string): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      await this.em().update(Reminder, { webhookClaim: claim, webhookStatus: 'sending', id: In(ids.slice(i, i + 500)) }, { webhookStatus, lastError, updatedAt: now });
    }
  }
}
