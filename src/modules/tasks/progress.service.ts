// 进展填报: the lead or a co-operating department posts dated reports; the lead's reports are the
// task's official progress and it sees the co-operating departments' reports. Append-only.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { newId } from '../../common/database/ids';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { businessDateOf } from '../../common/time/business-date';
import { Clock } from '../../common/time/clock';
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
    if (actor.role !== 'department') return this.reports.reportsOf(taskId);
    const role = await this.repo.roleOf(task.id, actor.departmentId);
    return this.reports.reportsOf(taskId, role?.role === 'lead' ? undefined : (actor.departmentId ?? ''));
  }
}
