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
import { PlansRepository } from '../plans/plans.repository';
import { TasksRepository } from '../tasks/tasks.repository';
import type { Task } from '../tasks/task.entity';
import { TaskScheduleHook } from '../tasks/task-schedule.hook';
import { ReminderDispatcher } from './reminder-dispatcher.service';
import { DesiredReminder, effectivePolicy, overdueFireAt, quarterlyReminders, taskReminderKey, taskReminders } from './reminder-schedule';
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
    const cal = this.calendar.current();
    const desired = tasks.flatMap((t) => taskReminders(t, policies.get(t.planId)!.policy, cal, now));
    const participants = await this.tasks.departmentsOf(tasks.map((t) => t.id));
    const planOf = new Map(tasks.map((t) => [t.id, t.planId]));
    const pairs = new Set(participants.map((p) => `${planOf.get(p.taskId)}|${p.departmentId}`));
    for (const pair of pairs) {
      const [planId, departmentId] = pair.split('|');
      const { policy, year } = policies.get(planId)!;
      desired.push(...quarterlyReminders(planId, departmentId, year, policy, cal, now));
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

  async departmentsChanged(task: Task): Promise<void> {
    await this.repo.retargetOpen(task.id, task.leadDepartmentId, this.clock.now().toISOString());
    await this.replanQuarterly(task.planId);
  }

  /** After an overdue reminder is sent: the next one, if the task is still open. */
  async planNextOverdue(task: Task, afterSeq: number): Promise<void> {
    const policy = (await this.policiesOf([task.planId])).get(task.planId)!.policy;
    const fireAt = overdueFireAt(task.dueDate, afterSeq + 1, policy, this.calendar.current());
    const now = this.clock.now();
    await this.repo.insertIgnoringExisting([this.toRow({
      key: taskReminderKey(task.id, 'overdue', fireAt), planId: task.planId, taskId: task.id, departmentId: task.leadDepartmentId,
      kind: 'overdue', seq: afterSeq + 1, dueDate: task.dueDate, fireAt,
    }, now)]);
  }

  /** The calendar of a year changed: every open task due in it (or early the next year) is replanned. */
  async replanYear(year: number): Promise<void> {
    await this.reconcileTasks(await this.tasks.openTasksDueBetween(`${year}-01-01`, `${year + 1}-01-31`));
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
    const cal = this.calendar.current();
    const desired = tasks.flatMap((t) => taskReminders(t, policies.get(t.planId)!.policy, cal, now));
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
      dueDate: d.dueDate, fireAt: d.fireAt, status: 'planned', attempt: 1, jobId: null, webhookStatus: 'none', webhookClaim: null,
      lastError: null, sentAt: null, createdAt: iso, updatedAt: iso,
    };
  }
}
