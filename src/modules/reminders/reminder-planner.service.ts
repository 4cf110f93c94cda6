// Plans reminder rows inside the transaction of the change that causes them (task created, due date
// moved, extension approved, completion, calendar or policy changed). It reconciles the rows a task
// should have with those it has: new keys are inserted, rows no longer wanted are cancelled, and a
// cancelled row wanted again is revived with a new attempt. The dispatcher, nudged after commit,
// moves the changes into BullMQ.
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type ReminderPolicy } from '../../../config/app-config';
import { newId } from '../../common/database/ids';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { Clock } from '../../common/time/clock';
import { CalendarService } from '../calendar/calendar.service';
import type { TaskDepartment } from '../tasks/task-department.entity';
import { PlansRepository } from '../plans/plans.repository';
import { TasksRepository } from '../tasks/tasks.repository';
import type { Task } from '../tasks/task.entity';
import { TaskScheduleHook } from '../tasks/task-schedule.hook';
import { ReminderDispatcher } from './reminder-dispatcher.service';
import {
  acknowledgeReminders, DesiredReminder, effectivePolicy, overdueFireAt, quarterlyReminders, taskReminderKey, taskReminders,
} from './reminder-schedule';
import type { Reminder } from './reminder.entity';
import { RemindersRepository } from './reminders.repository';

@Injectable()
export class ReminderPlanner extends TaskScheduleHook implements OnModuleInit {
  constructor(
    private readonly repo: RemindersRepository,
    private readonly tasks: TasksRepository,
    private readonly plans: PlansRepository,
    private readonly calendar: CalendarService,
    private readonly dispatcher: ReminderDispatcher,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    this.calendar.onYearChanged((year) => this.replanYear(year));
  }

  async created(tasks: Task[]): Promise<void> {
    if (!tasks.length) return;
    const now = this.clock.now();
    const policies = await this.policiesOf([...new Set(tasks.map((t) => t.planId))]);
    const participants = await this.tasks.departmentsOf(tasks.map((t) => t.id));
    const desired = tasks.flatMap((t) => this.desiredOf(t, policies.get(t.planId)!.policy, participants, now));
    const planOf = new Map(tasks.map((t) => [t.id, t.planId]));
    const pairs = new Set(participants.map((p) => `${planOf.get(p.taskId)}|${p.departmentId}`));
    for (const pair of pairs) {
      const [planId, departmentId] = pair.split('|');
      const { policy, year } = policies.get(planId)!;
      desired.push(...quarterlyReminders(planId, departmentId, year, policy, this.calendar.current(), now));
    }
    await this.repo.insertIgnoringExisting(desired.map((d) => this.toRow(d, now)));
    this.tx.afterCommit(() => this.dispatcher.nudge());
  }

  async dueDateChanged(task: Task): Promise<void> {
    await this.reconcileTasks([task]);
  }

  async completed(task: Task): Promise<void> {
    await this.repo.cancelOpenOfTask(task.id, this.clock.now().toISOString());
    this.tx.afterCommit(() => this.dispatcher.nudge());
  }

  async cancelled(task: Task): Promise<void> {
    await this.repo.cancelOpenOfTask(task.id, this.clock.now().toISOString());
    // A department whose only open task this was gets no more quarterly reminders for the plan.
    await this.replanQuarterly(task.planId);
    this.tx.afterCommit(() => this.dispatcher.nudge());
  }

  async acknowledged(task: Task, departmentId: string): Promise<void> {
    await this.repo.cancelOpenAcknowledge(task.id, departmentId, this.clock.now().toISOString());
    this.tx.afterCommit(() => this.dispatcher.nudge());
  }

  async departmentsChanged(task: Task): Promise<void> {
    await this.repo.retargetOpen(task.id, task.leadDepartmentId, this.clock.now().toISOString());
    // The row as written by the change (a due date moved in the same edit included): 签收 reminders
    // for departments that joined, none for those that left.
    await this.reconcileTasks([(await this.tasks.findById(task.id)) ?? task]);
    await this.replanQuarterly(task.planId);
  }

  /**
   * After an overdue reminder is sent: the next one after now, if the task is still open. After
   * downtime the repeats whose time passed meanwhile are not planned: one 补发 says it all.
   */
  async planNextOverdue(task: Task, afterSeq: number): Promise<void> {
    const policy = (await this.policiesOf([task.planId])).get(task.planId)!.policy;
    const now = this.clock.now();
    let seq = afterSeq + 1;
    let fireAt = overdueFireAt(task.dueDate, seq, policy, this.calendar.current());
    while (new Date(fireAt).getTime() <= now.getTime() && seq < afterSeq + 400) fireAt = overdueFireAt(task.dueDate, ++seq, policy, this.calendar.current());
    await this.repo.insertIgnoringExisting([this.toRow({
      key: taskReminderKey(task.id, 'overdue', fireAt), planId: task.planId, taskId: task.id, departmentId: task.leadDepartmentId,
      kind: 'overdue', seq, dueDate: task.dueDate, fireAt,
    }, now)]);
  }

  /**
   * The calendar of a year changed: every open task due in it (or early the next year), and every
   * task with a reminder still to come in that year — overdue repeats of a task due the year before
   * included — is replanned.
   */
  async replanYear(year: number): Promise<void> {
    const due = await this.tasks.openTasksDueBetween(`${year}-01-01`, `${year + 1}-01-31`);
    // Instants of the year's days in Asia/Shanghai (a day earlier in UTC covers its first hours).
    const withRows = await this.repo.taskIdsWithOpenRowsBetween(`${year - 1}-12-31T16:00:00.000Z`, `${year}-12-31T16:00:00.000Z`);
    const known = new Set(due.map((t) => t.id));
    const extra = (await this.tasks.findByIds(withRows.filter((id) => !known.has(id))))
      .filter((t) => t.status === 'in_progress' || t.status === 'completion_requested');
    await this.reconcileTasks([...due, ...extra]);
    for (const plan of await this.plans.plansOfYears([year - 1, year])) await this.replanQuarterly(plan.id);
  }

  /** A plan's policy changed. */
  async replanPlan(planId: string): Promise<void> {
    await this.reconcileTasks(await this.tasks.openTasksOfPlan(planId));
    await this.replanQuarterly(planId);
  }

  private async replanQuarterly(planId: string): Promise<void> {
    const tasks = await this.tasks.openTasksOfPlan(planId);
    const now = this.clock.now();
    const { policy, year } = (await this.policiesOf([planId])).get(planId)!;
    const departments = new Set((await this.tasks.departmentsOf(tasks.map((t) => t.id))).map((p) => p.departmentId));
    const desired = [...departments].flatMap((d) => quarterlyReminders(planId, d, year, policy, this.calendar.current(), now));
    const existing = (await this.repo.quarterlyOfPlan(planId)).filter((r) => r.status === 'planned' || r.status === 'queued');
    const wanted = new Set(desired.map((d) => d.key));
    await this.repo.setStatus(existing.filter((r) => !wanted.has(r.key)).map((r) => r.id), 'cancelled', now.toISOString());
    await this.applyDesired(desired, now);
  }

  private async reconcileTasks(tasks: Task[]): Promise<void> {
    if (!tasks.length) return;
    const now = this.clock.now();
    const iso = now.toISOString();
    const policies = await this.policiesOf([...new Set(tasks.map((t) => t.planId))]);
    const participants = await this.tasks.departmentsOf(tasks.map((t) => t.id));
    const desired = tasks.flatMap((t) => this.desiredOf(t, policies.get(t.planId)!.policy, participants, now));
    const wanted = new Set(desired.map((d) => d.key));
    const existing = await this.repo.taskRowsOf(tasks.map((t) => t.id));
    const obsolete = existing.filter((r) => (r.status === 'planned' || r.status === 'queued') && !wanted.has(r.key));
    await this.repo.setStatus(obsolete.map((r) => r.id), 'cancelled', iso);
    await this.applyDesired(desired, now);
  }

  /** Inserts new keys and revives cancelled or skipped rows that are wanted again; sent rows stay sent. */
  private async applyDesired(desired: DesiredReminder[], now: Date): Promise<void> {
    const existing = new Map((await this.repo.byKeys(desired.map((d) => d.key))).map((r) => [r.key, r]));
    const revive = desired.map((d) => existing.get(d.key)).filter((r): r is Reminder => !!r && (r.status === 'cancelled' || r.status === 'skipped'));
    await this.repo.revive(revive.map((r) => r.id), now.toISOString());
    await this.repo.insertIgnoringExisting(desired.filter((d) => !existing.has(d.key)).map((d) => this.toRow(d, now)));
    this.tx.afterCommit(() => this.dispatcher.nudge());
  }

  /** A task's date reminders and the 签收 reminders of its departments that have not acknowledged. */
  private desiredOf(task: Task, policy: ReminderPolicy, participants: TaskDepartment[], now: Date): DesiredReminder[] {
    const cal = this.calendar.current();
    const unacknowledged = participants.filter((p) => p.taskId === task.id && !p.acknowledgedAt).map((p) => p.departmentId);
    return [...taskReminders(task, policy, cal, now), ...acknowledgeReminders(task, unacknowledged, policy, cal, now)];
  }

  private async policiesOf(planIds: string[]): Promise<Map<string, { policy: ReminderPolicy; year: number }>> {
    const out = new Map<string, { policy: ReminderPolicy; year: number }>();
    for (const id of planIds) {
      const plan = await this.plans.findById(id);
      out.set(id, { policy: effectivePolicy(this.config.reminders, plan?.reminderPolicy), year: plan?.year ?? this.clock.now().getUTCFullYear() });
    }
    return out;
  }

  private toRow(d: DesiredReminder, now: Date): Reminder {
    const iso = now.toISOString();
    return {
      id: newId(), key: d.key, planId: d.planId, taskId: d.taskId, departmentId: d.departmentId, kind: d.kind, seq: d.seq,
      dueDate: d.dueDate, title: null, body: null, fireAt: d.fireAt, status: 'planned', attempt: 1, jobId: null, webhookStatus: 'none', webhookClaim: null,
      lastError: null, sentAt: null, createdAt: iso, updatedAt: iso,
    };
  }
}
