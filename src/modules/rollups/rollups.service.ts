// 季度汇总: a quarter's roll-up is computed live until the quarter is closed; closing stores it in a
// snapshot row that is never written again, so the quarterly figures, the dashboard trend and the
// year-end report always agree. Closing happens by hand (admin) or from the quarterly scheduler via
// closeDueQuarters(), and is an idempotent insert under the unique (plan, quarter) key.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { ReadCache } from '../../common/cache/read-cache';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Actor } from '../../common/auth/actor';
import { Conflict, InvalidInput, NotFound } from '../../common/errors/domain-error';
import { newId } from '../../common/database/ids';
import { TransactionRunner } from '../../common/database/transaction-runner';
import {
  addDays, businessDateOf, businessInstant, daysBetween, formatQuarter, parseQuarter, Quarter, quarterEnd, quarterStart,
} from '../../common/time/business-date';
import { Clock } from '../../common/time/clock';
import { AuditService } from '../audit/audit.service';
import { DepartmentsRepository } from '../departments/departments.repository';
import type { Plan } from '../plans/plan.entity';
import { PlansRepository } from '../plans/plans.repository';
import { QuarterlyRollup } from './quarterly-rollup.entity';
import { foldRollup, restrictToDepartment } from './rollup-fold';
import type { RollupFacts, RollupMeta, RollupResponse, RollupView, StoredRollup } from './rollup.types';
import { RollupsRepository, RollupWindow } from './rollups.repository';

export interface ClosedQuarter {
  planId: string;
  quarter: string;
}

@Injectable()
export class RollupsService {
  private readonly logger = new Logger(RollupsService.name);

  constructor(
    private readonly repo: RollupsRepository,
    private readonly plans: PlansRepository,
    private readonly departments: DepartmentsRepository,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly cache: ReadCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  today(): string {
    return businessDateOf(this.clock.now());
  }

  /** The plan, or 404. */
  async plan(planId: string): Promise<Plan> {
    const plan = await this.plans.findById(planId);
    if (!plan) throw new NotFound('plan', planId);
    return plan;
  }

  /** '2026Q2' of the plan's year, or 400 naming the `quarter` parameter. */
  parseQuarterOf(plan: Plan, text: string): Quarter {
    const q = parseQuarter(text);
    if (!q) throw new InvalidInput(`quarter: 格式应为 YYYYQn（如 ${plan.year}Q2），收到「${text}」`);
    if (q.year !== Number(plan.year)) throw new InvalidInput(`quarter: ${text} 不在计划年度 ${plan.year} 内`);
    return q;
  }

  /**
   * GET …/rollups/:quarter: the snapshot once closed, the live roll-up before; department users see
   * their own department. The task lists (every task of the plan: 50,000 at province scale) only
   * when asked for. Served from the read cache: recomputed after any write, or after READ_CACHE_TTL_MS.
   */
  async getJson(planId: string, quarterText: string, actor: Actor, withTasks = false): Promise<Buffer> {
    const key = `rollup:${planId}:${quarterText}:${scopeOf(actor) ?? 'all'}:${this.today()}:${withTasks}`;
    return this.cache.getJson(key, this.config.readCacheTtlMs, async () => {
      const full = await this.getUncached(planId, quarterText, actor, withTasks);
      if (withTasks) return full;
      const { completedTasks: _c, openTasks: _o, ...summary } = full;
      return summary as RollupResponse;
    });
  }

  private async getUncached(planId: string, quarterText: string, actor: Actor, withTasks: boolean): Promise<RollupResponse> {
    const plan = await this.plan(planId);
    const q = this.parseQuarterOf(plan, quarterText);
    const snapshot = await this.repo.findSnapshot(planId, formatQuarter(q));
    if (snapshot) return this.snapshotResponse(snapshot, actor);
    const departmentId = scopeOf(actor);
    const view = await this.compute(planId, q, departmentId, withTasks);
    return { ...view, status: 'live', closedAt: null, closedBy: null, scope: departmentId ? { departmentId } : null };
  }

  /** The live roll-up of a quarter, whether or not it has been closed (the snapshot is what the API serves once closed). */
  async live(planId: string, q: Quarter, departmentId: string | null = null, withTasks = false): Promise<RollupView> {
    return this.compute(planId, q, departmentId, withTasks);
  }

  /** POST …/close (admin). Refused before the quarter has ended; closing again returns the first snapshot unchanged. */
  async close(planId: string, quarterText: string, actor: Actor): Promise<RollupResponse> {
    const plan = await this.plan(planId);
    const q = this.parseQuarterOf(plan, quarterText);
    const today = this.today();
    if (today <= quarterEnd(q)) {
      throw new Conflict(`quarter: ${formatQuarter(q)} 尚未结束（季度末 ${quarterEnd(q)}），结束后才能关账`);
    }
    const { snapshot } = await this.closeQuarter(planId, q, actor.id);
    return this.snapshotResponse(snapshot, actor);
  }

  /**
   * Closes, for every plan, each quarter of the plan's year that has ended and is not closed yet.
   * Called by the quarterly job scheduler (00:05 Asia/Shanghai on the first day of each quarter) and
   * at boot as a catch-up. Safe to run twice, even concurrently: the unique key decides.
   */
  async closeDueQuarters(now: Date): Promise<ClosedQuarter[]> {
    const today = businessDateOf(now);
    const [plans, closed] = await Promise.all([this.plans.idsAndYears(), this.repo.closedKeys()]);
    const done: ClosedQuarter[] = [];
    for (const plan of plans) {
      for (const n of [1, 2, 3, 4] as const) {
        const q: Quarter = { year: plan.year, quarter: n };
        const quarter = formatQuarter(q);
        if (quarterEnd(q) >= today || closed.has(`${plan.id}/${quarter}`)) continue;
        const { created } = await this.closeQuarter(plan.id, q, null, now);
        if (created) done.push({ planId: plan.id, quarter });
        // Each close runs several aggregates on the main thread (better-sqlite3): let other work in between.
        await yieldToEventLoop();
      }
    }
    if (done.length) this.logger.log({ msg: 'quarters closed', closed: done });
    return done;
  }

  /** Frozen snapshots of a plan's quarters, by quarter text. */
  async snapshots(planId: string): Promise<Map<string, QuarterlyRollup>> {
    const rows = await this.repo.snapshotsOf(planId);
    return new Map(rows.map((r) => [r.quarter, r]));
  }

  /** The snapshot as a response; department users get a re-fold of their own department's cells. */
  snapshotResponse(snapshot: QuarterlyRollup, actor: Actor | null): RollupResponse {
    const departmentId = actor ? scopeOf(actor) : null;
    const data = snapshot.data;
    const view = departmentId ? foldRollup(data.meta, restrictToDepartment(data.facts, departmentId)) : data.view;
    return {
      ...view, status: 'closed', closedAt: snapshot.closedAt, closedBy: snapshot.closedBy, scope: departmentId ? { departmentId } : null,
    };
  }

  /** Inserts the snapshot unless it exists; `created` tells whether this call was the one that closed it. */
  private async closeQuarter(planId: string, q: Quarter, actorId: string | null, now: Date = this.clock.now()): Promise<{ snapshot: QuarterlyRollup; created: boolean }> {
    const quarter = formatQuarter(q);
    let created = false;
    // Computed inside the transaction: on SQLite the runner's lock keeps other requests' uncommitted
    // writes out of the (permanent) snapshot, since they would share the one connection (PITFALLS C2).
    await this.tx.run(async () => {
      if (await this.repo.findSnapshot(planId, quarter)) return;
      const { meta, facts } = await this.gather(planId, q, null, now, true);
      const data: StoredRollup = { view: foldRollup(meta, facts), meta, facts };
      const id = newId();
      await this.repo.insertSnapshotIfAbsent({
        id, planId, quarter, periodStart: meta.periodStart, periodEnd: meta.periodEnd, data, closedBy: actorId, closedAt: now.toISOString(),
      });
      // A concurrent closer (PostgreSQL) may have won the unique key: only the winner records the close.
      created = (await this.repo.findSnapshot(planId, quarter))?.id === id;
      if (created) {
        await this.audit.record({ actorId, action: 'rollup.close', entityType: 'plan', entityId: planId, after: { quarter, asOf: meta.asOf } });
      }
    });
    const snapshot = await this.repo.findSnapshot(planId, quarter);
    if (!snapshot) throw new Error(`snapshot ${planId}/${quarter} missing after close`);
    return { snapshot, created };
  }

  /** `withTasks`: also the task lists (snapshots and ?tasks=true); the figures alone cost far less at scale. */
  private async compute(planId: string, q: Quarter, departmentId: string | null, withTasks: boolean): Promise<RollupView> {
    const { meta, facts } = await this.gather(planId, q, departmentId, this.clock.now(), withTasks);
    return foldRollup(meta, facts);
  }

  private async gather(planId: string, q: Quarter, departmentId: string | null, now: Date, withTasks: boolean): Promise<{ meta: RollupMeta; facts: RollupFacts }> {
    const w = window(q, businessDateOf(now));
    const facts = await this.repo.facts(planId, w, departmentId, withTasks);
    const chapters = await this.plans.chapters(planId);
    const names = await this.departments.namesByIds([...new Set([...facts.tasks.map((c) => c.departmentId), ...facts.lines.map((l) => l.departmentId)])]);
    for (const line of facts.lines) {
      line.department = names.get(line.departmentId) ?? line.departmentId;
      // Days past the original due date, counted to the day overdue-ness is judged on (the day after the
      // quarter's end once it is over, so a task due on the last day is 1 day late at closing; else today).
      if (line.overdue) line.daysOverdue = daysBetween(line.originalDueDate, w.overdueBefore);
    }
    const meta: RollupMeta = {
      planId, quarter: formatQuarter(q), periodStart: w.start, periodEnd: w.end, asOf: w.asOf, chapters,
      departments: [...names].map(([id, name]) => ({ id, name })),
    };
    return { meta, facts };
  }
}

/** Department users see the roll-up of the tasks their department leads; admin and leaders everything. */
export function scopeOf(actor: Actor): string | null {
  return actor.role === 'department' ? (actor.departmentId ?? '') : null;
}

/**
 * What a roll-up counts. Once the quarter is over it counts as of the quarter's last day, so a later
 * recomputation (or the close at 00:05 the next day) gives the same answer; before that, as of today.
 */
export function window(q: Quarter, today: string): RollupWindow {
  const start = quarterStart(q);
  const end = quarterEnd(q);
  const ended = today > end;
  const asOf = ended ? end : today;
  return {
    start, end, asOf,
    // At the end of the quarter a task due on its last day is overdue; during it, only once its day has passed.
    overdueBefore: ended ? addDays(end, 1) : today,
    createdBefore: businessInstant(addDays(asOf, 1)).toISOString(),
  };
}
