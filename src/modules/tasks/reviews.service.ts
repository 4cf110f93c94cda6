// 延期申请 and 办结申请: the lead department asks, the legal office approves or returns with a reason.
// Every step is audited in the same transaction; approving an extension moves the due date while the
// original stays on the task for statistics.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { InvalidInput, NotFound, StaleVersion } from '../../common/errors/domain-error';
import { newId } from '../../common/database/ids';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { businessDateOf } from '../../common/time/business-date';
import { planDateProblem } from '../../common/validation/calendar-date';
import { PlansRepository } from '../plans/plans.repository';
import { Clock } from '../../common/time/clock';
import { AuditService } from '../audit/audit.service';
import { CompletionRequest, ExtensionRequest } from './review-request.entity';
import { TaskAccess } from './task-access';
import { dayNumber } from './task-light';
import { Task } from './task.entity';
import { assertTaskOpen, RequestNotPending, RequestPending, TaskCancelled } from './tasks.errors';
import { type ReviewKind, type ReviewQueueRow, ReviewRequestsRepository } from './review-requests.repository';
import type { ReviewStatus } from './review-request.entity';
import type { Page } from './tasks.service';
import { TasksRepository } from './tasks.repository';
import { TaskScheduleHook } from './task-schedule.hook';
import { TaskEventPublisher } from './task-events';

const STATUS_ZH = { pending: '待审核', approved: '已批准', returned: '已退回' } as const;

@Injectable()
export class ReviewsService {
  constructor(
    private readonly repo: TasksRepository,
    private readonly requests: ReviewRequestsRepository,
    private readonly plans: PlansRepository,
    private readonly access: TaskAccess,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly schedule: TaskScheduleHook,
    private readonly events: TaskEventPublisher,
  ) {}

  async requestExtension(taskId: string, input: { requestedDueDate: string; reason: string }, actor: Actor): Promise<ExtensionRequest> {
    const { task: seen, departmentId } = await this.access.lead(taskId, actor, '申请延期');
    const plan = await this.plans.findById(seen.planId);
    const problem = plan ? planDateProblem(input.requestedDueDate, plan.year) : null;
    if (problem) throw new InvalidInput(`requestedDueDate: ${problem}`);
    return this.tx.run(async () => {
      // State checks on the row as it is inside the writing transaction.
      const task = await this.current(taskId);
      assertTaskOpen(task);
      if (input.requestedDueDate <= task.dueDate) throw new InvalidInput(`requestedDueDate: 申请的完成时限必须晚于当前时限 ${task.dueDate}`);
      if (await this.requests.pendingExtension(taskId)) throw new RequestPending('延期申请');
      const request: ExtensionRequest = {
        id: newId(), taskId, departmentId, requestedBy: actor.id, requestedDueDate: input.requestedDueDate,
        previousDueDate: task.dueDate, reason: input.reason.trim(), status: 'pending', reviewReason: null, reviewedBy: null,
        reviewedAt: null, createdAt: this.clock.now().toISOString(),
      };
      await this.requests.saveExtension(request);
      await this.bump(task, { pendingExtension: true });
      await this.audit.record({ actorId: actor.id, action: 'extension.request', entityType: 'task', entityId: taskId, after: { requestId: request.id, requestedDueDate: request.requestedDueDate, reason: request.reason } });
      await this.events.publish([{
        eventKey: `extension:${request.id}:submitted`, kind: 'request_new', planId: task.planId, taskId, to: { roles: ['admin'] },
        title: '延期申请待审核', body: `「${task.title}」申请将完成时限由 ${task.dueDate} 延至 ${request.requestedDueDate}。理由：${request.reason}`,
      }]);
      return request;
    });
  }

  async reviewExtension(requestId: string, decision: 'approve' | 'return', reason: string | null, actor: Actor): Promise<ExtensionRequest> {
    return this.tx.run(async () => {
      const request = await this.requests.findExtension(requestId);
      if (!request) throw new NotFound('extensionRequest', requestId);
      if (request.status !== 'pending') throw new RequestNotPending('延期申请', STATUS_ZH[request.status]);
      const task = await this.repo.findById(request.taskId);
      if (!task) throw new NotFound('task', request.taskId);
      if (task.status === 'cancelled') throw new TaskCancelled();
      if (decision === 'approve') {
        // A request stored before dates were bounded may hold a date no schedule can use.
        const plan = await this.plans.findById(task.planId);
        const problem = plan ? planDateProblem(request.requestedDueDate, plan.year) : null;
        if (problem) throw new InvalidInput(`requestedDueDate: ${problem}，只能退回`);
      }
      request.status = decision === 'approve' ? 'approved' : 'returned';
      request.reviewReason = reason;
      request.reviewedBy = actor.id;
      request.reviewedAt = this.clock.now().toISOString();
      await this.requests.saveExtension(request);
      if (decision === 'approve') {
        await this.bump(task, { pendingExtension: false, dueDate: request.requestedDueDate, dueDay: dayNumber(request.requestedDueDate) });
        await this.schedule.dueDateChanged({ ...task, dueDate: request.requestedDueDate });
      } else {
        await this.bump(task, { pendingExtension: false });
      }
      await this.audit.record({
        actorId: actor.id, action: `extension.${decision}`, entityType: 'task', entityId: task.id,
        before: { dueDate: task.dueDate }, after: { dueDate: decision === 'approve' ? request.requestedDueDate : task.dueDate, requestId, reason },
      });
      await this.events.publish([{
        eventKey: `extension:${request.id}:${request.status}`, kind: decision === 'approve' ? 'request_approved' : 'request_returned',
        planId: task.planId, taskId: task.id, to: { departmentIds: [request.departmentId] },
        title: decision === 'approve' ? '延期申请已批准' : '延期申请已退回',
        body: decision === 'approve'
          ? `「${task.title}」的延期申请已批准，完成时限调整为 ${request.requestedDueDate}。`
          : `「${task.title}」的延期申请已退回，完成时限仍为 ${task.dueDate}。退回理由：${reason ?? ''}`,
      }]);
      return request;
    });
  }

  async requestCompletion(taskId: string, summary: string, actor: Actor): Promise<CompletionRequest> {
    const { departmentId } = await this.access.lead(taskId, actor, '申请办结');
    return this.tx.run(async () => {
      const task = await this.current(taskId);
      assertTaskOpen(task);
      if (await this.requests.pendingCompletion(taskId)) throw new RequestPending('办结申请');
      const request: CompletionRequest = {
        id: newId(), taskId, departmentId, requestedBy: actor.id, summary: summary.trim(), status: 'pending',
        reviewReason: null, reviewedBy: null, reviewedAt: null, createdAt: this.clock.now().toISOString(),
      };
      await this.requests.saveCompletion(request);
      await this.bump(task, { status: 'completion_requested' });
      await this.audit.record({ actorId: actor.id, action: 'completion.request', entityType: 'task', entityId: taskId, before: { status: task.status }, after: { status: 'completion_requested', summary: request.summary } });
      await this.events.publish([{
        eventKey: `completion:${request.id}:submitted`, kind: 'request_new', planId: task.planId, taskId, to: { roles: ['admin'] },
        title: '办结申请待审核', body: `「${task.title}」申请办结。办结情况：${request.summary}`,
      }]);
      return request;
    });
  }

  async reviewCompletion(taskId: string, decision: 'approve' | 'return', reason: string | null, actor: Actor): Promise<CompletionRequest> {
    return this.tx.run(async () => {
      const task = await this.repo.findById(taskId);
      if (!task) throw new NotFound('task', taskId);
      if (task.status === 'cancelled') throw new TaskCancelled();
      const request = await this.requests.pendingCompletion(taskId);
      if (!request) throw new NotFound('completionRequest', `task ${taskId} 无待审核的办结申请`);
      const now = this.clock.now();
      request.status = decision === 'approve' ? 'approved' : 'returned';
      request.reviewReason = reason;
      request.reviewedBy = actor.id;
      request.reviewedAt = now.toISOString();
      await this.requests.saveCompletion(request);
      if (decision === 'approve') {
        const completedOn = businessDateOf(now);
        await this.bump(task, { status: 'completed', completedOn, percent: 100, pendingExtension: false });
        await this.schedule.completed(task);
        await this.audit.record({
          actorId: actor.id, action: 'completion.approve', entityType: 'task', entityId: taskId,
          before: { status: task.status }, after: { status: 'completed', completedOn, onTimeOriginal: completedOn <= task.originalDueDate, onTimeCurrent: completedOn <= task.dueDate },
        });
      } else {
        await this.bump(task, { status: 'in_progress' });
        await this.audit.record({ actorId: actor.id, action: 'completion.return', entityType: 'task', entityId: taskId, before: { status: task.status }, after: { status: 'in_progress', reason } });
      }
      await this.events.publish([{
        eventKey: `completion:${request.id}:${request.status}`, kind: decision === 'approve' ? 'request_approved' : 'request_returned',
        planId: task.planId, taskId, to: { departmentIds: [request.departmentId] },
        title: decision === 'approve' ? '办结申请已批准' : '办结申请已退回',
        body: decision === 'approve' ? `「${task.title}」已批准办结。` : `「${task.title}」的办结申请已退回，请继续推进。退回理由：${reason ?? ''}`,
      }]);
      return request;
    });
  }

  extensions(taskId: string, actor: Actor) {
    return this.access.visible(taskId, actor).then(() => this.requests.extensionsOf(taskId));
  }

  completions(taskId: string, actor: Actor) {
    return this.access.visible(taskId, actor).then(() => this.requests.completionsOf(taskId));
  }

  /** The legal office's review queue of a plan (待办): one kind and status of request, one page. */
  async queueOfPlan(
    planId: string, filter: { kind: ReviewKind; status: ReviewStatus; page: number; pageSize: number },
  ): Promise<Page<ReviewQueueRow>> {
    if (!(await this.plans.findById(planId))) throw new NotFound('plan', planId);
    const { rows, total } = await this.requests.pageOfPlan(filter.kind, planId, filter.status, {
      offset: (filter.page - 1) * filter.pageSize, limit: filter.pageSize,
    });
    return { items: rows, total, page: filter.page, pageSize: filter.pageSize };
  }

  /** The task as it is now; call inside the writing transaction. */
  private async current(taskId: string): Promise<Task> {
    const task = await this.repo.findById(taskId);
    if (!task) throw new NotFound('task', taskId);
    return task;
  }

  /**
   * Workflow steps change the task too, so they bump its version: an edit based on an older read gets
   * 409. `task` was read in the same transaction; its version is the one compared, not re-read.
   */
  private async bump(task: Task, patch: Parameters<TasksRepository['updateIfVersion']>[2]): Promise<void> {
    if (!(await this.repo.updateIfVersion(task.id, task.version, { ...patch, updatedAt: this.clock.now().toISOString() }))) {
      throw new StaleVersion('任务', task.version);
    }
  }
}
