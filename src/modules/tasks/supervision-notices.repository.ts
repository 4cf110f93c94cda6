// 督办 notices, numbered per plan.
import { Injectable } from '@nestjs/common';
import { IsNull, Not } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { TransactionalRepository } from '../../common/database/transactional-repository';
import { LedgerChanges } from '../plans/ledger-changes';
import { SupervisionNotice } from './supervision-notice.entity';

@Injectable()
export class SupervisionNoticesRepository extends TransactionalRepository {
  constructor(tx: TransactionRunner, private readonly changes: LedgerChanges) {
    super(tx);
  }

  async nextNoticeSeq(planId: string): Promise<number> {
    const row = await this.em().createQueryBuilder(SupervisionNotice, 'n').select('MAX(n.seq)', 'max').where('n.plan_id = :planId', { planId }).getRawOne<{ max: number | null }>();
    return Number(row?.max ?? 0) + 1;
  }

  async saveNotice(n: SupervisionNotice): Promise<void> {
    await this.em().save(SupervisionNotice, n);
    await this.changes.tasks([n.taskId]);
  }

  findNotice(id: string): Promise<SupervisionNotice | null> {
    return this.em().findOneBy(SupervisionNotice, { id });
  }

  /** A notice on the task still awaits its answer (manual or automatic). */
  async hasOpenNotice(taskId: string): Promise<boolean> {
    return (await this.em().count(SupervisionNotice, { where: { taskId, respondedOn: IsNull() } })) > 0;
  }

  noticesOfTask(taskId: string): Promise<SupervisionNotice[]> {
    return this.em().find(SupervisionNotice, { where: { taskId }, order: { seq: 'ASC' } });
  }

  /** Notices of a plan the actor may see (department users: their own department's). */
  noticesOfPlan(planId: string, actor: Actor): Promise<SupervisionNotice[]> {
    return this.em().find(SupervisionNotice, { where: visibleOfPlan(planId, actor), order: { seq: 'ASC' } });
  }

  /**
   * The notices of a plan the actor may see, in number order: `open` true only those still awaiting
   * their answer, false only answered ones; `page` (offset, limit) one page of them. `total` counts
   * every match.
   */
  async findOfPlan(
    planId: string, actor: Actor, filter: { open?: boolean; page?: { offset: number; limit: number } },
  ): Promise<{ rows: SupervisionNotice[]; total: number }> {
    const where = {
      ...visibleOfPlan(planId, actor),
      ...(filter.open === undefined ? {} : { respondedOn: filter.open ? IsNull() : Not(IsNull()) }),
    };
    const [rows, total] = await this.em().findAndCount(SupervisionNotice, {
      where, order: { seq: 'ASC' }, ...(filter.page ? { skip: filter.page.offset, take: filter.page.limit } : {}),
    });
    return { rows, total };
  }

  /** Issued, responded and responded-on-time counts of the notices of a plan the actor may see. */
  async countsOfPlan(planId: string, actor: Actor): Promise<{ issued: number; responded: number; respondedOnTime: number }> {
    const q = this.em().createQueryBuilder(SupervisionNotice, 'n')
      .select('COUNT(*)', 'issued')
      .addSelect('COUNT(n.responded_on)', 'responded')
      .addSelect('SUM(CASE WHEN n.responded_on <= n.respond_by THEN 1 ELSE 0 END)', 'onTime')
      .where('n.plan_id = :planId', { planId });
    if (actor.role === 'department') q.andWhere('n.department_id = :departmentId', { departmentId: actor.departmentId ?? '' });
    const row = await q.getRawOne<{ issued: string | number; responded: string | number; onTime: string | number | null }>();
    return { issued: Number(row?.issued ?? 0), responded: Number(row?.responded ?? 0), respondedOnTime: Number(row?.onTime ?? 0) };
  }
}

/** Department users see only their own department's notices. */
function visibleOfPlan(planId: string, actor: Actor): { planId: string; departmentId?: string } {
  return actor.role === 'department' ? { planId, departmentId: actor.departmentId ?? '' } : { planId };
}
