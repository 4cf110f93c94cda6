// 督办 notices, numbered per plan.
import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
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
    const where = actor.role === 'department' ? { planId, departmentId: actor.departmentId ?? '' } : { planId };
    return this.em().find(SupervisionNotice, { where, order: { seq: 'ASC' } });
  }
}
