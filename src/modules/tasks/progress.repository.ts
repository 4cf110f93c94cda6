// Queries of the progress ledger (progress_reports and their progress_figures): entries, corrections
// and withdrawals, the task's official progress that follows the effective lead entries, and 未报送
// (which departments have not reported for a period).
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { inChunks } from '../../common/database/chunks';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { TransactionalRepository } from '../../common/database/transactional-repository';
import { LedgerChanges } from '../plans/ledger-changes';
import { ProgressFigure } from './progress-figure.entity';
import { ProgressReport } from './progress-report.entity';
import { Task } from './task.entity';

export interface NotReportedRow {
  departmentId: string;
  /** Tasks the department leads that were open during the period and have no effective entry for it. */
  missingTasks: number;
}

export interface NarrativeRow {
  reportId: string;
  taskId: string;
  departmentId: string;
  period: string;
  late: boolean;
  reportedOn: string;
  narrative: string;
  evidence: string[];
  figures: ProgressReport['figures'];
  createdAt: string;
}

@Injectable()
export class ProgressRepository extends TransactionalRepository {
  constructor(tx: TransactionRunner, private readonly changes: LedgerChanges) {
    super(tx);
  }

  /**
   * 未报送 for a quarterly reminder: whether a department filed an effective entry of its own for
   * the period on any task of the plan (补报 included).
   */
  async departmentReportedForPeriod(planId: string, departmentId: string, period: string): Promise<boolean> {
    const rows = await this.rows<{ one: number }>(`
      SELECT 1 AS one FROM progress_reports r JOIN tasks t ON t.id = r.task_id
      WHERE t.plan_id = :planId AND r.department_id = :departmentId AND r.period = :period AND r.effective = :yes
      LIMIT 1`, { planId, departmentId, period, yes: true });
    return rows.length > 0;
  }


  async insertReport(report: ProgressReport, figures: ProgressFigure[]): Promise<void> {
    await this.em().insert(ProgressReport, report as never);
    for (let i = 0; i < figures.length; i += 100) await this.em().insert(ProgressFigure, figures.slice(i, i + 100));
    await this.changes.tasks([report.taskId]);
  }

  /** A task's reports, newest first; with a department id, only that department's and the official ones. */
  reportsOf(taskId: string, onlyDepartmentOrOfficial?: string): Promise<ProgressReport[]> {
    const qb = this.em().createQueryBuilder(ProgressReport, 'r').where('r.task_id = :taskId', { taskId });
    if (onlyDepartmentOrOfficial) qb.andWhere('(r.department_id = :dept OR r.is_official = :yes)', { dept: onlyDepartmentOrOfficial, yes: true });
    return qb.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC').getMany();
  }

  findReport(id: string): Promise<ProgressReport | null> {
    return this.em().findOneBy(ProgressReport, { id });
  }

  /** The department's newest effective entry on the task (for "a backwards percentage needs a reason"). */
  latestEffective(taskId: string, departmentId: string): Promise<ProgressReport | null> {
    return this.em().findOne(ProgressReport, {
      where: { taskId, departmentId, effective: true }, order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  /** A correction supersedes the entry: it stays in the ledger, no longer counted. */
  async supersede(id: string, byId: string): Promise<void> {
    await this.em().update(ProgressReport, { id }, { effective: false, supersededById: byId });
    await this.em().update(ProgressFigure, { reportId: id }, { effective: false });
    await this.touchTaskOf(id);
  }

  async withdraw(id: string, at: string, by: string, reason: string): Promise<void> {
    await this.em().update(ProgressReport, { id }, { effective: false, withdrawnAt: at, withdrawnBy: by, withdrawReason: reason });
    await this.em().update(ProgressFigure, { reportId: id }, { effective: false });
    await this.touchTaskOf(id);
  }

  private async touchTaskOf(reportId: string): Promise<void> {
    const r = await this.em().findOne(ProgressReport, { where: { id: reportId }, select: { id: true, taskId: true } });
    if (r) await this.changes.tasks([r.taskId]);
  }

  /**
   * The task's official progress follows its newest effective lead entry (after a correction or a
   * withdrawal it may go back to an earlier one); a completed task stays at 100.
   */
  async refreshOfficialProgress(taskId: string, updatedAt: string): Promise<void> {
    const latest = await this.em().findOne(ProgressReport, {
      where: { taskId, isOfficial: true, effective: true }, order: { createdAt: 'DESC', id: 'DESC' },
    });
    const task = await this.em().findOneBy(Task, { id: taskId });
    if (!task) return;
    const patch: Partial<Task> = {
      lastReportedOn: latest?.reportedOn ?? null, lastReportAt: latest?.createdAt ?? null, latestNarrative: latest?.narrative ?? null, updatedAt,
    };
    if (task.status !== 'completed') patch.percent = latest?.percent ?? 0;
    await this.em().update(Task, { id: taskId }, patch);
    await this.changes.tasks([taskId]);
  }

  /** Whether the quarter's roll-up has been frozen (a read of the roll-ups' snapshot key). */
  async periodFrozen(planId: string, period: string): Promise<boolean> {
    const rows = await this.rows<{ one: number }>('SELECT 1 AS one FROM quarterly_rollups WHERE plan_id = :planId AND quarter = :period', { planId, period });
    return rows.length > 0;
  }

  /**
   * 未报送 for one quarter of a plan: lead departments of tasks that existed by the period's end and
   * were not completed before it began, without an effective entry of their own for the period (补报
   * counts as reported; a cancelled task (撤销) expects nothing). `createdBefore` is the ISO instant the period's last day ends.
   */
  async notReported(planId: string, period: string, start: string, createdBefore: string, departmentId: string | null = null): Promise<NotReportedRow[]> {
    const rows = await this.rows<{ departmentId: string; missing: string | number }>(`
      SELECT t.lead_department_id AS "departmentId", COUNT(*) AS missing
      FROM tasks t
      WHERE t.plan_id = :planId AND t.created_at < :createdBefore AND (t.completed_on IS NULL OR t.completed_on >= :start)
        AND t.status <> :cancelled
        ${departmentId ? 'AND t.lead_department_id = :dept' : ''}
        AND NOT EXISTS (
          SELECT 1 FROM progress_reports r
          WHERE r.task_id = t.id AND r.department_id = t.lead_department_id AND r.period = :period AND r.effective = :yes)
      GROUP BY t.lead_department_id`, { planId, period, start, createdBefore, yes: true, cancelled: 'cancelled', dept: departmentId ?? '' });
    return rows.map((r) => ({ departmentId: String(r.departmentId), missingTasks: Number(r.missing) }));
  }

  /** Effective official entries of some periods of a plan's tasks, oldest first: the report quotes their narratives. */
  async officialNarratives(taskIds: string[], periods: string[]): Promise<NarrativeRow[]> {
    const rows = await inChunks(taskIds, (chunk) => this.em().find(ProgressReport, {
      where: { taskId: In(chunk), isOfficial: true, effective: true, period: In(periods) },
      order: { createdAt: 'ASC', id: 'ASC' },
    }));
    return rows.map((r) => ({
      reportId: r.id, taskId: r.taskId, departmentId: r.departmentId, period: r.period, late: r.late, reportedOn: r.reportedOn,
      narrative: r.narrative, evidence: r.evidence, figures: r.figures, createdAt: r.createdAt,
    }));
  }

  /**
   * 补报: effective official entries of the periods filed after their period closed. The year's roll-up
   * lists them from the ledger model (ledgerLateEntries); this query is the reference it is checked against.
   */
  async lateEntries(planId: string, periods: string[]): Promise<{ reportId: string; taskId: string; title: string; departmentId: string; period: string; reportedOn: string }[]> {
    const rows = await this.rows<Record<string, string>>(`
      SELECT r.id AS "reportId", r.task_id AS "taskId", t.title AS title, r.department_id AS "departmentId", r.period AS period, r.reported_on AS "reportedOn"
      FROM progress_reports r JOIN tasks t ON t.id = r.task_id
      WHERE t.plan_id = :planId AND r.late = :yes AND r.effective = :yes AND r.is_official = :yes AND r.period IN (:...periods)
      ORDER BY r.created_at`, { planId, periods, yes: true });
    return rows.map((r) => ({ reportId: r.reportId, taskId: r.taskId, title: r.title, departmentId: r.departmentId, period: r.period, reportedOn: r.reportedOn }));
  }
}
