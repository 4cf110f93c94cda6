// The leaders' weekly digest (每周简报): for each current plan, the lights, the overdue tasks and
// what was completed in the week, as one in-app notification per leader (and their department's
// robot, if any). Idempotent: the event key names the plan and the week, so a second run in the
// same week — a scheduler firing twice, the boot catch-up, several workers — adds nothing.
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { addDays, businessDateOf, businessInstant } from '../../common/time/business-date';
import { TaskEventPublisher } from '../tasks/task-events';
import { lightContext } from '../tasks/task-light';
import { PlansRepository } from '../plans/plans.repository';
import { RollupsRepository } from './rollups.repository';

/** Monday 08:30 in Asia/Shanghai (LEADER_DIGEST_CRON). */
const DIGEST_HOUR = 8;
const DIGEST_MINUTE = 30;

/** The Monday (business date) of the week containing a date. */
export function weekStartOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

@Injectable()
export class LeaderDigestService {
  constructor(
    private readonly repo: RollupsRepository,
    private readonly plansRepo: PlansRepository,
    private readonly events: TaskEventPublisher,
    private readonly tx: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sends this week's digest if its time (Monday 08:30) has come; returns the plans it covered. */
  async sendDue(now: Date): Promise<string[]> {
    const today = businessDateOf(now);
    const week = weekStartOf(today);
    if (now.getTime() < businessInstant(week, DIGEST_HOUR, DIGEST_MINUTE).getTime()) return [];
    const year = Number(today.slice(0, 4));
    const plans = (await this.plansRepo.plansOfYears([year - 1, year])).filter((p) => !p.archivedAt);
    const sent: string[] = [];
    for (const plan of plans) {
      const ctx = lightContext(today, this.config.lights);
      const [cells, overdue, completed] = await Promise.all([
        this.repo.lightCells(plan.id, ctx, null),
        this.repo.overdue(plan.id, today, null),
        this.repo.completedBetween(plan.id, addDays(week, -7), addDays(week, -1)),
      ]);
      const count = (light: string) => cells.filter((c) => c.light === light).reduce((n, c) => n + c.count, 0);
      const total = cells.reduce((n, c) => n + c.count, 0);
      if (!total) continue;
      const body = [
        `${plan.title}：共 ${total} 项任务，绿灯 ${count('green')} 项、黄灯 ${count('yellow')} 项、红灯 ${count('red')} 项。`,
        `上周（${addDays(week, -7)} 至 ${addDays(week, -1)}）办结 ${completed} 项；当前逾期 ${overdue.length} 项${overdue.length ? `：${overdue.slice(0, 5).map((o) => `「${o.title}」`).join('、')}${overdue.length > 5 ? ' 等' : ''}` : ''}。`,
      ].join('');
      await this.tx.run(() => this.events.publish([{
        eventKey: `digest:${plan.id}:${week}`, kind: 'weekly_digest', planId: plan.id, taskId: null, link: `/plans/${plan.id}/dashboard`,
        to: { roles: ['leader'] }, title: `督办台账每周简报（${week}）`, body,
      }]));
      sent.push(plan.id);
    }
    return sent;
  }
}
