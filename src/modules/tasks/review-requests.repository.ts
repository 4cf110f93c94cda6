// 延期申请 and 办结申请 rows.
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { inChunks } from '../../common/database/chunks';
import { TransactionalRepository } from '../../common/database/transactional-repository';
import { Department } from '../departments/department.entity';
import { PlanItem } from '../plans/plan-item.entity';
import { CompletionRequest, ExtensionRequest, type ReviewStatus } from './review-request.entity';
import { Task } from './task.entity';

export const REVIEW_KINDS = ['extension', 'completion'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

interface ReviewQueueBase {
  id: string;
  status: ReviewStatus;
  createdAt: string;
  /** What the 待办 list shows of the task, so the page needs no other call. */
  task: { id: string; title: string; itemNumber: number | null; dueDate: string; percent: number; status: string };
  /** The department that asked (the task's lead department). */
  department: { id: string; name: string };
}
/** One 延期申请 or 办结申请 of a plan, with its task's title, item number and the asking department. */
export type ReviewQueueRow =
  | (ReviewQueueBase & { kind: 'extension'; requestedDueDate: string; previousDueDate: string; reason: string })
  | (ReviewQueueBase & { kind: 'completion'; summary: string });

interface RawQueueRow {
  id: string; status: ReviewStatus; created_at: string; task_id: string; task_title: string; item_number: number | string | null;
  due_date: string; percent: number | string; task_status: string; department_id: string; department_name: string | null;
  requested_due_date?: string; previous_due_date?: string; reason?: string; summary?: string;
}

@Injectable()
export class ReviewRequestsRepository extends TransactionalRepository {
  pendingExtension(taskId: string): Promise<ExtensionRequest | null> {
    return this.em().findOneBy(ExtensionRequest, { taskId, status: 'pending' });
  }

  findExtension(id: string): Promise<ExtensionRequest | null> {
    return this.em().findOneBy(ExtensionRequest, { id });
  }

  extensionsOf(taskId: string): Promise<ExtensionRequest[]> {
    return this.em().find(ExtensionRequest, { where: { taskId }, order: { createdAt: 'DESC' } });
  }

  pendingCompletion(taskId: string): Promise<CompletionRequest | null> {
    return this.em().findOneBy(CompletionRequest, { taskId, status: 'pending' });
  }

  completionsOf(taskId: string): Promise<CompletionRequest[]> {
    return this.em().find(CompletionRequest, { where: { taskId }, order: { createdAt: 'DESC' } });
  }

  async saveExtension(e: ExtensionRequest): Promise<void> {
    await this.em().save(ExtensionRequest, e);
  }

  async saveCompletion(c: CompletionRequest): Promise<void> {
    await this.em().save(CompletionRequest, c);
  }

  /** Extension requests of these tasks, oldest first (the ledger shows the history, approved and returned). */
  extensionsOfTasks(taskIds: string[]): Promise<ExtensionRequest[]> {
    return inChunks(taskIds, (chunk) => this.em().find(ExtensionRequest, { where: { taskId: In(chunk) }, order: { createdAt: 'ASC' } }));
  }

  /** The approved completion requests of these tasks: their summaries are what the year-end report quotes. */
  approvedCompletionsOf(taskIds: string[]): Promise<CompletionRequest[]> {
    return inChunks(taskIds, (chunk) => this.em().find(CompletionRequest, { where: { taskId: In(chunk), status: 'approved' }, order: { createdAt: 'ASC' } }));
  }

  /**
   * One page of a plan's requests of one kind and status, oldest first (the one waiting longest on top).
   * Requests of cancelled tasks are left out: they can no longer be reviewed.
   */
  async pageOfPlan(
    kind: ReviewKind, planId: string, status: ReviewStatus, page: { offset: number; limit: number },
  ): Promise<{ rows: ReviewQueueRow[]; total: number }> {
    const qb = this.em().createQueryBuilder(kind === 'extension' ? ExtensionRequest : CompletionRequest, 'r')
      .innerJoin(Task, 't', 't.id = r.task_id')
      .leftJoin(PlanItem, 'i', 'i.id = t.item_id')
      .leftJoin(Department, 'd', 'd.id = r.department_id')
      .where('t.plan_id = :planId', { planId })
      .andWhere('r.status = :status', { status })
      .andWhere("t.status <> 'cancelled'");
    const total = await qb.getCount();
    qb.select(['r.id AS id', 'r.status AS status', 'r.created_at AS created_at', 'r.department_id AS department_id'])
      .addSelect(['t.id AS task_id', 't.title AS task_title', 't.due_date AS due_date', 't.percent AS percent', 't.status AS task_status'])
      .addSelect(['i.number AS item_number', 'd.name AS department_name'])
      .addSelect(kind === 'extension'
        ? ['r.requested_due_date AS requested_due_date', 'r.previous_due_date AS previous_due_date', 'r.reason AS reason']
        : ['r.summary AS summary'])
      .orderBy('r.created_at', 'ASC').addOrderBy('r.id', 'ASC')
      .offset(page.offset).limit(page.limit);
    const raw = await qb.getRawMany<RawQueueRow>();
    const rows = raw.map((r): ReviewQueueRow => {
      const base: ReviewQueueBase = {
        id: r.id, status: r.status, createdAt: r.created_at,
        task: {
          id: r.task_id, title: r.task_title, itemNumber: r.item_number === null ? null : Number(r.item_number),
          dueDate: r.due_date, percent: Number(r.percent), status: r.task_status,
        },
        department: { id: r.department_id, name: r.department_name ?? r.department_id },
      };
      return kind === 'extension'
        ? { ...base, kind, requestedDueDate: r.requested_due_date ?? '', previousDueDate: r.previous_due_date ?? '', reason: r.reason ?? '' }
        : { ...base, kind, summary: r.summary ?? '' };
    });
    return { rows, total };
  }
}
