// Progress reports (进展填报) and the figures they carry: one aggregate, written together.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { ProgressFigure } from './progress-figure.entity';
import { ProgressReport } from './progress-report.entity';

@Injectable()
export class ProgressRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private em(): EntityManager {
    return this.tx.manager();
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
