// 督办 notices: issued by the legal office (or automatically after repeated overdue reminders),
// numbered per plan as 督办〔year〕N号, answered once by the lead department. The response rate
// (回复落实率) feeds the roll-ups.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { InvalidInput, NotFound } from '../../common/errors/domain-error';
import { newId } from '../../common/database/ids';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { businessDateOf } from '../../common/time/business-date';
import { CALENDAR_DATE_MESSAGE, isCalendarDate } from '../../common/validation/calendar-date';
import { Clock } from '../../common/time/clock';
import { AuditService } from '../audit/audit.service';
import { PlansRepository } from '../plans/plans.repository';
import { NoticeLevel, SupervisionNotice } from './supervision-notice.entity';
import { TaskAccess } from './task-access';
import { computeLight, Light, lightContext } from './task-light';
import { Task } from './task.entity';
import { NoticeAlreadyAnswered, NotLeadDepartment, TaskCancelled } from './tasks.errors';
import { TaskEventPublisher } from './task-events';
import { SupervisionNoticesRepository } from './supervision-notices.repository';
import { TasksRepository } from './tasks.repository';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';

export interface NoticeStats {
  issued: number;
  responded: number;
  respondedOnTime: number;
  /** 回复落实率: responded / issued, 0..1 (null when none issued). */
  responseRate: number | null;
}

const LEVEL_BY_LIGHT: Record<Light, NoticeLevel> = { red: 'red', yellow: 'yellow', green: 'blue' };

/**
 * A plan's notices as `GET /api/plans/:planId/supervision-notices` answers them: the matching notices
 * (one page of them when paged), `total` matching, and the stats of every notice the reader may see
 * (not only the matching ones: the response rate is the plan's).
 */
export interface PlanNotices {
  notices: SupervisionNotice[];
  stats: NoticeStats;
  total: number;
  /** Only when paged. */
  page?: number;
  pageSize?: number;
}

export interface PlanNoticesFilter {
  /** true: not yet responded to; false: responded to. */
  open?: boolean;
  page?: number;
  pageSize?: number;
}

const DEFAULT_NOTICE_PAGE_SIZE = 20;

@Injectable()
export class SupervisionService {
  constructor(
    private readonly repo: TasksRepository,
    private readonly plans: PlansRepository,
    private readonly notices: SupervisionNoticesRepository,
    private readonly access: TaskAccess,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly events: TaskEventPublisher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(taskId: string, input: { message: string; respondBy: string; level?: NoticeLevel }, actor: Actor | null): Promise<SupervisionNotice> {
    const task = actor ? await this.access.visible(taskId, actor) : await this.repo.findById(taskId);
    if (!task) throw new NotFound('task', taskId);
    if (task.status === 'cancelled') throw new TaskCancelled();
    if (!isCalendarDate(input.respondBy)) throw new InvalidInput(`respondBy: ${CALENDAR_DATE_MESSAGE}`);
    const today = businessDateOf(this.clock.now());
    if (input.respondBy < today) throw new InvalidInput(`respondBy: 回复期限不能早于今天 ${today}`);
    return this.tx.run(() => this.issueInTransaction(task, input, actor?.id ?? null));
  }

  /** Also used by the reminders module inside its own transaction (automatic 督办). */
  async issueInTransaction(task: Task, input: { message: string; respondBy: string; level?: NoticeLevel }, actorId: string | null): Promise<SupervisionNotice> {
    const plan = await this.plans.findById(task.planId);
    const now = this.clock.now();
    const today = businessDateOf(now);
    const level = input.level ?? LEVEL_BY_LIGHT[computeLight(task, lightContext(today, this.config.lights))];
    const seq = await this.notices.nextNoticeSeq(task.planId);
    const notice: SupervisionNotice = {
      id: newId(), planId: task.planId, taskId: task.id, departmentId: task.leadDepartmentId, seq,
      number: `督办〔${plan?.year ?? today.slice(0, 4)}〕${seq}号`, level, message: input.message.trim(), respondBy: input.respondBy,
      issuedBy: actorId, issuedOn: today, response: null, respondedBy: null, respondedOn: null, createdAt: now.toISOString(),
    };
    await this.notices.saveNotice(notice);
    await this.audit.record({ actorId, action: 'supervision.issue', entityType: 'task', entityId: task.id, after: { noticeId: notice.id, number: notice.number, level, respondBy: notice.respondBy } });
    await this.events.publish([{
      eventKey: `notice:${notice.id}:issued`, kind: 'notice_issued', planId: task.planId, taskId: task.id, to: { departmentIds: [task.leadDepartmentId] },
      title: `督办通知 ${notice.number}`,
      body: `「${task.title}」：${notice.message} 请于 ${notice.respondBy} 前回复落实情况。`,
    }]);
    return notice;
  }

  /** A notice on the task still awaits its answer (manual or automatic). */
  async hasOpenNotice(taskId: string): Promise<boolean> {
    return this.notices.hasOpenNotice(taskId);
  }

  async respond(noticeId: string, response: string, actor: Actor): Promise<SupervisionNotice> {
    const notice = await this.notices.findNotice(noticeId);
    if (!notice) throw new NotFound('supervisionNotice', noticeId);
    // Scope: a department user must see the task; only its lead department answers. A notice on a
    // task the actor cannot see is "not found" under the notice's own id: the task id stays hidden.
    const { as } = await this.access.participant(notice.taskId, actor).catch((err: unknown) => {
      throw err instanceof NotFound ? new NotFound('supervisionNotice', noticeId) : err;
    });
    if (as === 'cooperating') throw new NotLeadDepartment('回复督办通知');
    return this.tx.run(async () => {
      const fresh = await this.notices.findNotice(noticeId);
      if (!fresh || fresh.respondedOn) throw new NoticeAlreadyAnswered();
      fresh.response = response.trim();
      fresh.respondedBy = actor.id;
      fresh.respondedOn = businessDateOf(this.clock.now());
      await this.notices.saveNotice(fresh);
      await this.audit.record({ actorId: actor.id, action: 'supervision.respond', entityType: 'task', entityId: fresh.taskId, after: { noticeId, number: fresh.number, response: fresh.response } });
      const task = await this.repo.findById(fresh.taskId);
      await this.events.publish([{
        eventKey: `notice:${fresh.id}:answered`, kind: 'notice_answered', planId: fresh.planId, taskId: fresh.taskId, to: { roles: ['admin'] },
        title: `督办已回复 ${fresh.number}`, body: `「${task?.title ?? ''}」的督办通知 ${fresh.number} 已回复：${fresh.response}`,
      }]);
      return fresh;
    });
  }

  async ofTask(taskId: string, actor: Actor): Promise<SupervisionNotice[]> {
    await this.access.visible(taskId, actor);
    return this.notices.noticesOfTask(taskId);
  }

  async ofPlan(planId: string, actor: Actor, filter: PlanNoticesFilter = {}): Promise<PlanNotices> {
    if (!(await this.plans.findById(planId))) throw new NotFound('plan', planId);
    const paged = filter.page !== undefined || filter.pageSize !== undefined;
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? DEFAULT_NOTICE_PAGE_SIZE;
    const [{ rows, total }, counts] = await Promise.all([
      this.notices.findOfPlan(planId, actor, { open: filter.open, page: paged ? { offset: (page - 1) * pageSize, limit: pageSize } : undefined }),
      this.notices.countsOfPlan(planId, actor),
    ]);
    const stats: NoticeStats = { ...counts, responseRate: counts.issued ? counts.responded / counts.issued : null };
    return { notices: rows, stats, total, ...(paged ? { page, pageSize } : {}) };
  }
}
