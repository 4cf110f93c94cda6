// Tasks and the departments taking part in them (task_departments).
// Every read that takes a client-supplied id is filtered by the actor's department scope in SQL
// (so a guessed id cannot reach another department's data, OWASP API1): a department user sees only tasks its department takes part in, and
// anything outside that scope is simply "not found".
import { Injectable } from '@nestjs/common';
import { In, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { inChunks } from '../../common/database/chunks';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { TransactionalRepository } from '../../common/database/transactional-repository';
import { Department } from '../departments/department.entity';
import { LedgerChanges } from '../plans/ledger-changes';
import type { ProgressReport } from './progress-report.entity';
import { TaskDepartment } from './task-department.entity';
import type { Participation } from './task-view';
import { LightContext, lightSql } from './task-light';
import { OPEN_TASK_STATUSES, Task, TaskStatus } from './task.entity';

export interface TaskListFilter {
  planId?: string;
  departmentId?: string;
  status?: TaskStatus;
  light?: string;
  /** Part of the title or deliverable (case-insensitive), or an item number. */
  q?: string;
  dueFrom?: string;
  dueTo?: string;
  pendingExtension?: boolean;
  sort?: 'seq' | 'dueDate' | 'percent' | 'updatedAt';
  order?: 'asc' | 'desc';
  offset: number;
  limit: number;
}

const SORT_COLUMNS = { seq: null, dueDate: 't.due_date', percent: 't.percent', updatedAt: 't.updated_at' } as const;

/** A LIKE pattern matching `text` literally anywhere (\ escapes % and _). */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export type TaskPatch = Partial<Pick<Task, 'title' | 'dueDate' | 'dueDay' | 'leadDepartmentId' | 'deliverable' | 'milestones' | 'status' | 'percent' | 'pendingExtension' | 'completedOn' | 'cancelledAt' | 'cancelledBy' | 'cancelReason' | 'updatedAt'>>;

@Injectable()
export class TasksRepository extends TransactionalRepository {
  constructor(tx: TransactionRunner, private readonly changes: LedgerChanges) {
    super(tx);
  }

  /** Tasks the actor may see: all for admin and leader, those its department takes part in otherwise. */
  scoped(actor: Actor, alias = 't'): SelectQueryBuilder<Task> {
    const qb = this.em().createQueryBuilder(Task, alias);
    if (actor.role === 'department') {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM task_departments scope_td WHERE scope_td.task_id = ${alias}.id AND scope_td.department_id = :scopeDept)`,
        { scopeDept: actor.departmentId ?? '' },
      );
    }
    return qb;
  }

  findVisible(id: string, actor: Actor): Promise<Task | null> {
    return this.scoped(actor).andWhere('t.id = :id', { id }).getOne();
  }

  countInPlan(planId: string): Promise<number> {
    return this.em().countBy(Task, { planId });
  }

  countForItems(itemIds: string[]): Promise<number> {
    return itemIds.length ? this.em().countBy(Task, { itemId: In(itemIds) }) : Promise.resolve(0);
  }

  /** Re-attaches the tasks of merged-away items to the item that absorbs them. */
  async moveToItem(fromItemIds: string[], toItemId: string): Promise<void> {
    if (!fromItemIds.length) return;
    const moved = await this.em().find(Task, { where: { itemId: In(fromItemIds) }, select: { id: true } });
    await this.em().update(Task, { itemId: In(fromItemIds) }, { itemId: toItemId });
    await this.changes.tasks(moved.map((t) => t.id));
  }

  findById(id: string): Promise<Task | null> {
    return this.em().findOneBy(Task, { id });
  }

  async list(filter: TaskListFilter, actor: Actor, ctx: LightContext): Promise<{ rows: Task[]; total: number }> {
    const light = lightSql('t', ctx);
    const qb = this.scoped(actor);
    if (filter.planId) qb.andWhere('t.plan_id = :planId', { planId: filter.planId });
    // Cancelled tasks (已撤销) leave the lists unless asked for by status.
    if (filter.status) qb.andWhere('t.status = :status', { status: filter.status });
    else qb.andWhere('t.status <> :cancelled', { cancelled: 'cancelled' });
    if (filter.departmentId) {
      qb.andWhere('EXISTS (SELECT 1 FROM task_departments f_td WHERE f_td.task_id = t.id AND f_td.department_id = :fDept)', { fDept: filter.departmentId });
    }
    if (filter.light) qb.andWhere(`(${light.sql}) = :wantLight`, { ...light.params, wantLight: filter.light });
    if (filter.dueFrom) qb.andWhere('t.due_date >= :dueFrom', { dueFrom: filter.dueFrom });
    if (filter.dueTo) qb.andWhere('t.due_date <= :dueTo', { dueTo: filter.dueTo });
    if (filter.pendingExtension !== undefined) qb.andWhere('t.pending_extension = :pendingExt', { pendingExt: filter.pendingExtension });
    const keyword = filter.q?.trim();
    if (keyword) {
      const byNumber = /^\d{1,6}$/.test(keyword)
        ? ' OR EXISTS (SELECT 1 FROM plan_items q_item WHERE q_item.id = t.item_id AND q_item.number = :qNumber)'
        : '';
      qb.andWhere(
        `(LOWER(t.title) LIKE :qLike ESCAPE '\\' OR LOWER(COALESCE(t.deliverable, '')) LIKE :qLike ESCAPE '\\'${byNumber})`,
        { qLike: containsPattern(keyword), qNumber: Number(keyword) },
      );
    }
    const direction = filter.order === 'desc' ? 'DESC' : 'ASC';
    const sortColumn = SORT_COLUMNS[filter.sort ?? 'seq'];
    if (sortColumn) qb.orderBy(sortColumn, direction).addOrderBy('t.plan_id').addOrderBy('t.seq');
    else qb.orderBy('t.plan_id', direction).addOrderBy('t.seq', direction);
    // The light of each row is computed in the view (computeLight, the same rule): SQL needs it only to filter.
    const rows = await qb.clone().offset(filter.offset).limit(filter.limit).getMany();
    // A short page that is not past the end is the last one: it tells the total without a COUNT.
    const last = rows.length < filter.limit && (rows.length > 0 || filter.offset === 0);
    const total = last ? filter.offset + rows.length : await qb.getCount();
    return { rows, total };
  }

  /**
   * The departments taking part in each task with their display names, for task views: one narrow
   * query (no entity hydration, which cost more than the SQL on the ledger page), ordered by
   * department id within a task as the primary key orders them.
   */
  participantsOf(taskIds: string[]): Promise<Participation[]> {
    return inChunks(taskIds, (chunk) => this.em().createQueryBuilder(TaskDepartment, 'td')
      .innerJoin(Department, 'd', 'd.id = td.department_id')
      .select('td.task_id', 'taskId')
      .addSelect('td.department_id', 'departmentId')
      .addSelect('td.role', 'role')
      .addSelect('td.acknowledged_at', 'acknowledgedAt')
      .addSelect('d.name', 'name')
      .where('td.task_id IN (:...chunk)', { chunk })
      .orderBy('td.task_id').addOrderBy('td.department_id')
      .getRawMany<Participation>());
  }

  departmentsOf(taskIds: string[]): Promise<TaskDepartment[]> {
    return inChunks(taskIds, (chunk) => this.em().find(TaskDepartment, { where: { taskId: In(chunk) } }));
  }

  roleOf(taskId: string, departmentId: string | null): Promise<TaskDepartment | null> {
    return departmentId ? this.em().findOneBy(TaskDepartment, { taskId, departmentId }) : Promise.resolve(null);
  }

  async maxSeq(planId: string): Promise<number> {
    const row = await this.em().createQueryBuilder(Task, 't').select('MAX(t.seq)', 'max').where('t.plan_id = :planId', { planId }).getRawOne<{ max: number | null }>();
    return Number(row?.max ?? 0);
  }

  async insertTasks(tasks: Task[], departments: TaskDepartment[]): Promise<void> {
    for (let i = 0; i < tasks.length; i += 40) await this.em().insert(Task, tasks.slice(i, i + 40));
    for (let i = 0; i < departments.length; i += 200) await this.em().insert(TaskDepartment, departments.slice(i, i + 200));
    await this.changes.tasks(tasks.map((t) => t.id));
  }

  /** Optimistic update: only when the row still has the version the client read, so a stale edit cannot overwrite a newer one. */
  async updateIfVersion(id: string, expectedVersion: number, patch: TaskPatch): Promise<boolean> {
    const res = await this.em()
      .createQueryBuilder()
      .update(Task)
      .set({ ...patch, version: () => 'version + 1' })
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
      .execute();
    if ((res.affected ?? 0) !== 1) return false;
    await this.changes.tasks([id]);
    return true;
  }

  /** Replaces the departments of a task; a department that stays keeps its 签收. */
  async replaceDepartments(taskId: string, lead: string, cooperating: string[]): Promise<void> {
    const before = new Map((await this.em().find(TaskDepartment, { where: { taskId } })).map((d) => [d.departmentId, d]));
    const keep = (departmentId: string) => ({ acknowledgedAt: before.get(departmentId)?.acknowledgedAt ?? null, acknowledgedBy: before.get(departmentId)?.acknowledgedBy ?? null });
    await this.em().delete(TaskDepartment, { taskId });
    await this.em().insert(TaskDepartment, [
      { taskId, departmentId: lead, role: 'lead', ...keep(lead) },
      ...cooperating.map((departmentId) => ({ taskId, departmentId, role: 'cooperating' as const, ...keep(departmentId) })),
    ]);
    await this.changes.tasks([taskId]);
  }

  /** Every task of a plan, cancelled ones included (duplicate detection looks at the others). */
  tasksOfPlan(planId: string): Promise<Task[]> {
    return this.em().find(Task, { where: { planId }, order: { seq: 'ASC' } });
  }

  /** 撤销: only while the task still has the version read inside the same transaction. */
  async cancel(id: string, expectedVersion: number, by: string, reason: string, at: string): Promise<boolean> {
    return this.updateIfVersion(id, expectedVersion, { status: 'cancelled', cancelledAt: at, cancelledBy: by, cancelReason: reason, pendingExtension: false, updatedAt: at });
  }

  /** 签收 by one department; false when it had already acknowledged. */
  async acknowledge(taskId: string, departmentId: string, by: string, at: string): Promise<boolean> {
    const res = await this.em().createQueryBuilder().update(TaskDepartment)
      .set({ acknowledgedAt: at, acknowledgedBy: by })
      .where('task_id = :taskId AND department_id = :departmentId AND acknowledged_at IS NULL', { taskId, departmentId }).execute();
    return (res.affected ?? 0) === 1;
  }

  /** Official progress follows the newest lead report; an older one arriving late does not win. */
  async applyOfficialProgress(taskId: string, r: ProgressReport): Promise<void> {
    await this.em()
      .createQueryBuilder()
      .update(Task)
      .set({ percent: r.percent, lastReportedOn: r.reportedOn, lastReportAt: r.createdAt, latestNarrative: r.narrative, updatedAt: r.createdAt })
      .where('id = :taskId AND (last_report_at IS NULL OR last_report_at <= :at)', { taskId, at: r.createdAt })
      .execute();
    await this.changes.tasks([taskId]);
  }

  /** Tasks of a plan for the ledger, in document order, scoped to the actor. */
  ledgerRows(planId: string, actor: Actor): Promise<Task[]> {
    return this.scoped(actor).andWhere('t.plan_id = :planId', { planId }).orderBy('t.seq', 'ASC').getMany();
  }

  findByIds(ids: string[]): Promise<Task[]> {
    return inChunks(ids, (chunk) => this.em().find(Task, { where: { id: In(chunk) } }));
  }

  /** Open tasks of a plan a department takes part in (for quarterly reminders). */
  openTasksOf(planId: string, departmentId: string): Promise<Task[]> {
    return this.em().createQueryBuilder(Task, 't')
      .innerJoin(TaskDepartment, 'td', 'td.task_id = t.id AND td.department_id = :departmentId', { departmentId })
      .where('t.plan_id = :planId AND t.status IN (:...open)', { planId, open: [...OPEN_TASK_STATUSES] })
      .orderBy('t.due_date', 'ASC').getMany();
  }

  /** Unfinished tasks whose reminders may fall in a year (due in it, or due early the next). */
  openTasksDueBetween(from: string, to: string): Promise<Task[]> {
    return this.em().createQueryBuilder(Task, 't')
      .where('t.status IN (:...open)', { open: [...OPEN_TASK_STATUSES] })
      .andWhere('t.due_date >= :from AND t.due_date <= :to', { from, to })
      .getMany();
  }

  openTasksOfPlan(planId: string): Promise<Task[]> {
    return this.em().find(Task, { where: { planId, status: In([...OPEN_TASK_STATUSES]) } });
  }
}
