// Delivers a reminder exactly once. One transaction re-reads the row and re-checks that the
// reminder is still due (same attempt, still queued, task still open), writes the in-app
// notifications (unique per reminder and user) and marks the row sent; a job that runs twice, or a
// stale job of an earlier attempt, finds nothing to do. The webhook digest is sent after commit by
// its own job, with retries and backoff.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { newId } from '../../common/database/ids';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { businessDateOf } from '../../common/time/business-date';
import { Clock } from '../../common/time/clock';
import { Metrics } from '../../common/metrics/metrics';
import { WebhookDigestProducer } from '../../queue/producers';
import { CalendarService } from '../calendar/calendar.service';
import { DepartmentsRepository } from '../departments/departments.repository';
import type { Notification } from '../notifications/notification.entity';
import { NotificationsRepository } from '../notifications/notifications.repository';
import { taskLink } from '../tasks/task-events';
import type { Task } from '../tasks/task.entity';
import { PlansRepository } from '../plans/plans.repository';
import { SupervisionService } from '../tasks/supervision.service';
import { ProgressRepository } from '../tasks/progress.repository';
import { TasksRepository } from '../tasks/tasks.repository';
import { UsersRepository } from '../users/users.repository';
import { ReminderPlanner } from './reminder-planner.service';
import { effectivePolicy } from './reminder-schedule';
import { LATE_AFTER_MS, reminderText } from './reminder-messages';
import { digestParts } from './robot-digest';
import { RobotBusy, RobotRateLimiter } from './robot-rate-limiter';
import type { Reminder } from './reminder.entity';
import { RemindersRepository } from './reminders.repository';
import { postWebhook, RobotRateLimited } from './webhook-sender';

/** A reminder job may fire a little early (clock skew between hosts); more than this is not yet due. */
const EARLY_TOLERANCE_MS = 60_000;
/** How long a digest job waits for a robot slot before it is delayed instead. */
const ROBOT_SLOT_WAIT_MS = 5000;

/** Delivered long after its time (the service or Redis was down): worded for today and marked 补发. */
function isLate(r: Reminder, at: Date): boolean {
  return r.kind !== 'event' && at.getTime() - new Date(r.fireAt).getTime() > LATE_AFTER_MS;
}

export type DeliveryOutcome = 'sent' | 'stale' | 'early' | 'skipped';

@Injectable()
export class ReminderDeliveryService {
  private readonly logger = new Logger(ReminderDeliveryService.name);

  constructor(
    private readonly repo: RemindersRepository,
    private readonly tasks: TasksRepository,
    private readonly plans: PlansRepository,
    private readonly departments: DepartmentsRepository,
    private readonly users: UsersRepository,
    private readonly notifications: NotificationsRepository,
    private readonly planner: ReminderPlanner,
    private readonly supervision: SupervisionService,
    private readonly progress: ProgressRepository,
    private readonly calendar: CalendarService,
    private readonly digestJobs: WebhookDigestProducer,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
    private readonly robots: RobotRateLimiter,
  ) {}

  /**
   * Delivers the reminder whose job fired — and, in the same transaction, every other queued reminder
   * whose time has come (up to REMINDER_DELIVERY_BATCH): when thousands fall due in one minute, a few transactions
   * deliver them all and the remaining jobs find their rows sent and do nothing.
   */
  async deliver(reminderId: string, attempt: number): Promise<DeliveryOutcome> {
    const webhooks = new Map<string, number>();
    const outcome = await this.tx.run(async (): Promise<DeliveryOutcome> => {
      const row = await this.repo.findForDelivery(reminderId);
      if (!row || row.status !== 'queued' || row.attempt !== attempt) return 'stale';
      const now = this.clock.now();
      if (new Date(row.fireAt).getTime() > now.getTime() + EARLY_TOLERANCE_MS) return 'early';
      const batch = [row, ...(await this.repo.dueQueued(now.toISOString(), this.config.queue.deliveryBatch - 1, row.id))];
      const sent = await this.deliverBatch(batch, now, webhooks);
      return sent.has(row.id) ? 'sent' : 'skipped';
    });
    for (const [departmentId, fireAtMs] of webhooks) this.scheduleWebhook({ departmentId, fireAtMs });
    return outcome;
  }

  private async deliverBatch(rows: Reminder[], now: Date, webhooks: Map<string, number>): Promise<Set<string>> {
    const iso = now.toISOString();
    const today = businessDateOf(now);
    const cal = this.calendar.current();
    const taskIds = [...new Set(rows.map((r) => r.taskId).filter((x): x is string => !!x))];
    const tasks = new Map((await this.tasks.findByIds(taskIds)).map((t) => [t.id, t]));
    const departmentIds = [...new Set(rows.map((r) => r.departmentId))];
    const [users, departments] = await Promise.all([this.users.activeUsersOf(departmentIds), this.departments.findByIds(departmentIds)]);
    const webhookOf = new Map(departments.map((d) => [d.id, !!d.webhookUrl]));
    const lateRows = rows.filter((r) => isLate(r, now));
    const later = await this.repo.dueScheduleRowsOf([...new Set(lateRows.map((r) => r.taskId).filter((x): x is string => !!x))], iso);
    const acknowledged = new Set((await this.tasks.departmentsOf(rows.filter((r) => r.kind === 'acknowledge').map((r) => r.taskId!)))
      .filter((p) => p.acknowledgedAt).map((p) => `${p.taskId}|${p.departmentId}`));

    const notifications: Notification[] = [];
    const sent = new Set<string>();
    const withHook: string[] = [];
    const withoutHook: string[] = [];
    const skipped: string[] = [];
    for (const row of rows) {
      const task = row.taskId ? tasks.get(row.taskId) ?? null : null;
      const late = isLate(row, now);
      const openTasks = row.kind === 'quarterly' ? await this.tasks.openTasksOf(row.planId, row.departmentId) : [];
      if (!(await this.stillDue(row, task, openTasks, acknowledged)) || (late && (await this.superseded(row, later, iso)))) {
        skipped.push(row.id);
        continue;
      }
      // Events wrote their in-app notifications with the change itself: their row only feeds the robot.
      if (row.kind !== 'event') {
        const text = reminderText(row, task, { today, late, cal, openTasks });
        for (const u of users) {
          if (u.departmentId !== row.departmentId) continue;
          notifications.push({
            id: newId(), userId: u.id, reminderId: row.id, taskId: row.taskId, planId: row.planId, kind: row.kind,
            link: row.taskId ? taskLink(row.taskId) : null, eventKey: null, title: text.title, body: text.body, createdAt: iso, readAt: null,
          });
        }
      }
      sent.add(row.id);
      if (webhookOf.get(row.departmentId)) {
        withHook.push(row.id);
        const at = new Date(row.fireAt).getTime();
        webhooks.set(row.departmentId, Math.min(webhooks.get(row.departmentId) ?? at, at));
      } else {
        withoutHook.push(row.id);
      }
    }
    await this.notifications.insertNotifications(notifications);
    await this.repo.markDelivered(withHook, 'pending', iso);
    await this.repo.markDelivered(withoutHook, 'none', iso);
    await this.repo.setStatus(skipped, 'skipped', iso);

    for (const row of rows) {
      if (row.kind !== 'overdue' || !sent.has(row.id)) continue;
      const task = tasks.get(row.taskId!)!;
      await this.planner.planNextOverdue(task, row.seq);
      const plan = await this.plans.findById(row.planId);
      const policy = effectivePolicy(this.config.reminders, plan?.reminderPolicy);
      // One lapse, one 督办: none while a notice on the task (manual or automatic) awaits its answer.
      // The threshold is crossed once per due date (after downtime the crossing reminder may have a higher seq).
      if (policy.autoSuperviseAfter <= 0 || row.seq < policy.autoSuperviseAfter) continue;
      const crossedBefore = (await this.repo.sentOverdueOf(task.id, row.dueDate!)).some((x) => x.id !== row.id && x.seq >= policy.autoSuperviseAfter);
      if (!crossedBefore && !(await this.supervision.hasOpenNotice(task.id))) {
        await this.supervision.issueInTransaction(task, {
          level: 'red',
          message: `「${task.title}」已逾期且经 ${row.seq} 次提醒仍未办结，请说明原因并报送整改措施。`,
          respondBy: this.calendar.current().addWorkingDays(today, 3),
        }, null);
      }
    }
    return sent;
  }

  /** Whether what the reminder is about still holds at sending time. */
  private async stillDue(row: Reminder, task: Task | null, openTasks: Task[], acknowledged: Set<string>): Promise<boolean> {
    const open = !!task && (task.status === 'in_progress' || task.status === 'completion_requested');
    switch (row.kind) {
      case 'event':
        return true;
      case 'quarterly': {
        if (!openTasks.length) return false;
        // Only departments that have not reported for the quarter (未报送) are reminded.
        const year = row.seq === 4 ? Number(row.dueDate!.slice(0, 4)) - 1 : Number(row.dueDate!.slice(0, 4));
        return !(await this.progress.departmentReportedForPeriod(row.planId, row.departmentId, `${year}Q${row.seq}`));
      }
      case 'acknowledge':
        return open && !acknowledged.has(`${row.taskId}|${row.departmentId}`);
      default:
        return open && task!.dueDate === row.dueDate;
    }
  }

  /**
   * A reminder that could not go out on time is dropped when a later one of the same sequence has
   * come due meanwhile (before_due → due → overdue for a task's dates; the same department's 签收 or
   * quarterly reminder): the later one, worded for today, says what is still true.
   */
  private async superseded(row: Reminder, later: Reminder[], now: string): Promise<boolean> {
    const rank = (k: Reminder['kind']) => ({ before_due: 0, due: 1, overdue: 2 } as Record<string, number>)[k];
    if (row.kind === 'quarterly') {
      return (await this.repo.dueQuarterlyRowsOf(row.planId, row.departmentId, now)).some((x) => x.id !== row.id && x.fireAt > row.fireAt);
    }
    if (row.kind === 'acknowledge') {
      return later.some((x) => x.id !== row.id && x.kind === 'acknowledge' && x.taskId === row.taskId && x.departmentId === row.departmentId && x.fireAt > row.fireAt);
    }
    if (rank(row.kind) === undefined) return false;
    return later.some((x) => x.id !== row.id && x.taskId === row.taskId && rank(x.kind) !== undefined && rank(x.kind) >= rank(row.kind) && x.fireAt > row.fireAt);
  }

  private scheduleWebhook({ departmentId, fireAtMs }: { departmentId: string; fireAtMs: number }): void {
    if (!this.digestJobs.available) return;
    // One digest per department and firing time; a short delay gathers reminders that fell due together.
    void this.digestJobs
      .add(departmentId, fireAtMs, 1000)
      .catch((err: Error) => this.logger.warn({ msg: 'webhook job not queued; the sweeper retries', err: err.message }));
  }

  /**
   * Sends every pending reminder of a department as one digest — in parts when it exceeds the
   * robot's size limit, one rate-limit slot per part (shared with every process, RobotRateLimiter).
   * Throws to let BullMQ retry; throws RobotBusy when the robot has no slot soon (or locked us out),
   * so the job waits that long without spending an attempt. Rows are claimed first, so concurrent
   * digest jobs (several workers) never send a reminder twice. A crash after the robot accepted a
   * part but before its rows are marked can still repeat that part once: robots offer no idempotency key.
   */
  async sendDigest(departmentId: string, finalAttempt: boolean): Promise<number> {
    const department = await this.departments.findById(departmentId);
    if (!department?.webhookUrl) return 0;
    const target = { url: department.webhookUrl, kind: department.webhookKind ?? 'dingtalk', secret: department.webhookSecret };
    const claim = newId();
    const claimed = await this.tx.run(() => this.repo.claimPendingWebhooks(departmentId, claim, this.clock.now().toISOString()));
    if (!claimed.length) return 0;
    const tasks = new Map((await this.tasks.findByIds(claimed.map((r) => r.taskId).filter((x): x is string => !!x))).map((t) => [t.id, t]));
    const now = this.clock.now();
    const items = await Promise.all(claimed.map(async (r) => reminderText(r, r.taskId ? tasks.get(r.taskId) ?? null : null, {
      today: businessDateOf(now), late: isLate(r, r.sentAt ? new Date(r.sentAt) : now), cal: this.calendar.current(),
      openTasks: r.kind === 'quarterly' ? await this.tasks.openTasksOf(r.planId, r.departmentId) : [],
    })));
    const parts = digestParts(target.kind, department.name, items);
    const settle = (ids: string[], status: 'sent' | 'pending' | 'failed', error: string | null) =>
      this.tx.run(() => this.repo.settleWebhookRows(claim, ids, status, error, this.clock.now().toISOString()));
    let sent = 0;
    for (const [i, part] of parts.entries()) {
      const ids = part.items.map((j) => claimed[j].id);
      const unsent = parts.slice(i).flatMap((p) => p.items.map((j) => claimed[j].id));
      try {
        await this.robots.acquire(target.url, ROBOT_SLOT_WAIT_MS);
        await postWebhook(target, part, this.config.queue.webhookTimeoutMs, this.config.webhooks);
      } catch (err) {
        if (err instanceof RobotBusy) {
          await settle(unsent, 'pending', null);
          throw err;
        }
        const message = (err as Error).message;
        this.metrics.webhookFailures.inc({ kind: target.kind });
        if (err instanceof RobotRateLimited) {
          // The robot locked us out: nobody (no process) sends to it until the lockout ends.
          await this.robots.lockOut(target.url, err.lockoutMs);
          this.logger.warn({ msg: 'robot rate limit hit; waiting out its lockout', departmentId, kind: target.kind, lockoutMs: err.lockoutMs, err: message });
          await settle(unsent, 'pending', message);
          throw new RobotBusy(err.lockoutMs);
        }
        this.logger.warn({ msg: 'webhook delivery failed', departmentId, kind: target.kind, reminders: unsent.length, finalAttempt, err: message });
        await settle(unsent, finalAttempt ? 'failed' : 'pending', message);
        throw err;
      }
      this.metrics.webhookMessages.inc({ kind: target.kind });
      await settle(ids, 'sent', null);
      sent += ids.length;
    }
    return sent;
  }
}
