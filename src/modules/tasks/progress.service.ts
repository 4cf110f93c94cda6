// 进展填报: the lead or a co-operating department posts dated reports; the lead's reports are the
// task's official progress and it sees the co-operating departments' reports. Append-only.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { newId } from '../../common/database/ids';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { businessDateOf } from '../../common/time/business-date';
import { Clock } from '../../common/time/clock';
import type { AuditLog } from '../audit/audit-log.entity';
import { AuditService } from '../audit/audit.service';
import { CreateProgressReportDto } from './dto/create-progress-report.dto';
import { ProgressFigure } from './progress-figure.entity';
import { ProgressReport } from './progress-report.entity';
import { TaskAccess } from './task-access';
import { TaskCompleted } from './tasks.errors';
import { ProgressRepository } from './progress.repository';
import { TasksRepository } from './tasks.repository';

@Injectable()
export class ProgressService {
  constructor(
    private readonly repo: TasksRepository,
    private readonly reports: ProgressRepository,
    private readonly access: TaskAccess,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async report(taskId: string, input: CreateProgressReportDto, actor: Actor): Promise<ProgressReport> {
    const { task, as, departmentId } = await this.access.participant(taskId, actor);
    if (task.status === 'completed') throw new TaskCompleted();
    const now = this.clock.now();
    const report: ProgressReport = {
      id: newId(),
      taskId,
      departmentId,
      authorId: actor.id,
      isOfficial: as !== 'cooperating',
      reportedOn: businessDateOf(now),
      percent: input.percent,
      narrative: input.narrative.trim(),
      figures: (input.figures ?? []).map((f) => ({ indicator: f.indicator.trim(), value: f.value, unit: f.unit.trim() })),
      evidence: input.evidence ?? [],
      createdAt: now.toISOString(),
    };
    const figures: ProgressFigure[] = report.figures.map((f) => ({
      id: newId(), reportId: report.id, taskId, planId: task.planId, departmentId, isOfficial: report.isOfficial,
      reportedOn: report.reportedOn, indicator: f.indicator, value: f.value, unit: f.unit,
    }));
    await this.tx.run(async () => {
      await this.reports.insertReport(report, figures);
      if (report.isOfficial) await this.repo.applyOfficialProgress(taskId, report);
      await this.audit.record({
        actorId: actor.id, action: 'task.progress', entityType: 'task', entityId: taskId,
        before: { percent: task.percent }, after: { reportId: report.id, percent: report.percent, official: report.isOfficial },
      });
    });
    return report;
  }

  /** Admin, leaders and the lead department see every report; a co-operating department its own and the official ones. */
  async list(taskId: string, actor: Actor): Promise<ProgressReport[]> {
    const task = await this.access.visible(taskId, actor);
    return this.reports.reportsOf(taskId, await this.privateReportsHiddenFrom(task.id, actor));
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
    const visible = new Set((await this.reports.reportsOf(task.id, onlyDepartment)).map((r) => r.id));
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
}
