// Progress reports (进展填报) and the figures they carry: one aggregate, written together.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { ProgressFigure } from './progress-figure.entity';
import { ProgressReport } from './progress-report.entity';
import { Task } from './task.entity';

@Injectable()
export class ProgressRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private em(): EntityManager {
    return this.tx.manager();
  }

  /**
   * 未报送: whether a department filed progress for a plan's quarter. Until progress entries carry
   * their reporting period, an entry counts for the quarter when it was filed between the quarter's
   * first day and its reporting deadline (the 10th of the next month) — the one place to switch to
   * the period column.
   */
  async departmentReportedForQuarter(planId: string, departmentId: string, quarterStart: string, deadline: string): Promise<boolean> {
    const row = await this.em().createQueryBuilder(ProgressReport, 'r')
      .innerJoin(Task, 't', 't.id = r.task_id')
      .select('r.id', 'id')
      .where('t.plan_id = :planId AND r.department_id = :departmentId', { planId, departmentId })
      .andWhere('r.reported_on >= :from AND r.reported_on <= :to', { from: quarterStart, to: deadline })
      .limit(1).getRawOne();
    return !!row;
  }

  async insertReport(report: ProgressReport, figures: ProgressFigure[]): Promise<void> {
    await this.em().insert(ProgressReport, report as never);
    if (figures.length) await this.em().insert(ProgressFigure, figures);
  }

  /** A task's reports, newest first; with a department id, only that department's and the official ones. */
  reportsOf(taskId: string, onlyDepartmentOrOfficial?: string): Promise<ProgressReport[]> {
    const qb = this.em().createQueryBuilder(ProgressReport, 'r').where('r.task_id = :taskId', { taskId });
    if (onlyDepartmentOrOfficial) qb.andWhere('(r.department_id = :dept OR r.is_official = :yes)', { dept: onlyDepartmentOrOfficial, yes: true });
    return qb.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC').getMany();
  }
}
