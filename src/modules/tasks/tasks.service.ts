import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import type { Actor } from '../../common/auth/actor';
import { ReadCache } from '../../common/cache/read-cache';
import { NotFound, StaleVersion } from '../../common/errors/domain-error';
import { newId } from '../../common/database/ids';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { businessDateOf } from '../../common/time/business-date';
import { planDateProblem } from '../../common/validation/calendar-date';
import { Clock } from '../../common/time/clock';
import { AuditService } from '../audit/audit.service';
import { DepartmentsService } from '../departments/departments.service';
import { DepartmentsRepository } from '../departments/departments.repository';
import { PlansRepository } from '../plans/plans.repository';
import { AssignmentRow, departmentReferences, FieldNames, JSON_FIELDS, resolveAssignments, ResolvedAssignment } from './assignment-rows';
import { parseDueText } from './due-date-text';
import { TaskAccess } from './task-access';
import { TaskDepartment } from './task-department.entity';
import { TaskScheduleHook } from './task-schedule.hook';
import { computeLight, dayNumber, LightContext, lightContext } from './task-light';
import { Participation, TaskView, toTaskView } from './task-view';
import { Task } from './task.entity';
import { AlreadyAssigned, assertTaskOpen, BatchInvalid, FieldsInvalid, RowError, TaskCancelled } from './tasks.errors';
import { AssignMode, findDuplicates, isUnstarted } from './assignment-duplicates';
import { TaskEventPublisher } from './task-events';
import { Conflict, Forbidden } from '../../common/errors/domain-error';
import { TaskListFilter, TaskPatch, TasksRepository } from './tasks.repository';
import type { UpdateTaskDto } from './dto/update-task.dto';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type TaskListQuery = Omit<TaskListFilter, 'offset' | 'limit'> & { page: number; pageSize: number };

export interface DraftRow {
  itemNumber: number;
  itemId: string;
  title: string;
  leadDepartment: string | null;
  cooperatingDepartments: string[];
  dueDate: string | null;
  dueText: string | null;
  problems: string[];
}

@Injectable()
export class TasksService {
  constructor(
    private readonly repo: TasksRepository,
    private readonly plans: PlansRepository,
    private readonly departments: DepartmentsService,
    private readonly departmentsRepo: DepartmentsRepository,
    private readonly access: TaskAccess,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly schedule: TaskScheduleHook,
    private readonly events: TaskEventPublisher,
    private readonly cache: ReadCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  today(): string {
    return businessDateOf(this.clock.now());
  }

  lightContext(): LightContext {
    return lightContext(this.today(), this.config.lights);
  }

  /** Bulk assignment, all or nothing: any bad row rejects the batch with every problem listed. */
  async assign(
    planId: string,
    rows: AssignmentRow[],
    actor: Actor,
    options: { fields?: FieldNames; rowWord?: 'row' | '第N行'; shapeErrors?: RowError[]; mode?: AssignMode } = {},
  ): Promise<TaskView[]> {
    const { fields = JSON_FIELDS, rowWord = 'row', shapeErrors = [], mode } = options;
    const plan = await this.plans.findById(planId);
    if (!plan) throw new NotFound('plan', planId);
    const refs = departmentReferences(rows);
    const [items, names, known] = await Promise.all([
      this.plans.itemsOf(planId),
      this.departments.resolveNames(refs.names),
      this.departmentsRepo.findByIds(refs.ids),
    ]);
    const { ok, errors } = resolveAssignments(rows, {
      planYear: plan.year, items, names, departmentIds: new Set(known.map((d) => d.id)), fields,
    });
    if (errors.length || shapeErrors.length) {
      throw new BatchInvalid([...shapeErrors, ...errors].sort((a, b) => a.row - b.row), rowWord);
    }

    const created = await this.tx.run(async () => {
      // Rows already assigned are found inside the writing transaction: two uploads at once cannot both pass.
      if (mode !== 'append') await this.settleDuplicates(planId, ok, mode, rowWord, actor);
      const first = (await this.repo.maxSeq(planId)) + 1;
      const { tasks, departments } = this.buildTasks(planId, plan.year, ok, first);
      await this.repo.insertTasks(tasks, departments);
      await this.schedule.created(tasks);
      for (const t of tasks) {
        await this.audit.record({ actorId: actor.id, action: 'task.create', entityType: 'task', entityId: t.id, after: this.auditShape(t, departments) });
      }
      const names = await this.namesOf(departments.map((d) => d.departmentId));
      await this.events.publish(tasks.map((t) => {
        const own = departments.filter((d) => d.taskId === t.id);
        const coop = own.filter((d) => d.role === 'cooperating').map((d) => names.get(d.departmentId) ?? d.departmentId);
        return {
          eventKey: `task:${t.id}:assigned`, kind: 'task_assigned', planId, taskId: t.id, to: { departmentIds: own.map((d) => d.departmentId) },
          title: '新任务待签收',
          body: `「${t.title}」已分配：牵头单位 ${names.get(t.leadDepartmentId) ?? ''}${coop.length ? `，配合单位 ${coop.join('、')}` : ''}，完成时限 ${t.dueDate}。请登录督办台账签收。`,
        };
      }));
      return tasks;
    });
    // The rows as inserted: no need to read 2,000 tasks back one by one.
    return this.viewsOf(created);
  }

  /** Refuses rows already assigned (409 listing them); `replace` first cancels the items' unstarted tasks. */
  private async settleDuplicates(planId: string, rows: ResolvedAssignment[], mode: 'replace' | undefined, rowWord: 'row' | '第N行', actor: Actor): Promise<void> {
    const existing = (await this.repo.tasksOfPlan(planId)).filter((t) => t.status !== 'cancelled');
    if (mode === 'replace') {
      const items = new Set(rows.map((r) => r.item.id));
      const replaced = existing.filter((t) => items.has(t.itemId) && isUnstarted(t));
      const kept = existing.filter((t) => !replaced.includes(t));
      const blocking = findDuplicates(rows, kept);
      if (blocking.length) throw new AlreadyAssigned(blocking.map((d) => ({ ...d, started: true })), rowWord, { duplicates: blocking });
      for (const t of replaced) await this.cancelInTransaction(t, '重新上传任务分工表，替换为新的分工', actor);
      return;
    }
    const duplicates = findDuplicates(rows, existing);
    if (duplicates.length) throw new AlreadyAssigned(duplicates, rowWord, { duplicates });
  }

  /**
   * 撤销 (admin): the task leaves every statistic (lists, lights, dashboard, roll-ups, report) but
   * stays in the ledger marked 已撤销; its reminders still to come are cancelled; the departments
   * taking part are told.
   */
  async cancel(id: string, reason: string, actor: Actor): Promise<TaskView> {
    const text = reason.trim();
    if (!text) throw new BatchInvalid([{ row: 1, field: 'reason', message: '撤销原因不能为空' }]);
    await this.tx.run(async () => {
      const task = await this.repo.findById(id);
      if (!task) throw new NotFound('task', id);
      if (task.status === 'cancelled') throw new TaskCancelled();
      if (task.status === 'completed') throw new Conflict('task: 任务已办结，不能撤销');
      await this.cancelInTransaction(task, text, actor);
    });
    return this.get(id, actor);
  }

  private async cancelInTransaction(task: Task, reason: string, actor: Actor): Promise<void> {
    const at = this.clock.now().toISOString();
    if (!(await this.repo.cancel(task.id, task.version, actor.id, reason, at))) throw new StaleVersion('任务', task.version);
    await this.schedule.cancelled(task);
    await this.audit.record({
      actorId: actor.id, action: 'task.cancel', entityType: 'task', entityId: task.id,
      before: { status: task.status }, after: { status: 'cancelled', reason },
    });
    const departments = await this.repo.departmentsOf([task.id]);
    await this.events.publish([{
      eventKey: `task:${task.id}:cancelled`, kind: 'task_cancelled', planId: task.planId, taskId: task.id,
      to: { departmentIds: departments.map((d) => d.departmentId) },
      title: '任务已撤销', body: `「${task.title}」已由法制办撤销，无需再推进和填报。撤销原因：${reason}`,
    }]);
  }

  /** 签收 by the lead or a co-operating department (its own participation). */
  async acknowledge(id: string, actor: Actor): Promise<{ taskId: string; departmentId: string; acknowledgedAt: string; alreadyAcknowledged: boolean }> {
    const { task, as, departmentId } = await this.access.participant(id, actor);
    if (as === 'admin') throw new Forbidden('role: 签收由牵头单位或配合单位办理');
    if (task.status === 'cancelled') throw new TaskCancelled();
    return this.tx.run(async () => {
      const at = this.clock.now().toISOString();
      const fresh = await this.repo.roleOf(id, departmentId);
      if (fresh?.acknowledgedAt) return { taskId: id, departmentId, acknowledgedAt: fresh.acknowledgedAt, alreadyAcknowledged: true };
      await this.repo.acknowledge(id, departmentId, actor.id, at);
      await this.schedule.acknowledged(task, departmentId);
      await this.audit.record({ actorId: actor.id, action: 'task.acknowledge', entityType: 'task', entityId: id, after: { departmentId, role: as } });
      return { taskId: id, departmentId, acknowledgedAt: at, alreadyAcknowledged: false };
    });
  }

  private async namesOf(ids: string[]): Promise<Map<string, string>> {
    return new Map((await this.departmentsRepo.findByIds([...new Set(ids)])).map((d) => [d.id, d.name]));
  }

  private buildTasks(planId: string, planYear: number, rows: ResolvedAssignment[], firstSeq: number) {
    const now = this.clock.now().toISOString();
    const today = this.today();
    const yearStart = `${planYear}-01-01`;
    const tasks: Task[] = [];
    const departments: TaskDepartment[] = [];
    rows.forEach((r, i) => {
      // 序时进度 runs from assignment (or the plan year's start, for a plan assigned ahead) to the due date.
      let startDate = today > yearStart ? today : yearStart;
      if (startDate > r.dueDate) startDate = r.dueDate;
      const task: Task = {
        id: newId(), planId, itemId: r.item.id, seq: firstSeq + i, title: r.title, leadDepartmentId: r.leadDepartmentId,
        deliverable: r.deliverable, milestones: r.milestones, startDate, dueDate: r.dueDate,
        startDay: dayNumber(startDate), dueDay: dayNumber(r.dueDate), originalDueDate: r.dueDate, status: 'in_progress',
        percent: 0, lastReportedOn: null, lastReportAt: null, latestNarrative: null, pendingExtension: false, completedOn: null, cancelledAt: null, cancelledBy: null, cancelReason: null,
        version: 1, createdAt: now, updatedAt: now,
      };
      tasks.push(task);
      departments.push({ taskId: task.id, departmentId: r.leadDepartmentId, role: 'lead' });
      for (const c of r.cooperatingDepartmentIds) departments.push({ taskId: task.id, departmentId: c, role: 'cooperating' });
    });
    return { tasks, departments };
  }

  /**
   * GET /api/tasks as JSON, served from the read cache like the dashboard: a page is computed and
   * serialised once, then answered until any write commits in this process (or another process's
   * write arrives on the change feed), or READ_CACHE_TTL_MS at most. The key holds every filter, the
   * actor's scope (a department sees only its own tasks; admin and leader see the same list) and
   * today (the lights). With a plan the key is scoped to it (`tasks:<plan>`: dropped by that plan's
   * changes); without one it has no scope and any change drops it.
   */
  listJson(filter: TaskListQuery, actor: Actor): Promise<Buffer> {
    const scope = actor.role === 'department' ? `dept=${actor.departmentId ?? ''}` : 'all';
    const f = filter;
    const filterKey = JSON.stringify([
      f.departmentId, f.status, f.light, f.q, f.dueFrom, f.dueTo, f.pendingExtension, f.sort, f.order, f.page, f.pageSize,
    ]);
    const key = `${f.planId ? `tasks:${f.planId}` : 'tasklist'}:${scope}:${this.today()}:${filterKey}`;
    return this.cache.getJson(key, this.config.readCacheTtlMs, () => this.list(filter, actor));
  }

  async list(filter: TaskListQuery, actor: Actor): Promise<Page<TaskView>> {
    const { rows, total } = await this.repo.list({ ...filter, offset: (filter.page - 1) * filter.pageSize, limit: filter.pageSize }, actor, this.lightContext());
    return { items: await this.viewsOf(rows), total, page: filter.page, pageSize: filter.pageSize };
  }

  async get(id: string, actor: Actor): Promise<TaskView> {
    const task = await this.access.visible(id, actor);
    return (await this.viewsOf([task]))[0];
  }

  /** Admin edits with optimistic locking: the client sends the version it read; a stale one gets 409. */
  async update(id: string, input: UpdateTaskDto, actor: Actor): Promise<TaskView> {
    const task = await this.access.visible(id, actor);
    const plan = await this.plans.findById(task.planId);
    if (!plan) throw new NotFound('task', id);
    const refs = [input.leadDepartment, ...(input.cooperatingDepartments ?? [])].filter((x): x is string => !!x);
    let lead: string | undefined;
    let cooperating: string[] | undefined;
    if (refs.length) {
      const asRow: AssignmentRow = {
        row: 1, itemId: task.itemId, leadDepartment: input.leadDepartment ?? task.leadDepartmentId,
        cooperatingDepartments: input.cooperatingDepartments ?? [], dueDate: input.dueDate ?? task.dueDate,
      };
      const names = await this.departments.resolveNames(departmentReferences([asRow]).names);
      const known = await this.departmentsRepo.findByIds(departmentReferences([asRow]).ids);
      const { ok, errors } = resolveAssignments([asRow], {
        planYear: plan.year, items: await this.plans.itemsByIds([task.itemId]), names,
        departmentIds: new Set(known.map((d) => d.id)), fields: JSON_FIELDS,
      });
      // One object, not a batch: the errors name the field only.
      if (errors.length) throw new FieldsInvalid(errors);
      lead = ok[0].leadDepartmentId;
      cooperating = input.cooperatingDepartments ? ok[0].cooperatingDepartmentIds : undefined;
    }
    const dateProblems = [
      ...(input.dueDate !== undefined ? [{ field: 'dueDate', message: planDateProblem(input.dueDate, plan.year) }] : []),
      ...(input.milestones ?? []).map((m, i) => ({ field: `milestones[${i}].date`, message: planDateProblem(m.date, plan.year) })),
    ].filter((p): p is { field: string; message: string } => p.message !== null);
    if (dateProblems.length) throw new FieldsInvalid(dateProblems);

    await this.tx.run(async () => {
      // State and version are checked on the row read inside the writing transaction.
      const before = await this.repo.findById(id);
      if (!before) throw new NotFound('task', id);
      assertTaskOpen(before);
      const beforeDepartments = await this.repo.departmentsOf([id]);
      const patch: TaskPatch = { updatedAt: this.clock.now().toISOString() };
      if (input.title !== undefined) patch.title = input.title;
      if (input.deliverable !== undefined) patch.deliverable = input.deliverable;
      if (input.milestones !== undefined) patch.milestones = input.milestones;
      if (input.dueDate !== undefined) Object.assign(patch, { dueDate: input.dueDate, dueDay: dayNumber(input.dueDate) });
      if (lead) patch.leadDepartmentId = lead;
      if (!(await this.repo.updateIfVersion(id, input.version, patch))) throw new StaleVersion('任务', input.version);
      if (input.dueDate !== undefined && input.dueDate !== before.dueDate) await this.schedule.dueDateChanged({ ...before, dueDate: input.dueDate });
      if (lead || cooperating) {
        const current = await this.repo.departmentsOf([id]);
        const coop = cooperating ?? current.filter((d) => d.role === 'cooperating').map((d) => d.departmentId);
        const finalLead = lead ?? before.leadDepartmentId;
        await this.repo.replaceDepartments(id, finalLead, coop.filter((c) => c !== finalLead));
        await this.schedule.departmentsChanged({ ...before, leadDepartmentId: finalLead });
      }
      const { version: _v, ...changes } = input;
      await this.audit.record({ actorId: actor.id, action: 'task.update', entityType: 'task', entityId: id, before: this.auditShape(before, beforeDepartments), after: changes });
      const after = await this.repo.departmentsOf([id]);
      const what: string[] = [];
      if (input.title !== undefined && input.title !== task.title) what.push(`任务名称改为「${input.title}」`);
      if (input.dueDate !== undefined && input.dueDate !== task.dueDate) what.push(`完成时限由 ${task.dueDate} 调整为 ${input.dueDate}`);
      if (lead && lead !== task.leadDepartmentId) what.push('牵头单位已调整');
      if (cooperating) what.push('配合单位已调整');
      if (input.deliverable !== undefined && input.deliverable !== task.deliverable) what.push(`成果形式改为「${input.deliverable ?? ''}」`);
      if (input.milestones !== undefined) what.push('阶段目标已调整');
      if (what.length) {
        await this.events.publish([{
          eventKey: `task:${id}:changed:v${input.version + 1}`, kind: 'task_changed', planId: task.planId, taskId: id,
          to: { departmentIds: [...new Set([...beforeDepartments, ...after].map((d) => d.departmentId))] },
          title: '任务已调整', body: `「${input.title ?? task.title}」：${what.join('；')}。`,
        }]);
      }
    });
    return this.get(id, actor);
  }

  /** A draft assignment from the import's suggestions, for the legal office to confirm and post to /tasks. */
  async draft(planId: string): Promise<DraftRow[]> {
    const plan = await this.plans.findById(planId);
    if (!plan) throw new NotFound('plan', planId);
    return (await this.plans.itemsOf(planId)).map((item) => {
      const s = item.suggestions;
      const problems: string[] = [];
      const leadRef = s?.lead.find((l) => l.departmentId) ?? null;
      if (!s?.lead.length) problems.push('文档未写明牵头单位');
      else if (!leadRef) problems.push(`牵头单位未匹配到部门目录：${s.lead.map((l) => l.name).join('、')}`);
      if (s?.unmatched.length) problems.push(`未匹配的单位：${s.unmatched.join('、')}`);
      const due = s?.dueText ? parseDueText(s.dueText, plan.year) : null;
      if (due && !due.ok) problems.push(due.message);
      return {
        itemNumber: item.number,
        itemId: item.id,
        title: item.title,
        leadDepartment: leadRef?.departmentId ?? null,
        cooperatingDepartments: [...(s?.lead ?? []).filter((l) => l !== leadRef), ...(s?.cooperating ?? [])]
          .filter((c) => c.departmentId).map((c) => c.departmentId!),
        dueDate: due?.ok ? due.date : null,
        dueText: s?.dueText ?? null,
        problems,
      };
    });
  }

  /** Views of tasks: two narrow queries for any number of tasks (departments with names, item numbers). */
  async viewsOf(tasks: Task[]): Promise<TaskView[]> {
    const [participants, numbers] = await Promise.all([
      this.repo.participantsOf(tasks.map((t) => t.id)),
      this.plans.itemNumbers([...new Set(tasks.map((t) => t.itemId))]),
    ]);
    const byTask = new Map<string, Participation[]>();
    for (const p of participants) {
      const own = byTask.get(p.taskId);
      if (own) own.push(p);
      else byTask.set(p.taskId, [p]);
    }
    const ctx = this.lightContext();
    return tasks.map((t) => toTaskView(t, computeLight(t, ctx), byTask.get(t.id) ?? [], numbers.get(t.itemId) ?? null));
  }

  private auditShape(t: Task, departments: TaskDepartment[]) {
    return {
      title: t.title, dueDate: t.dueDate, leadDepartmentId: t.leadDepartmentId, deliverable: t.deliverable,
      cooperatingDepartmentIds: departments.filter((d) => d.taskId === t.id && d.role === 'cooperating').map((d) => d.departmentId),
    };
  }
}
