// 季度汇总 and 年度汇总: a quarter's roll-up is computed live until the quarter closes — after its
// reporting window (window end + N working days, per plan policy), by the daily scheduler via
// closeDueQuarters() or by hand — and is then a snapshot row that is never written again. A quarter
// counts the entries filed for it (its period), never its 补报. The year ('2026') is computed from the
// effective entries of its four quarters, 补报 included, with task statistics as of 31 December; it
// is final (status closed) once Q4 has closed. Closing is an idempotent insert under (plan, quarter).
import { zh } from '../../common/text/collation';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { ReadCache } from '../../common/cache/read-cache';
import { inBackground } from '../../common/async/foreground';
import { TimeSlice } from '../../common/async/time-slice';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Actor } from '../../common/auth/actor';
import { Conflict, NotFound } from '../../common/errors/domain-error';
import { newId } from '../../common/database/ids';
import { TransactionRunner } from '../../common/database/transaction-runner';
import {
  addDays, businessDateOf, businessInstant, daysBetween, formatQuarter, Quarter, quarterEnd, quarterStart,
} from '../../common/time/business-date';
import { Period, planQuarters, quartersOfYear } from '../../common/time/reporting-period';
import { Clock } from '../../common/time/clock';
import { AuditService } from '../audit/audit.service';
import { DepartmentsRepository } from '../departments/departments.repository';
import { IndicatorsRepository } from '../indicators/indicators.repository';
import { canonicalOf } from '../indicators/indicator-kinds';
import type { Plan } from '../plans/plan.entity';
import { PlansRepository } from '../plans/plans.repository';
import { ProgressService } from '../tasks/progress.service';
import { ReportingPeriods } from '../tasks/reporting-periods';
import { QuarterlyRollup } from './quarterly-rollup.entity';
import { Metrics } from '../../common/metrics/metrics';
import { aggregateFigures, foldRollup, foldRollupYielding, IndicatorInfo, restrictExtras, restrictToDepartment } from './rollup-fold';
import { closeAnswer, closedResponse, snapshotJson, storedView } from './snapshot-json';
import { closeInThread } from './rollup-close-thread';
import { jsonBytes } from '../../common/http/json-bytes';
import { LedgerModel, LedgerTask, windowSignature, ledgerFacts, ledgerLateEntries, ledgerLightCells, ledgerNotReported, ledgerOverdue, ordered } from './ledger-model';
import { lightContext } from '../tasks/task-light';
import type { NotReportedRef, RollupExtras, RollupFacts, RollupMeta, RollupResponse, RollupView, StoredRollup } from './rollup.types';
import { LightCell, OverdueRow, RollupsRepository, RollupWindow } from './rollups.repository';

export interface PlanPeriodState {
  period: string;
  start: string;
  end: string;
  /** The last day its progress is due (reporting window). */
  windowEnd: string;
  /** The day it closes: its roll-up is frozen from then on, later entries for it are 补报. */
  closesOn: string;
  /** open: running; reporting: ended, window or grace days running; closed: frozen. */
  state: 'not_started' | 'open' | 'reporting' | 'closed';
  closedAt: string | null;
}

export interface PlanPeriods {
  planId: string;
  today: string;
  /** Where a new entry goes by default. */
  current: string;
  policy: { reportingWindowDay: number; closeAfterWorkingDays: number };
  periods: PlanPeriodState[];
  year: { period: string; closesOn: string; state: 'not_started' | 'open' | 'closed' };
}

/** Folds of a closing quarter redone because a write landed meanwhile, before folding inside the transaction. */
const CLOSE_ATTEMPTS = 10;

export type SnapshotSummary = Omit<QuarterlyRollup, 'data'>;

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
    private readonly periods: ReportingPeriods,
    private readonly progress: ProgressService,
    private readonly indicators: IndicatorsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
    private readonly ledger: LedgerModel,
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

  /** '2026Q2', '2027Q1' (a quarter of the plan's year or the next) or '2026' (the year), else 400 naming `period`. */
  parsePeriodOf(plan: Plan, text: string): Period {
    return this.periods.parse(plan, text, 'period', true);
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

  private async getUncached(planId: string, periodText: string, actor: Actor, withTasks: boolean): Promise<RollupResponse> {
    const plan = await this.plan(planId);
    const p = this.parsePeriodOf(plan, periodText);
    const departmentId = scopeOf(actor);
    if (p.kind === 'year') return this.annual(plan, departmentId, withTasks);
    const q: Quarter = { year: p.year, quarter: p.quarter };
    const snapshot = await this.repo.findSnapshot(planId, formatQuarter(q));
    if (snapshot) return this.snapshotResponse(snapshot, actor, plan);
    const view = await this.compute(plan, q, departmentId, withTasks);
    return {
      ...view, status: 'live', closedAt: null, closedBy: null, scope: departmentId ? { departmentId } : null,
      window: { end: this.periods.windowEnd(plan, q), closesOn: this.periods.closeDay(plan, q) },
    };
  }

  /**
   * The year's roll-up: task statistics as of 31 December (as of today while the year runs), figures
   * from the effective entries of its four quarters with 补报 (listed in lateEntries), 未报送 for any
   * quarter. Closed once its Q4 has closed (Q4 snapshot or close day passed); never stored, so a
   * supplement or a correction arriving later still counts, once.
   */
  async annual(plan: Plan, departmentId: string | null, withTasks: boolean): Promise<RollupResponse> {
    const year = Number(plan.year);
    const q4: Quarter = { year, quarter: 4 };
    const q4Snapshot = await this.repo.findSnapshot(plan.id, formatQuarter(q4));
    const closesOn = this.periods.closeDay(plan, q4);
    const closed = !!q4Snapshot || this.today() >= closesOn;
    const { meta, facts, extras } = await this.gather(plan, { kind: 'year', year }, departmentId, this.clock.now(), withTasks);
    return {
      ...(await foldRollupYielding(meta, facts, extras)), status: closed ? 'closed' : 'live', closedAt: q4Snapshot?.closedAt ?? null, closedBy: null,
      scope: departmentId ? { departmentId } : null, window: { end: this.periods.windowEnd(plan, q4), closesOn },
    };
  }

  /**
   * GET …/periods: the plan's reporting periods — its year's quarters and the next year's — with each
   * one's reporting window, close day and state, the current period (where a new entry goes by default)
   * and the year. For period pickers, and for whoever needs to know which quarter is still open.
   */
  async periodsOf(planId: string): Promise<PlanPeriods> {
    const plan = await this.plan(planId);
    const today = this.today();
    const snapshots = await this.snapshots(planId);
    const year = Number(plan.year);
    const periods = planQuarters(year).map((q): PlanPeriodState => {
      const period = formatQuarter(q);
      const snapshot = snapshots.get(period);
      const state = snapshot ? 'closed' : quarterStart(q) > today ? 'not_started' : today > quarterEnd(q) ? 'reporting' : 'open';
      return {
        period, start: quarterStart(q), end: quarterEnd(q), windowEnd: this.periods.windowEnd(plan, q), closesOn: this.periods.closeDay(plan, q),
        state, closedAt: snapshot?.closedAt ?? null,
      };
    });
    const q4 = periods.find((p) => p.period === `${year}Q4`)!;
    return {
      planId, today, current: formatQuarter(this.periods.current(plan, today)), policy: this.periods.policy(plan), periods,
      year: { period: String(year), closesOn: q4.closesOn, state: q4.state === 'closed' || today >= q4.closesOn ? 'closed' : `${year}-01-01` > today ? 'not_started' : 'open' },
    };
  }

  /**
   * A quarter's live statistics for the dashboard (trend, ranking): the overall figures, and chapters
   * and departments without figures of their own or 未报送 lists — the same counts as live(), less to fold.
   * `departments: false`: no per-department rows (a trend point).
   */
  async liveStats(planId: string, q: Quarter, departmentId: string | null, departments = true): Promise<RollupView> {
    const plan = await this.plan(planId);
    const { meta, facts, extras } = await this.gather(plan, { kind: 'quarter', ...q }, departmentId, this.clock.now(), false, true);
    return foldRollupYielding(meta, facts, extras, { breakdownFigures: false, departments });
  }

  /** The year's figures so far, aggregated by kind exactly as the annual roll-up's overall figures. */
  async yearFigures(plan: Plan, departmentId: string | null): Promise<RollupView['overall']['figures']> {
    const { facts } = await this.gather(plan, { kind: 'year', year: Number(plan.year) }, departmentId, this.clock.now(), false, true);
    return aggregateFigures(facts.figures);
  }

  /** The live roll-up of a quarter, whether or not it has been closed (the snapshot is what the API serves once closed). */
  async live(planId: string, q: Quarter, departmentId: string | null = null, withTasks = false): Promise<RollupView> {
    return this.compute(await this.plan(planId), q, departmentId, withTasks);
  }

  /**
   * POST …/close (admin), its answer's JSON bytes. Refused before the quarter has ended; closing again
   * returns the first snapshot unchanged.
   */
  async close(planId: string, quarterText: string, actor: Actor, withTasks = false): Promise<Buffer> {
    const plan = await this.plan(planId);
    const p = this.parsePeriodOf(plan, quarterText);
    if (p.kind === 'year') {
      throw new Conflict(`period: 年度汇总不单独关账：第四季度关账后即为定稿（${this.periods.closeDay(plan, { year: p.year, quarter: 4 })} 起），此后的补报仍计入年度数据`);
    }
    const q: Quarter = { year: p.year, quarter: p.quarter };
    const today = this.today();
    if (today <= quarterEnd(q)) {
      throw new Conflict(`quarter: ${formatQuarter(q)} 尚未结束（季度末 ${quarterEnd(q)}），结束后才能关账`);
    }
    const { snapshot, answer } = await this.closeQuarter(plan, q, actor.id, this.clock.now(), withTasks);
    // The closer that wrote the snapshot has its answer made in the close's thread; any other (closed
    // before, or a concurrent closer that lost) serialises the stored one, as background work.
    if (answer) return answer;
    return inBackground(() => jsonBytes(closeAnswer(this.snapshotResponse(snapshot, actor, plan), withTasks)));
  }

  /**
   * Closes, for every plan, each of its quarters whose close day has come (its reporting window plus
   * N working days, per plan policy) and is not closed yet. Called by the daily job scheduler (00:05
   * Asia/Shanghai) and at boot as a catch-up. Safe to run twice, even concurrently: the unique key decides.
   */
  async closeDueQuarters(now: Date): Promise<ClosedQuarter[]> {
    const today = businessDateOf(now);
    const [plans, closed] = await Promise.all([this.plans.idsAndYears(), this.repo.closedKeys()]);
    const done: ClosedQuarter[] = [];
    for (const { id } of plans) {
      const plan = await this.plans.findById(id); // the plan's policy decides its close days
      if (!plan) continue;
      for (const q of planQuarters(Number(plan.year))) {
        const quarter = formatQuarter(q);
        if (today < this.periods.closeDay(plan, q) || closed.has(`${plan.id}/${quarter}`)) continue;
        const { created } = await this.closeQuarter(plan, q, null, now);
        if (created) done.push({ planId: plan.id, quarter });
        // Each close runs several aggregates on the main thread (better-sqlite3): let other work in between.
        await yieldToEventLoop();
      }
    }
    if (done.length) this.logger.log({ msg: 'quarters closed', closed: done });
    return done;
  }

  /** Frozen snapshots of a plan's quarters, by quarter text, without their data (see closedOverall, snapshot). */
  async snapshots(planId: string): Promise<Map<string, SnapshotSummary>> {
    const rows = await this.repo.snapshotsOf(planId);
    return new Map(rows.map((r) => [r.quarter, r]));
  }

  /** A closed quarter's snapshot, whole. */
  async snapshot(planId: string, quarter: string): Promise<QuarterlyRollup> {
    const row = await this.repo.findSnapshot(planId, quarter);
    if (!row) throw new NotFound('rollup', `${planId}/${quarter}`);
    return row;
  }

  /**
   * A closed quarter's overall figures as the actor sees them: stored beside the snapshot for the
   * whole plan; a department user's re-folded from the snapshot's cells.
   */
  async closedOverall(summary: SnapshotSummary, actor: Actor): Promise<{ asOf: string; overall: RollupView['overall'] }> {
    if (!scopeOf(actor) && summary.overall) return { asOf: summary.periodEnd, overall: summary.overall };
    const view = this.snapshotResponse(await this.snapshot(summary.planId, summary.quarter), actor);
    return { asOf: view.asOf, overall: view.overall };
  }

  /** The snapshot as a response; department users get a re-fold of their own department's cells. */
  snapshotResponse(snapshot: QuarterlyRollup, actor: Actor | null, plan?: Plan): RollupResponse {
    const departmentId = actor ? scopeOf(actor) : null;
    const data = snapshot.data;
    const extras: RollupExtras = data.extras ?? { notReported: [], lateEntries: [] };
    const view = departmentId ? foldRollup(data.meta, restrictToDepartment(data.facts, departmentId), restrictExtras(extras, departmentId)) : storedView(data);
    const q = { year: Number(snapshot.quarter.slice(0, 4)), quarter: Number(snapshot.quarter.slice(5)) as Quarter['quarter'] };
    return closedResponse(view, { closedAt: snapshot.closedAt, closedBy: snapshot.closedBy, ...(plan ? { window: this.windowOf(plan, q) } : {}) }, departmentId);
  }

  private windowOf(plan: Plan, q: Quarter): { end: string; closesOn: string } {
    return { end: this.periods.windowEnd(plan, q), closesOn: this.periods.closeDay(plan, q) };
  }

  /**
   * Inserts the snapshot unless it exists; `created` tells whether this call was the one that closed it.
   * The snapshot is folded and serialised before the transaction, from the ledger model as of a change
   * number; the transaction only checks that the plan's number has not moved and inserts the prepared
   * row, so closing a province's quarter never holds other writers for long. When a write lands in
   * between, the fold is done again (a few times; then, as a last resort, inside the transaction).
   */
  private async closeQuarter(
    plan: Plan, q: Quarter, actorId: string | null, now: Date = this.clock.now(), withTasks = false,
  ): Promise<{ snapshot: QuarterlyRollup; created: boolean; answer: Buffer | null }> {
    const planId = plan.id;
    const quarter = formatQuarter(q);
    let created = false;
    let written: QuarterlyRollup | null = null;
    let answer: Buffer | null = null;
    const w = window({ kind: 'quarter', ...q }, businessDateOf(now));
    const prepare = async () => {
      const ledger = await this.ledgerOf(planId);
      // The tasks as folded: the ledger's document-order array is replaced, never changed, by a reload,
      // so keeping it (and its index) costs nothing — copying 50,000 tasks held the event loop ~40 ms.
      const tasks = ordered(ledger);
      const positions = ledger.positions;
      const seen = {
        change: ledger.change, structure: ledger.structure,
        task: (id: string): LedgerTask | undefined => {
          const at = positions?.get(id);
          return at === undefined ? undefined : tasks[at];
        },
      };
      const { meta, facts, extras } = await this.gather(plan, { kind: 'quarter', ...q }, null, now, true, false, true);
      // The fold, the snapshot's JSON and the answer's: in a thread of their own (rollup-close-thread.ts).
      const made = await closeInThread(meta, facts, extras, { closedAt: now.toISOString(), closedBy: actorId, window: this.windowOf(plan, q) }, withTasks);
      const data: StoredRollup = { view: made.view, meta, facts, extras };
      return { seen, meta, data, overall: made.overall, packed: made.packed, answer: made.answer };
    };
    type Seen = { change: number; structure: number; task: (id: string) => LedgerTask | undefined };
    // Whether the writes committed since `from` (the fold's change number, or an earlier check's) leave this
    // quarter's roll-up as folded: an entry for a later period, or a change after the quarter's end, does
    // not reach it. Answers the change number checked through, or null when the roll-up has moved.
    const moveFree = async (seen: Seen, from: number): Promise<number | null> => {
      const numbers = this.tx.inTransaction ? await this.repo.changeNumbers(planId) : await this.tx.exclusive(() => this.repo.changeNumbers(planId));
      if (!numbers || numbers.structure !== seen.structure) return null;
      if (numbers.change === from) return from;
      const canonical = await this.canonical(planId);
      const same = ([id, now]: [string, LedgerTask | null]) => windowSignature(seen.task(id), w, canonical) === windowSignature(now, w, canonical);
      // Before the transaction a few tasks at a time (a province close under a busy writer has hundreds to
      // check); inside it, the few that came after, at once.
      const { change, stopped } = await this.ledger.changedSince(planId, from, (tasks) => tasks.every(same), this.tx.inTransaction ? Infinity : 50);
      return stopped ? null : change;
    };
    // Parts left by a process that stopped mid-close (an hour is far longer than any close).
    await this.repo.removeOrphanParts(new Date(this.clock.now().getTime() - 3_600_000).toISOString());
    for (let attempt = 0; !created; attempt++) {
      if (await this.repo.snapshotExists(planId, quarter)) break;
      const lastResort = attempt >= CLOSE_ATTEMPTS;
      // Folding and storing the snapshot are background work: between slices they give way to the
      // requests in flight (a writer on PostgreSQL needs a turn of the event loop for each statement).
      const prepared = lastResort ? null : await inBackground(prepare);
      // The snapshot itself is stored before the transaction (compressed, in parts): the transaction
      // inserts only the row pointing at them. Tens of megabytes in one INSERT held SQLite's writers ~1 s.
      const id = newId();
      const stored = prepared
        ? await inBackground(() => this.repo.writeSnapshotParts(id, planId, prepared.packed, this.clock.now().toISOString()))
        : null;
      // Most of the check runs before the transaction, in chunks; the transaction checks what came after.
      const checked = prepared ? await inBackground(() => moveFree(prepared.seen, prepared.seen.change)) : null;
      let moved = prepared !== null && checked === null;
      if (!moved) {
        await this.tx.run(async () => {
          if (await this.repo.snapshotExists(planId, quarter)) return;
          if (prepared && (await moveFree(prepared.seen, checked!)) === null) {
            moved = true;
            return;
          }
          const row = prepared ?? (await prepare());
          // The last resort (folded inside the transaction) stores its snapshot inline, as snapshots closed before did.
          const json = stored ?? (await snapshotJson(row.data));
          await this.repo.insertSnapshotIfAbsent({
            id, planId, quarter, periodStart: row.meta.periodStart, periodEnd: row.meta.periodEnd, json, overall: row.overall, closedBy: actorId, closedAt: now.toISOString(),
          });
          // A concurrent closer (PostgreSQL) may have won the unique key: only the winner records the close.
          created = (await this.repo.snapshotId(planId, quarter)) === id;
          if (created) {
            answer = row.answer;
            written = {
              id, planId, quarter, periodStart: row.meta.periodStart, periodEnd: row.meta.periodEnd, data: row.data, overall: row.data.view.overall,
              closedBy: actorId, closedAt: now.toISOString(),
            };
            await this.audit.record({ actorId, action: 'rollup.close', entityType: 'plan', entityId: planId, after: { quarter, asOf: row.meta.asOf } });
          }
        });
      }
      if (stored && !created) await this.repo.removeSnapshotParts(id); // moved, or another closer won
      if (!moved) break;
      this.metrics.rollupCloseRetries.inc();
    }
    // The winner answers what it has just written (a province's snapshot is tens of megabytes to parse again).
    if (written) this.repo.keepParsed(written);
    const snapshot = written ?? (await this.repo.findSnapshot(planId, quarter));
    if (!snapshot) throw new Error(`snapshot ${planId}/${quarter} missing after close`);
    return { snapshot, created, answer };
  }

  /** `withTasks`: also the task lists (snapshots and ?tasks=true); the figures alone cost far less at scale. */
  private async compute(plan: Plan, q: Quarter, departmentId: string | null, withTasks: boolean): Promise<RollupView> {
    const end = this.metrics.rollupCompute.startTimer();
    try {
      const { meta, facts, extras } = await this.gather(plan, { kind: 'quarter', ...q }, departmentId, this.clock.now(), withTasks);
      return await foldRollupYielding(meta, facts, extras);
    } finally {
      end();
    }
  }

  /** 未报送 of a period: for the year, the departments missing any of its quarters that have begun. */
  private async notReported(plan: Plan, p: Period, departmentId: string | null, today: string): Promise<NotReportedRef[]> {
    if (p.kind === 'quarter') {
      if (quarterStart(p) > today) return [];
      return (await this.departmentsNotReported(plan.id, p, departmentId)).map((d) => ({ ...d }));
    }
    const out = new Map<string, NotReportedRef>();
    for (const n of [1, 2, 3, 4] as const) {
      const q: Quarter = { year: p.year, quarter: n };
      if (quarterStart(q) > today) continue;
      for (const d of await this.departmentsNotReported(plan.id, q, departmentId)) {
        const row = out.get(d.departmentId) ?? { departmentId: d.departmentId, name: d.name, missingTasks: 0, periods: [] };
        row.missingTasks += d.missingTasks;
        row.periods!.push(formatQuarter(q));
        out.set(d.departmentId, row);
      }
    }
    return [...out.values()].sort((a, b) => zh(a.name, b.name));
  }

  /**
   * 未报送 of a quarter (lead departments with a task open during it and no effective entry of their
   * own for it), by name: from the ledger model, the same rule as ProgressService.departmentsNotReported.
   */
  async departmentsNotReported(planId: string, q: Quarter, departmentId: string | null = null): Promise<{ departmentId: string; name: string; missingTasks: number }[]> {
    const ledger = await this.ledgerOf(planId);
    const rows = await ledgerNotReported(ledger, formatQuarter(q), quarterStart(q), businessInstant(addDays(quarterEnd(q), 1)).toISOString(), departmentId);
    if (!rows.length) return [];
    const names = await this.departments.namesByIds(rows.map((r) => r.departmentId));
    return rows
      .map((r) => ({ ...r, name: names.get(r.departmentId) ?? r.departmentId }))
      .sort((a, b) => zh(a.name, b.name));
  }

  /** Today's lights per (chapter, lead department), from the ledger model. */
  async lightCells(planId: string, departmentId: string | null): Promise<LightCell[]> {
    return await ledgerLightCells(await this.ledgerOf(planId), lightContext(this.today(), this.config.lights), departmentId);
  }

  /** Open tasks past their due date in force today, from the ledger model. */
  async overdue(planId: string, departmentId: string | null): Promise<OverdueRow[]> {
    return await ledgerOverdue(await this.ledgerOf(planId), this.today(), departmentId);
  }

  private async ledgerOf(planId: string) {
    const ledger = await this.ledger.fresh(planId);
    if (!ledger) throw new NotFound('plan', planId);
    return ledger;
  }

  /** The catalogue with merges followed: figures filed under a merged indicator count for its target. */
  private async canonical(planId: string): Promise<((id: string) => IndicatorInfo | undefined) & { version: string }> {
    const catalogue = await this.indicators.ofPlan(planId);
    const byId = new Map(catalogue.map((i) => [i.id, i]));
    const lookup = (id: string) => {
      const c = canonicalOf(id, byId);
      return c ? { id: c.id, name: c.name, unit: c.unit, kind: c.kind } : undefined;
    };
    // What a fold depends on in the catalogue: a change to any of it makes the ledger's remembered folds unusable.
    const version = catalogue.map((i) => `${i.id}:${i.name}:${i.unit}:${i.kind}:${i.status}:${i.mergedInto ?? ''}`).join(';');
    return Object.assign(lookup, { version });
  }

  /** `lean`: statistics only — no 未报送 or 补报 lists (the dashboard's trend, ranking and year figures). */
  /** `lean`: no 未报送 or late entries; `once`: a window folded once (a close), not remembered on the ledger's tasks. */
  private async gather(
    plan: Plan, p: Period, departmentId: string | null, now: Date, withTasks: boolean, lean = false, once = false,
  ): Promise<{ meta: RollupMeta; facts: RollupFacts; extras: RollupExtras }> {
    const planId = plan.id;
    const today = businessDateOf(now);
    const w = window(p, today);
    const canonical = await this.canonical(planId);
    const ledger = await this.ledgerOf(planId);
    const facts = await ledgerFacts(ledger, w, departmentId, withTasks, canonical, canonical.version, !once);
    const chapters = await this.plans.chapters(planId);
    const notReported = lean ? [] : await this.notReported(plan, p, departmentId, today);
    const late = p.kind === 'year' && !lean ? await ledgerLateEntries(ledger, w.countPeriods) : [];
    const scopedLate = departmentId ? late.filter((l) => l.departmentId === departmentId) : late;
    const slice = new TimeSlice();
    const ids = new Set<string>();
    for (const xs of [facts.tasks, facts.lines, scopedLate]) {
      for (const x of xs) {
        ids.add(x.departmentId);
        if (slice.due()) await slice.next();
      }
    }
    const names = await this.departments.namesByIds([...ids]);
    for (const line of facts.lines) {
      if (slice.due()) await slice.next();
      line.department = names.get(line.departmentId) ?? line.departmentId;
      // Days past the original due date, counted to the day overdue-ness is judged on (the day after the
      // quarter's end once it is over, so a task due on the last day is 1 day late at closing; else today).
      if (line.overdue) line.daysOverdue = daysBetween(line.originalDueDate, w.overdueBefore);
    }
    const meta: RollupMeta = {
      planId, quarter: p.kind === 'year' ? String(p.year) : formatQuarter(p), periodStart: w.start, periodEnd: w.end, asOf: w.asOf, chapters,
      departments: [...names].map(([id, name]) => ({ id, name })),
    };
    const lateEntries = scopedLate.map((l) => ({
      ...l, department: names.get(l.departmentId) ?? l.departmentId,
    }));
    return { meta, facts, extras: { notReported, lateEntries } };
  }
}

/** Department users see the roll-up of the tasks their department leads; admin and leaders everything. */
export function scopeOf(actor: Actor): string | null {
  return actor.role === 'department' ? (actor.departmentId ?? '') : null;
}

/**
 * What a roll-up counts. Task statistics: once the period is over, as of its last day, so a later
 * recomputation (or the close after the reporting window) gives the same answer; before that, as of
 * today. Figures and progress: the entries filed for the period (and earlier ones for latest values);
 * a quarter leaves out its 补报, the year takes it.
 */
export function window(p: Period, today: string): RollupWindow {
  const start = p.kind === 'year' ? `${p.year}-01-01` : quarterStart(p);
  const end = p.kind === 'year' ? `${p.year}-12-31` : quarterEnd(p);
  const ended = today > end;
  const asOf = ended ? end : today;
  return {
    start, end, asOf,
    // At the end of the period a task due on its last day is overdue; during it, only once its day has passed.
    overdueBefore: ended ? addDays(end, 1) : today,
    createdBefore: businessInstant(addDays(asOf, 1)).toISOString(),
    lastPeriod: p.kind === 'year' ? `${p.year}Q4` : formatQuarter(p),
    countPeriods: p.kind === 'year' ? quartersOfYear(p.year) : [formatQuarter(p)],
    includeLate: p.kind === 'year',
  };
}
