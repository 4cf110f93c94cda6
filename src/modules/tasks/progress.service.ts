// 进展填报: the lead or a co-operating department posts dated reports; the lead's reports are the
// task's official progress and it sees the co-operating departments' reports. Append-only: a
// correction is a new entry superseding the earlier one, a withdrawal marks an entry no longer
// counted — both kept, both audited. Every entry belongs to a reporting period; one filed for a
// period that has closed is 补报 (late). Figures are filed under the plan's indicator catalogue.
import { zh } from '../../common/text/collation';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { newId } from '../../common/database/ids';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { Conflict, Forbidden, InvalidInput, NotFound } from '../../common/errors/domain-error';
import { addDays, businessDateOf, businessInstant, formatQuarter, parseQuarter, Quarter, quarterEnd, quarterStart } from '../../common/time/business-date';
import { Clock } from '../../common/time/clock';
import type { AuditLog } from '../audit/audit-log.entity';
import { AuditService } from '../audit/audit.service';
import { DepartmentsRepository } from '../departments/departments.repository';
import { IndicatorsService } from '../indicators/indicators.service';
import type { Plan } from '../plans/plan.entity';
import { PlansRepository } from '../plans/plans.repository';
import { CreateProgressReportDto } from './dto/create-progress-report.dto';
import { ProgressFigure } from './progress-figure.entity';
import { ProgressReport } from './progress-report.entity';
import { NotReportedRow, ProgressRepository } from './progress.repository';
import { ReportingPeriods } from './reporting-periods';
import { TaskAccess } from './task-access';
import type { Task } from './task.entity';
import { TaskCancelled, TaskCompleted } from './tasks.errors';
import { TasksRepository } from './tasks.repository';

export interface NotReportedDepartment extends NotReportedRow {
  name: string;
}

@Injectable()
export class ProgressService {
  constructor(
    private readonly repo: TasksRepository,
    private readonly progress: ProgressRepository,
    private readonly plans: PlansRepository,
    private readonly departments: DepartmentsRepository,
    private readonly indicators: IndicatorsService,
    private readonly periods: ReportingPeriods,
    private readonly access: TaskAccess,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** POST /tasks/:id/progress: answers the entry with the `period` it counts for and `late` for 补报. */
  async report(taskId: string, input: CreateProgressReportDto, actor: Actor): Promise<ProgressReport> {
    const { task, as, departmentId } = await this.access.participant(taskId, actor);
    if (task.status === 'cancelled') throw new TaskCancelled();
    // A completed task takes only 补报 for a named period (figures of a quarter, filed late).
    if (task.status === 'completed' && !input.period) throw new TaskCompleted();
    const plan = await this.planOf(task);
    const today = businessDateOf(this.clock.now());
    const period = input.period ? this.periods.parseEntryPeriod(plan, input.period, today) : this.periods.defaultFor(plan, today);
    return this.tx.run(async () => {
      const previous = await this.progress.latestEffective(taskId, departmentId);
      this.requireReasonIfBackwards(previous?.percent ?? null, input);
      const report = await this.buildEntry(task, plan, period, departmentId, as !== 'cooperating', input, actor, null);
      await this.store(report);
      if (report.isOfficial && task.status !== 'completed') await this.repo.applyOfficialProgress(taskId, report);
      await this.audit.record({
        actorId: actor.id, action: 'task.progress', entityType: 'task', entityId: taskId,
        before: { percent: task.percent },
        after: { reportId: report.id, percent: report.percent, official: report.isOfficial, period: report.period, late: report.late },
      });
      return report;
    });
  }

  /** POST /progress/:id/correction: the department's own effective entry, superseded by this one (same body). */
  async correct(reportId: string, input: CreateProgressReportDto, actor: Actor): Promise<ProgressReport> {
    const { old, task, plan } = await this.ownEntry(reportId, actor, '更正');
    const today = businessDateOf(this.clock.now());
    const period = input.period ? this.periods.parseEntryPeriod(plan, input.period, today) : parseQuarter(old.period)!;
    return this.tx.run(async () => {
      const fresh = await this.progress.findReport(reportId);
      if (!fresh?.effective) throw this.notEffective(fresh ?? old);
      this.requireReasonIfBackwards(old.percent, input);
      const report = await this.buildEntry(task, plan, period, old.departmentId, old.isOfficial, input, actor, old.id);
      await this.store(report);
      await this.progress.supersede(old.id, report.id);
      if (report.isOfficial) await this.progress.refreshOfficialProgress(task.id, report.createdAt);
      await this.audit.record({
        actorId: actor.id, action: 'progress.correct', entityType: 'task', entityId: task.id,
        before: { reportId: old.id, percent: old.percent, figures: old.figures, period: old.period },
        after: { reportId: report.id, percent: report.percent, figures: report.figures, period: report.period, late: report.late, reason: report.reason },
      });
      return report;
    });
  }

  /** POST /progress/:id/withdraw: the entry stays in the ledger, no longer counted. */
  async withdraw(reportId: string, reason: string, actor: Actor): Promise<ProgressReport> {
    const { old, task } = await this.ownEntry(reportId, actor, '撤回');
    const now = this.clock.now().toISOString();
    return this.tx.run(async () => {
      const fresh = await this.progress.findReport(reportId);
      if (!fresh?.effective) throw this.notEffective(fresh ?? old);
      await this.progress.withdraw(old.id, now, actor.id, reason.trim());
      if (old.isOfficial) await this.progress.refreshOfficialProgress(task.id, now);
      await this.audit.record({
        actorId: actor.id, action: 'progress.withdraw', entityType: 'task', entityId: task.id,
        before: { reportId: old.id, percent: old.percent, figures: old.figures, period: old.period }, after: { withdrawn: true, reason: reason.trim() },
      });
      return (await this.progress.findReport(reportId))!;
    });
  }

  /** Admin, leaders and the lead department see every report; a co-operating department its own and the official ones. */
  async list(taskId: string, actor: Actor): Promise<ProgressReport[]> {
    const task = await this.access.visible(taskId, actor);
    return this.progress.reportsOf(taskId, await this.privateReportsHiddenFrom(task.id, actor));
  }

  /**
   * The task's audit trail under the same rule as its reports: a co-operating department does not
   * see the entries of another co-operating department's (unofficial) progress reports.
   */
  async auditTrail(taskId: string, actor: Actor): Promise<AuditLog[]> {
    const task = await this.access.visible(taskId, actor);
    const entries = await this.audit.listFor('task', task.id);
    const onlyDepartment = await this.privateReportsHiddenFrom(task.id, actor);
    if (!onlyDepartment) return entries;
    const visible = new Set((await this.progress.reportsOf(task.id, onlyDepartment)).map((r) => r.id));
    return entries.filter((e) => {
      if (e.action !== 'task.progress') return true;
      const reportId = (e.after as { reportId?: unknown } | null)?.reportId;
      return typeof reportId === 'string' && visible.has(reportId);
    });
  }

  /** The department whose own reports (plus the official ones) an actor may see, or undefined for all. */
  private async privateReportsHiddenFrom(taskId: string, actor: Actor): Promise<string | undefined> {
    if (actor.role !== 'department') return undefined;
    const role = await this.repo.roleOf(taskId, actor.departmentId);
    return role?.role === 'lead' ? undefined : (actor.departmentId ?? '');
  }

  /**
   * 未报送: the departments that have not reported for a quarter of a plan (lead departments of tasks
   * open during the period without an effective entry of their own for it), by name. Quarterly
   * reminders go only to these.
   */
  async departmentsNotReported(planId: string, period: Quarter, departmentId: string | null = null): Promise<NotReportedDepartment[]> {
    const rows = await this.progress.notReported(
      planId, formatQuarter(period), quarterStart(period), businessInstant(addDays(quarterEnd(period), 1)).toISOString(), departmentId,
    );
    if (!rows.length) return [];
    const names = await this.departments.namesByIds(rows.map((r) => r.departmentId));
    return rows
      .map((r) => ({ ...r, name: names.get(r.departmentId) ?? r.departmentId }))
      .sort((a, b) => zh(a.name, b.name));
  }

  private async planOf(task: Task): Promise<Plan> {
    const plan = await this.plans.findById(task.planId);
    if (!plan) throw new NotFound('plan', task.planId);
    return plan;
  }

  private async ownEntry(reportId: string, actor: Actor, what: string): Promise<{ old: ProgressReport; task: Task; plan: Plan }> {
    const old = await this.progress.findReport(reportId);
    if (!old) throw new NotFound('progressReport', reportId);
    const { task, departmentId } = await this.access.participant(old.taskId, actor).catch((err: unknown) => {
      // Another department's task: as unknown as the entry itself.
      if (err instanceof NotFound) throw new NotFound('progressReport', reportId);
      throw err;
    });
    const own = actor.role === 'department' ? old.departmentId === departmentId : old.authorId === actor.id;
    if (!own) throw new Forbidden(`progress: 只能${what}本单位的填报`);
    if (!old.effective) throw this.notEffective(old);
    return { old, task, plan: await this.planOf(task) };
  }

  private notEffective(r: ProgressReport): Conflict {
    return new Conflict(r.withdrawnAt
      ? 'progress: 该填报已撤回，不能再更正或撤回'
      : `progress: 该填报已被更正（见填报 ${r.supersededById}），请对最新的有效填报操作`);
  }

  private requireReasonIfBackwards(previous: number | null, input: CreateProgressReportDto): void {
    if (previous !== null && input.percent < previous && !input.reason?.trim()) {
      throw new InvalidInput(`reason: 完成比例由 ${previous}% 降为 ${input.percent}%，请说明原因`);
    }
  }

  private async buildEntry(
    task: Task, plan: Plan, period: Quarter, departmentId: string, isOfficial: boolean, input: CreateProgressReportDto, actor: Actor, supersedes: string | null,
  ): Promise<ProgressReport & { figureRows: ProgressFigure[] }> {
    const now = this.clock.now();
    const today = businessDateOf(now);
    const periodText = formatQuarter(period);
    // 补报: the period's close day has come, or the office closed it already by hand.
    const late = today >= this.periods.closeDay(plan, period) || (await this.progress.periodFrozen(plan.id, periodText));
    const resolved = await this.indicators.resolveFigures(plan.id, input.figures ?? [], departmentId);
    const id = newId();
    const createdAt = now.toISOString();
    const report: ProgressReport = {
      id, taskId: task.id, departmentId, authorId: actor.id, isOfficial, reportedOn: today, percent: input.percent,
      narrative: input.narrative.trim(),
      figures: resolved.map((f) => ({
        indicatorId: f.indicator.id, indicator: f.indicator.name, value: f.textValue ?? f.value, unit: f.unit,
        ...(f.numerator !== null ? { numerator: f.numerator, denominator: f.denominator! } : {}),
      })),
      evidence: input.evidence ?? [], createdAt, period: periodText, late, effective: true,
      supersedesId: supersedes, supersededById: null, withdrawnAt: null, withdrawnBy: null, withdrawReason: null,
      reason: input.reason?.trim() || null,
    };
    const figureRows: ProgressFigure[] = resolved.map((f) => ({
      id: newId(), reportId: id, taskId: task.id, planId: plan.id, departmentId, isOfficial, reportedOn: today,
      indicator: f.indicator.name, value: f.value, unit: f.unit, indicatorId: f.indicator.id, period: periodText, late, effective: true,
      numerator: f.numerator, denominator: f.denominator, textValue: f.textValue, createdAt,
    }));
    return Object.assign(report, { figureRows });
  }

  private async store(report: ProgressReport & { figureRows?: ProgressFigure[] }): Promise<void> {
    const figures = report.figureRows ?? [];
    delete report.figureRows;
    await this.progress.insertReport(report, figures);
  }
}
