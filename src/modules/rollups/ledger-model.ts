// The plan's ledger held in memory, kept up to date on write, so that roll-ups, the dashboard and
// 未报送 are folded from memory (a few milliseconds at province scale) instead of being recounted
// from a million progress entries after every write.
//
// How it stays exact: every write a roll-up depends on stamps the plan and the tasks it touched with
// the plan's next change number (plans/ledger-changes.ts, in the writing transaction). Before each
// use the model reads the plan's number (one primary-key read); when it moved, it reloads just the
// tasks stamped since — their row, effective entries, official figures and 督办 notices — and nothing
// else. A change to chapters or items reloads the plan whole. Every process (API instances, workers)
// does the same against the database, so none depends on Redis to be right.
//
// On SQLite every load runs between transactions (TransactionRunner.exclusive): the one connection
// would otherwise let a load see another request's uncommitted rows, which a model, unlike a
// response, would keep. A whole-plan load is cut into chunks of tasks so writers wait at most one chunk.
//
// What is kept per task is reduced as it is loaded, into flat arrays (few objects for a major collection
// to mark): for each reporting period, the percent of the newest official entry filed in time and of the
// newest filed late (补报), which of the two is newer, and whether the lead department reported for the
// period (PeriodSlots); the official figures summed and latest per indicator, period and lateness (FigureSlots).
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { Warmup } from '../../common/lifecycle/warmup';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { TimeSlice, yieldTurn } from '../../common/async/time-slice';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { judgeOnTime } from '../tasks/on-time';
import { computeLight, LightContext } from '../tasks/task-light';
import { addFigureEntry, addToFigureCell, FigureAmount, figureAmount, IndicatorInfo, newFigureCell, TaskFigure } from './rollup-fold';
import type { FigureCell, NoticeCell, RollupFacts, TaskCell, TaskLine } from './rollup.types';
import {
  LedgerEntryRow, LedgerFigureRow, LedgerNoticeRow, LedgerTaskRow, LightCell, OverdueRow, RollupsRepository, RollupWindow,
} from './rollups.repository';

/** The newest of a set of entries: by period, then filing time, then id (as the SQL roll-up orders them). */
interface Latest {
  percent: number;
  createdAt: string;
  id: string;
}

/** Of a figure's latest entry, only what a roll-up reads (not its task or indicator: the slots say those). */
type FigureLatest = NonNullable<TaskFigure['latest']>;

/**
 * A task's official figures per indicator, period and lateness, FIGURE_SLOTS values per bucket, in the
 * order first filed: the indicator id, the period, 1 when filed late (else 0), the values summed, and
 * the latest entry. One flat array per task, for the same reason as PeriodSlots: a series object, a
 * bucket list and a bucket object per period were 300,000 of a province ledger's marked objects.
 */
export type FigureSlots = (string | number | FigureLatest)[];
const FIGURE_SLOTS = 5;

export interface LedgerTask extends LedgerTaskRow {
  /** `chapterId|departmentId`: the task's roll-up cell. */
  cellKey: string;
  /** Its entries reduced per reporting period (see PeriodSlots). */
  periods: PeriodSlots;
  /** Its official figures (see FigureSlots); the same shared empty array for a task without any. */
  figures: FigureSlots;
  /** Its 督办 notices; the same shared empty array for a task without any. */
  notices: LedgerNoticeRow[];
  /** Its effective official 补报 (late) entries: few, and the same shared empty array for most tasks. */
  lateEntries: LateEntry[];
  /**
   * What the task counts for in the windows folded lately: `[windowNumber, facts, windowNumber, facts, …]`
   * (see ledgerFacts), at most MEMO_WINDOWS windows; null until a fold remembers one. A task object is
   * replaced when it changes.
   */
  memo: (number | WindowFacts)[] | null;
}

/**
 * A task's entries reduced per reporting period, in period order, PERIOD_SLOTS values per period: the
 * period; its flags (REPORTED: the lead department has an effective entry for it, 补报 included;
 * IN_TIME, LATE: an official entry was filed in time, late; LATE_NEWER: the newest late one after the
 * newest in-time one); then the percent of the newest official entry filed in time and of the newest
 * filed late (0 when there is none). One flat array of small integers and shared period texts per task:
 * a Map, a Set and an object per period and entry, with the entries' ids and times, were most of the
 * objects a major collection of a province's ledger marks — on the event loop, while writers wait.
 */
export type PeriodSlots = (string | number)[];
const PERIOD_SLOTS = 4;
const REPORTED = 1;
const IN_TIME = 2;
const LATE = 4;
const LATE_NEWER = 8;
const NO_PERIODS: PeriodSlots = [];
const NO_FIGURES: FigureSlots = [];
const NO_NOTICES: LedgerNoticeRow[] = [];
/** Windows a task remembers what it counts for in (the dashboard's quarters and year, a roll-up or two). */
const MEMO_WINDOWS = 8;

/** A period's entries while a task is loaded (packed into PeriodSlots once all are read). */
interface PeriodDraft {
  reported: boolean;
  inTime: Latest | null;
  late: Latest | null;
}

/** An effective official 补报 entry, as the year's roll-up lists it (lateEntries). */
interface LateEntry {
  reportId: string;
  departmentId: string;
  period: string;
  reportedOn: string;
  createdAt: string;
}

const NO_LATE_ENTRIES: LateEntry[] = [];

/**
 * What a task counts for in one window, kept small: a province keeps 50,000 of these per window and
 * up to eight windows, and the API heap's size is what its major collections (marked in steps on the
 * event loop) cost. A task without figures in the window is one small integer (packFacts); one with
 * figures is `[packed, indicator, amount, indicator, amount, …]`, only the indicators that add
 * anything (figureAmount).
 */
type WindowFacts = number | (number | IndicatorInfo | FigureAmount)[];

/** completedOn (bit 0: the task's own, else null), onTime (bits 1–2: true, false, else null), overdue, extended, then the percent (an integer column). */
function packFacts(completed: boolean, onTime: boolean | null, overdue: boolean, extended: boolean, percent: number): number {
  return (completed ? 1 : 0) | (onTime === true ? 2 : onTime === false ? 4 : 0) | (overdue ? 8 : 0) | (extended ? 16 : 0) | (percent << 5);
}

interface PlanLedger {
  change: number;
  structure: number;
  /** In document order (item position, then task number). */
  tasks: Map<string, LedgerTask>;
  ordered: LedgerTask[] | null;
  /** Index of each task in `ordered`: a changed task that keeps its place is replaced there, not re-sorted. */
  positions: Map<string, number> | null;
}

/** Tasks loaded per statement group (one turn of the SQLite lock: a writer waits for one chunk at most). */
const CHUNK = 500;
const MAX_PLANS = 20;

const newer = (a: Latest, b: Latest | null): boolean =>
  !b || a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);

@Injectable()
export class LedgerModel implements OnApplicationBootstrap {
  private readonly logger = new Logger(LedgerModel.name);
  private readonly plans = new Map<string, PlanLedger>();
  private readonly refreshing = new Map<string, Promise<PlanLedger | null>>();

  constructor(
    private readonly repo: RollupsRepository,
    private readonly tx: TransactionRunner,
    private readonly warmup: Warmup,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * With LEDGER_PRELOAD (default outside tests), the newest plans' ledgers are loaded after boot and
   * readiness waits for them: the first leader to open the dashboard does not wait for the load.
   */
  onApplicationBootstrap(): void {
    if (this.config.rollups.preloadLedgers) this.warmup.hold('ledgers', this.preload());
  }

  /** Loads the ledgers of the newest plans still in use (as many as the model keeps), one after the other. */
  async preload(): Promise<number> {
    const started = performance.now();
    try {
      const ids = await this.between(() => this.repo.activePlanIds(MAX_PLANS));
      for (const id of ids) await this.fresh(id);
      this.logger.log({ msg: 'ledgers preloaded', plans: ids.length, ms: Math.round(performance.now() - started) });
      return ids.length;
    } catch (err) {
      // Not fatal: each plan loads on first use instead.
      this.logger.warn({ msg: 'ledger preload failed', err: err instanceof Error ? err.message : String(err) });
      return 0;
    }
  }

  /** Whether the plan's ledger is in memory (loaded at boot or by an earlier use). */
  holds(planId: string): boolean {
    return this.plans.has(planId);
  }

  /**
   * The plan's ledger as of now: reloads the tasks changed since the last look. Concurrent callers
   * share one refresh. Inside a transaction (closing a quarter) the caller's own connection is used.
   */
  async fresh(planId: string): Promise<PlanLedger | null> {
    const running = this.refreshing.get(planId);
    if (running) return running;
    const p = this.refresh(planId).finally(() => this.refreshing.delete(planId));
    this.refreshing.set(planId, p);
    return p;
  }

  /** On SQLite, between transactions (see the top of the file); inside one (a close), on its connection. */
  private between<T>(fn: () => Promise<T>): Promise<T> {
    return this.tx.inTransaction ? fn() : this.tx.exclusive(fn);
  }

  /** Drops every plan (tests, and a process that wants its memory back). */
  forget(): void {
    this.plans.clear();
  }

  private async refresh(planId: string): Promise<PlanLedger | null> {
    const numbers = await this.between(() => this.repo.changeNumbers(planId));
    if (!numbers) {
      this.plans.delete(planId);
      return null;
    }
    let ledger = this.plans.get(planId);
    if (ledger && ledger.structure === numbers.structure && ledger.change === numbers.change) return ledger;
    const whole = !ledger || ledger.structure !== numbers.structure;
    const started = performance.now();
    if (whole) {
      ledger = { change: numbers.change, structure: numbers.structure, tasks: new Map(), ordered: null, positions: null };
      const ids = await this.between(() => this.repo.changedTaskIds(planId, -1));
      for (let i = 0; i < ids.length; i += CHUNK) {
        await this.loadTasks(ledger, ids.slice(i, i + CHUNK));
        // A turn of the event loop between chunks: better-sqlite3 answers synchronously, and without it
        // no request (nor, at boot, the listening socket) would be served until the whole plan is loaded.
        await nextTurn();
      }
      // Writes that committed while the chunks were read are picked up now.
      await this.catchUp(planId, ledger, numbers.change);
      // Document order is sorted now, while loading, rather than by the first fold (a close, a roll-up):
      // 50,000 tasks held the event loop for a few hundred milliseconds there.
      ordered(ledger);
      this.logger.log({ msg: 'ledger loaded', planId, tasks: ledger.tasks.size, ms: Math.round(performance.now() - started) });
    } else {
      await this.catchUp(planId, ledger!, ledger!.change);
    }
    if (this.plans.size >= MAX_PLANS && !this.plans.has(planId)) this.plans.delete(this.plans.keys().next().value!);
    this.plans.set(planId, ledger!);
    return ledger!;
  }

  /** Reloads the tasks stamped after `since`, in one pass between transactions. */
  private async catchUp(planId: string, ledger: PlanLedger, since: number): Promise<void> {
    await this.between(async () => {
      const numbers = await this.repo.changeNumbers(planId);
      if (!numbers) return;
      const ids = await this.repo.changedTaskIds(planId, since);
      await this.loadTasks(ledger, ids, false);
      ledger.change = numbers.change;
    });
  }

  private async loadTasks(ledger: PlanLedger, ids: string[], exclusive = true): Promise<void> {
    if (!ids.length) return;
    const fresh = await this.readTasks(ids, exclusive);
    // A copy (pointers only): a fold running meanwhile keeps iterating the array it started with.
    if (ledger.ordered) ledger.ordered = ledger.ordered.slice();
    for (const id of ids) {
      const t = fresh.get(id);
      const before = ledger.tasks.get(id);
      const at = ledger.positions?.get(id);
      if (ledger.ordered && t && before && at !== undefined && before.itemPosition === t.itemPosition && before.seq === t.seq) {
        ledger.ordered[at] = t;
      } else {
        ledger.ordered = null;
        ledger.positions = null;
      }
      if (t) ledger.tasks.set(id, t);
      else ledger.tasks.delete(id);
    }
  }

  /**
   * The plan's tasks stamped after a change number, not kept: what a close compares with the ledger its
   * snapshot was folded from, `chunk` tasks at a time. Outside a transaction (the check before a close's
   * transaction) each chunk is read between transactions on SQLite, with a turn of the event loop after
   * it; inside one (the close's transaction) on its connection. `each` answers false to stop. Answers
   * the change number the tasks were read as of.
   */
  async changedSince(planId: string, since: number, each: (tasks: [string, LedgerTask | null][]) => boolean, chunk = 50): Promise<{ change: number; stopped: boolean }> {
    const { numbers, ids } = await this.between(async () => ({
      numbers: await this.repo.changeNumbers(planId),
      ids: await this.repo.changedTaskIds(planId, since),
    }));
    const change = numbers?.change ?? since;
    for (let i = 0; i < ids.length; i += chunk) {
      if (i > 0) await yieldTurn();
      const part = ids.slice(i, i + chunk);
      const fresh = await this.readTasks(part, true);
      if (!each(part.map((id) => [id, fresh.get(id) ?? null]))) return { change, stopped: true };
    }
    return { change, stopped: false };
  }

  private async readTasks(ids: string[], exclusive: boolean): Promise<Map<string, LedgerTask>> {
    const read = async () => {
      const tasks = await this.repo.ledgerTasks(ids);
      const entries = await this.repo.ledgerEntries(ids);
      const figures = await this.repo.ledgerFigures(ids);
      const notices = await this.repo.ledgerNotices(ids);
      return { tasks, entries, figures, notices };
    };
    const { tasks, entries, figures, notices } = exclusive ? await this.between(read) : await read();
    const fresh = new Map<string, LedgerTask>();
    const drafts = new Map<string, Map<string, PeriodDraft>>();
    // One literal with every field (no spread): every task shares one hidden class, and the folds
    // that read fifteen fields of 50,000 tasks stay on V8's fast property path.
    for (const t of tasks) {
      fresh.set(t.id, {
        id: t.id, seq: t.seq, itemNumber: t.itemNumber, itemPosition: t.itemPosition, title: t.title, chapterId: shared(t.chapterId), departmentId: shared(t.departmentId),
        originalDueDate: shared(t.originalDueDate), dueDate: shared(t.dueDate), completedOn: sharedOrNull(t.completedOn), createdAt: shared(t.createdAt), status: shared(t.status),
        percent: t.percent, pendingExtension: t.pendingExtension, startDate: shared(t.startDate), startDay: t.startDay, dueDay: t.dueDay, lastReportedOn: sharedOrNull(t.lastReportedOn),
        cellKey: shared(`${t.chapterId}|${t.departmentId}`), periods: NO_PERIODS, figures: NO_FIGURES, notices: NO_NOTICES, lateEntries: NO_LATE_ENTRIES, memo: null,
      });
    }
    for (const e of entries) {
      const task = fresh.get(e.taskId);
      if (!task) continue;
      let d = drafts.get(task.id);
      if (!d) drafts.set(task.id, (d = new Map()));
      addEntry(task, d, e);
    }
    for (const [id, d] of drafts) fresh.get(id)!.periods = packPeriods(d);
    for (const f of figures) {
      const task = fresh.get(f.taskId);
      if (!task) continue;
      if (task.figures === NO_FIGURES) task.figures = [];
      addFigure(task.figures, f);
    }
    for (const n of notices) {
      const task = fresh.get(n.taskId);
      if (!task) continue;
      if (task.notices === NO_NOTICES) task.notices = [];
      task.notices.push(n);
    }
    return fresh;
  }
}

/**
 * One copy of a text many ledger rows repeat (periods, department, chapter and indicator ids, cells):
 * each database row brings its own, and a province's ledger would otherwise keep hundreds of thousands.
 */
const sharedTexts = new Map<string, string>();
function shared(text: string): string {
  const known = sharedTexts.get(text);
  if (known !== undefined) return known;
  if (sharedTexts.size >= 100_000) sharedTexts.clear(); // a bound, not an expectation: a province has ~50,000 such texts
  sharedTexts.set(text, text);
  return text;
}

function sharedOrNull(text: string | null): string | null {
  return text === null ? null : shared(text);
}

/** Adds an effective entry to its task's drafts (by period) and, for an official 补报, to its lateEntries. */
function addEntry(task: Pick<LedgerTask, 'departmentId' | 'lateEntries'>, drafts: Map<string, PeriodDraft>, e: LedgerEntryRow): void {
  e.period = shared(e.period);
  let slot = drafts.get(e.period);
  if (!slot) drafts.set(e.period, (slot = { reported: false, inTime: null, late: null }));
  if (e.departmentId === task.departmentId) slot.reported = true;
  if (!e.official) return;
  const entry = { percent: e.percent, createdAt: e.createdAt, id: e.id };
  if (e.late) {
    if (task.lateEntries === NO_LATE_ENTRIES) task.lateEntries = [];
    task.lateEntries.push({ reportId: e.id, departmentId: shared(e.departmentId), period: e.period, reportedOn: e.reportedOn ?? '', createdAt: e.createdAt });
    if (newer(entry, slot.late)) slot.late = entry;
  } else if (newer(entry, slot.inTime)) {
    slot.inTime = entry;
  }
}

/** Adds an official figure to its task's FigureSlots: to its bucket (indicator, period, lateness), or as a new one. */
function addFigure(slots: FigureSlots, f: LedgerFigureRow): void {
  const late = f.late ? 1 : 0;
  const latest = (): FigureLatest => ({ value: f.value, numerator: f.numerator, denominator: f.denominator, textValue: f.textValue, period: shared(f.period), createdAt: f.createdAt });
  for (let i = 0; i < slots.length; i += FIGURE_SLOTS) {
    if (slots[i] !== f.indicatorId || slots[i + 1] !== f.period || slots[i + 2] !== late) continue;
    slots[i + 3] = (slots[i + 3] as number) + f.value;
    if (f.createdAt > (slots[i + 4] as FigureLatest).createdAt) slots[i + 4] = latest();
    return;
  }
  slots.push(shared(f.indicatorId), shared(f.period), late, f.value, latest());
}

/** A task's FigureSlots from its official figures (as a load makes them; tests build tasks with it). */
export function figureSlots(figures: LedgerFigureRow[]): FigureSlots {
  const slots: FigureSlots = [];
  for (const f of figures) addFigure(slots, f);
  return slots.length ? slots : NO_FIGURES;
}

/** A task's period drafts as PeriodSlots. */
function packPeriods(drafts: Map<string, PeriodDraft>): PeriodSlots {
  if (!drafts.size) return NO_PERIODS;
  const out: PeriodSlots = [];
  for (const period of [...drafts.keys()].sort()) {
    const d = drafts.get(period)!;
    const flags = (d.reported ? REPORTED : 0) | (d.inTime ? IN_TIME : 0) | (d.late ? LATE : 0) | (d.late && newer(d.late, d.inTime) ? LATE_NEWER : 0);
    if (flags) out.push(period, flags, d.inTime?.percent ?? 0, d.late?.percent ?? 0); // else another department's own entry only
  }
  return out.length ? out : NO_PERIODS;
}

/** A task's PeriodSlots from its effective entries (as a load makes them; tests build tasks with it). */
export function periodSlots(task: Pick<LedgerTask, 'departmentId'>, entries: LedgerEntryRow[]): PeriodSlots {
  const drafts = new Map<string, PeriodDraft>();
  const scratch = { departmentId: task.departmentId, lateEntries: NO_LATE_ENTRIES };
  for (const e of entries) addEntry(scratch, drafts, { ...e });
  return packPeriods(drafts);
}

/** Whether the task's lead department has an effective entry for `period` (补报 included). */
function reportedFor(t: LedgerTask, period: string): boolean {
  const p = t.periods;
  for (let i = 0; i < p.length; i += PERIOD_SLOTS) if (p[i] === period) return ((p[i + 1] as number) & REPORTED) !== 0;
  return false;
}

/** The periods up to `last` the task's lead department has an effective entry for, in order. */
function reportedUpTo(t: LedgerTask, last: string): string[] {
  const out: string[] = [];
  const p = t.periods;
  for (let i = 0; i < p.length && (p[i] as string) <= last; i += PERIOD_SLOTS) if ((p[i + 1] as number) & REPORTED) out.push(p[i] as string);
  return out;
}

/** What the task remembers it counts for in a window (ledgerFacts), if it does. */
function remembered(t: LedgerTask, window: number): WindowFacts | undefined {
  const m = t.memo;
  if (m) for (let i = 0; i < m.length; i += 2) if (m[i] === window) return m[i + 1] as WindowFacts;
  return undefined;
}

function remember(t: LedgerTask, window: number, facts: WindowFacts): void {
  if (!t.memo || t.memo.length >= 2 * MEMO_WINDOWS) t.memo = [];
  t.memo.push(window, facts);
}

/** Tasks in document order: item position, then task number. */
export function ordered(ledger: PlanLedger): LedgerTask[] {
  if (!ledger.ordered) {
    ledger.ordered = [...ledger.tasks.values()].sort((a, b) => a.itemPosition - b.itemPosition || a.seq - b.seq);
    ledger.positions = new Map(ledger.ordered.map((t, i) => [t.id, i]));
  }
  return ledger.ordered;
}

/**
 * A task's official progress as of a period: its newest effective official entry of a period up to
 * `lastPeriod` (a quarter leaves out its own 补报); 100 once completed by `asOf`.
 */
export function percentAsOf(t: LedgerTask, w: RollupWindow): number {
  if (t.completedOn !== null && t.completedOn <= w.asOf) return 100;
  const p = t.periods;
  // The newest period up to lastPeriod with an official entry that counts: its newest such entry.
  for (let i = p.length - PERIOD_SLOTS; i >= 0; i -= PERIOD_SLOTS) {
    const period = p[i] as string;
    if (period > w.lastPeriod) continue;
    const flags = p[i + 1] as number;
    const late = (flags & LATE) !== 0 && (period !== w.lastPeriod || w.includeLate);
    if (late && ((flags & LATE_NEWER) !== 0 || (flags & IN_TIME) === 0)) return p[i + 3] as number;
    if (flags & IN_TIME) return p[i + 2] as number;
  }
  return 0;
}

/**
 * A window (and indicator catalogue) as a small number: a task's memo is looked up 50,000 times a fold,
 * and a number compares at once where the key text (the catalogue's, hundreds of characters) would not.
 */
const windowNumbers = new Map<string, number>();
let lastWindowNumber = 0;
function windowNumber(key: string): number {
  let n = windowNumbers.get(key);
  if (n === undefined) {
    if (windowNumbers.size >= 1000) windowNumbers.clear(); // numbers are never reused: a cleared key gets a new one
    windowNumbers.set(key, (n = ++lastWindowNumber));
  }
  return n;
}

/**
 * The roll-up facts of a window, folded from memory: the same cells, figures, notices and lines as a
 * recount. With `catalogueVersion` (the indicator catalogue as it stands), what each task counts for in
 * the window is remembered on the task, so the next fold after a write recomputes only the tasks it
 * changed (their objects are new) and adds the others up. `keep: false` uses what is remembered
 * but adds nothing (a quarter's close folds its window once: 150,000 objects a province close would
 * otherwise keep on the heap, where only a major collection — its marking on the event loop — frees them).
 */
export async function ledgerFacts(
  ledger: PlanLedger, w: RollupWindow, departmentId: string | null, withLines: boolean, canonical: (id: string) => IndicatorInfo | undefined, catalogueVersion?: string,
  keep = true,
): Promise<RollupFacts> {
  const memoKey = catalogueVersion === undefined ? null
    : windowNumber(`${w.start}|${w.end}|${w.asOf}|${w.overdueBefore}|${w.createdBefore}|${w.lastPeriod}|${w.includeLate}|${w.countPeriods.join(',')}|${catalogueVersion}`);
  const createdBefore = w.createdBefore;
  const taskCells = new Map<string, TaskCell>();
  const noticeCells = new Map<string, NoticeCell>();
  const lines: TaskLine[] = [];
  // By the task's cell, then indicator (no key text built per task and figure); `figureList` keeps the cells' first-use order.
  const figureCells = new Map<string, Map<string, FigureCell>>();
  const figureList: FigureCell[] = [];
  const countPeriods = new Set(w.countPeriods);
  const known = new Map<string, IndicatorInfo | null>();
  const indicatorOf = (id: string): IndicatorInfo | null => {
    let c = known.get(id);
    if (c === undefined) known.set(id, (c = canonical(id) ?? null));
    return c;
  };
  const slice = new TimeSlice(); // a fold over a province's 50,000 tasks never holds other requests long
  for (const t of ordered(ledger)) {
    if (slice.due()) await slice.next();
    if (t.status === 'cancelled' || (departmentId && t.departmentId !== departmentId)) continue;
    const key = t.cellKey;
    // 督办 notices count whenever their task is in scope, as of the window (not by the task's creation).
    for (const n of t.notices) {
      if (n.issuedOn > w.asOf) continue;
      let c = noticeCells.get(key);
      if (!c) noticeCells.set(key, (c = { chapterId: t.chapterId, departmentId: t.departmentId, issued: 0, issuedInQuarter: 0, responded: 0, respondedOnTime: 0 }));
      c.issued++;
      if (n.issuedOn >= w.start) c.issuedInQuarter++;
      if (n.respondedOn !== null && n.respondedOn <= w.asOf) {
        c.responded++;
        if (n.respondedOn <= n.respondBy) c.respondedOnTime++;
      }
    }
    if (t.createdAt >= createdBefore) continue;
    let m = memoKey === null ? undefined : remembered(t, memoKey);
    if (m === undefined) {
      m = windowFacts(t, w, countPeriods, indicatorOf);
      if (memoKey !== null && keep) remember(t, memoKey, m);
    }
    const packed = typeof m === 'number' ? m : (m[0] as number);
    const completedOn = packed & 1 ? t.completedOn : null;
    const percent = packed >> 5;
    const onTime = packed & 2 ? true : packed & 4 ? false : null;
    const overdue = (packed & 8) !== 0;
    let c = taskCells.get(key);
    if (!c) {
      c = { chapterId: t.chapterId, departmentId: t.departmentId, total: 0, due: 0, completed: 0, completedInQuarter: 0, completedOnTime: 0, overdue: 0, percentSum: 0 };
      taskCells.set(key, c);
    }
    c.total++;
    if (t.dueDate <= w.end) c.due++;
    if (completedOn !== null) {
      c.completed++;
      if (completedOn >= w.start) c.completedInQuarter++;
      if (onTime) c.completedOnTime++;
    } else if (overdue) {
      c.overdue++;
    }
    c.percentSum += percent;
    if (withLines) {
      lines.push({
        id: t.id, seq: t.seq, itemNumber: t.itemNumber, title: t.title, chapterId: t.chapterId, departmentId: t.departmentId, department: '',
        originalDueDate: t.originalDueDate, dueDate: t.dueDate, completedOn, percent, onTime, overdue, extended: (packed & 16) !== 0, daysOverdue: 0,
      });
    }
    if (typeof m === 'number') continue;
    let byIndicator = figureCells.get(key);
    if (!byIndicator) figureCells.set(key, (byIndicator = new Map()));
    for (let i = 1; i < m.length; i += 2) {
      const indicator = m[i] as IndicatorInfo;
      let fc = byIndicator.get(indicator.id);
      if (!fc) {
        byIndicator.set(indicator.id, (fc = newFigureCell(t, indicator)));
        figureList.push(fc);
      }
      addToFigureCell(fc, m[i + 1] as FigureAmount);
    }
  }
  return {
    tasks: [...taskCells.values()],
    figures: figureList,
    notices: [...noticeCells.values()],
    lines,
  };
}

/** What a task counts for in a window (see WindowFacts). */
function windowFacts(t: LedgerTask, w: RollupWindow, countPeriods: Set<string>, indicatorOf: (id: string) => IndicatorInfo | null): WindowFacts {
  const completed = t.completedOn !== null && t.completedOn <= w.asOf;
  const j = judgeOnTime({ dueDate: t.dueDate, originalDueDate: t.originalDueDate, completedOn: completed ? t.completedOn : null }, w.overdueBefore);
  const packed = packFacts(completed, j.onTime, j.overdue, j.extended, percentAsOf(t, w));
  if (!t.figures.length) return packed;
  let facts: (number | IndicatorInfo | FigureAmount)[] | null = null;
  for (const f of reduceFigures(t, w, countPeriods, indicatorOf)) {
    if (!f.any) continue; // adds nothing to its cell
    (facts ??= [packed]).push(f.indicator, figureAmount(f));
  }
  return facts ?? packed;
}

/** A task's figures of the window reduced per (canonical) indicator, as rollup-fold.figureCells does for a recount. */
function reduceFigures(t: LedgerTask, w: RollupWindow, countPeriods: Set<string>, indicatorOf: (id: string) => IndicatorInfo | null): TaskFigure[] {
  const reduced: TaskFigure[] = [];
  const f = t.figures;
  // Indicator by indicator in the order first filed, and each one's buckets in order.
  for (let i = 0; i < f.length; i += FIGURE_SLOTS) {
    const indicatorId = f[i] as string;
    let seen = false;
    for (let j = 0; j < i && !seen; j += FIGURE_SLOTS) seen = f[j] === indicatorId;
    if (seen) continue;
    const indicator = indicatorOf(indicatorId);
    if (!indicator) continue;
    let acc = reduced.find((a) => a.indicator.id === indicator.id);
    if (!acc) reduced.push((acc = { indicator, sum: 0, any: false, latest: null }));
    for (let j = i; j < f.length; j += FIGURE_SLOTS) {
      if (f[j] !== indicatorId) continue;
      const period = f[j + 1] as string;
      if (period > w.lastPeriod || (!w.includeLate && f[j + 2] === 1 && period === w.lastPeriod)) continue;
      addFigureEntry(acc, f[j + 4] as FigureLatest, f[j + 3] as number, countPeriods);
    }
  }
  return reduced;
}

/**
 * Everything a task adds to a window's roll-up (cells, figures, notices, lines, 未报送 of the period),
 * as one comparable string; '' when it adds nothing. Two versions of a task with the same signature
 * leave the window's roll-up unchanged.
 */
export function windowSignature(t: LedgerTask | null | undefined, w: RollupWindow, canonical: (id: string) => IndicatorInfo | undefined): string {
  if (!t || t.status === 'cancelled') return '';
  const notices = t.notices.filter((n) => n.issuedOn <= w.asOf).map((n) => [n.issuedOn, n.respondedOn !== null && n.respondedOn <= w.asOf ? n.respondedOn : null, n.respondBy]);
  const counted = t.createdAt < w.createdBefore;
  if (!counted && !notices.length) return '';
  const completedOn = t.completedOn !== null && t.completedOn <= w.asOf ? t.completedOn : null;
  const figures = counted
    ? reduceFigures(t, w, new Set(w.countPeriods), (id) => canonical(id) ?? null)
      .filter((a) => a.any) // an indicator with nothing in the window adds nothing
      .map((a) => [a.indicator.id, a.sum, a.any, a.latest && [a.latest.value, a.latest.numerator, a.latest.denominator, a.latest.textValue, a.latest.period, a.latest.createdAt]])
    : [];
  return JSON.stringify([
    t.cellKey, notices, counted, counted && [t.seq, t.itemNumber, t.title, t.originalDueDate, t.dueDate, completedOn, percentAsOf(t, w), t.completedOn !== null && t.completedOn < w.start],
    figures, reportedUpTo(t, w.lastPeriod),
  ]);
}

/** Lights of the plan's tasks today, per (chapter, lead department): computeLight, the one rule. */
export async function ledgerLightCells(ledger: PlanLedger, ctx: LightContext, departmentId: string | null): Promise<LightCell[]> {
  const cells = new Map<string, LightCell>();
  const slice = new TimeSlice(); // a fold over a province's 50,000 tasks never holds other requests long
  for (const t of ledger.tasks.values()) {
    if (slice.due()) await slice.next();
    if (t.status === 'cancelled' || (departmentId && t.departmentId !== departmentId)) continue;
    const light = computeLight(t, ctx);
    const key = `${t.chapterId}|${t.departmentId}|${light}`;
    const c = cells.get(key);
    if (c) c.count++;
    else cells.set(key, { chapterId: t.chapterId, departmentId: t.departmentId, light, count: 1 });
  }
  return [...cells.values()];
}

/** Open tasks past their due date in force, most overdue first (then task number). */
export async function ledgerOverdue(ledger: PlanLedger, today: string, departmentId: string | null): Promise<OverdueRow[]> {
  const rows: (OverdueRow & { seq: number })[] = [];
  const slice = new TimeSlice(); // a fold over a province's 50,000 tasks never holds other requests long
  for (const t of ledger.tasks.values()) {
    if (slice.due()) await slice.next();
    if ((t.status !== 'in_progress' && t.status !== 'completion_requested') || t.dueDate >= today) continue;
    if (departmentId && t.departmentId !== departmentId) continue;
    rows.push({ id: t.id, itemNumber: t.itemNumber, title: t.title, departmentId: t.departmentId, dueDate: t.dueDate, originalDueDate: t.originalDueDate, percent: t.percent, seq: t.seq });
  }
  rows.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.seq - b.seq));
  return rows.map(({ seq: _s, ...r }) => r);
}

/**
 * The plan's effective official 补报 entries filed for `periods` (the year's lateEntries), in the order
 * they were filed (then by id).
 */
export async function ledgerLateEntries(ledger: PlanLedger, periods: string[]): Promise<{ reportId: string; taskId: string; title: string; departmentId: string; period: string; reportedOn: string }[]> {
  const wanted = new Set(periods);
  const rows: { reportId: string; taskId: string; title: string; departmentId: string; period: string; reportedOn: string; createdAt: string }[] = [];
  const slice = new TimeSlice(); // a fold over a province's 50,000 tasks never holds other requests long
  for (const t of ledger.tasks.values()) {
    if (slice.due()) await slice.next();
    for (const e of t.lateEntries) {
      if (wanted.has(e.period)) rows.push({ reportId: e.reportId, taskId: t.id, title: t.title, departmentId: e.departmentId, period: e.period, reportedOn: e.reportedOn, createdAt: e.createdAt });
    }
  }
  rows.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.reportId < b.reportId ? -1 : 1));
  return rows.map(({ createdAt: _c, ...r }) => r);
}

/**
 * 未报送 of a quarter: lead departments of tasks that existed by the period's end and were not
 * completed before it began, without an effective entry of their own for it (补报 counts).
 */
export async function ledgerNotReported(ledger: PlanLedger, period: string, start: string, createdBefore: string, departmentId: string | null): Promise<{ departmentId: string; missingTasks: number }[]> {
  const missing = new Map<string, number>();
  const slice = new TimeSlice(); // a fold over a province's 50,000 tasks never holds other requests long
  for (const t of ledger.tasks.values()) {
    if (slice.due()) await slice.next();
    if (t.status === 'cancelled' || t.createdAt >= createdBefore || (t.completedOn !== null && t.completedOn < start)) continue;
    if (departmentId && t.departmentId !== departmentId) continue;
    if (reportedFor(t, period)) continue;
    missing.set(t.departmentId, (missing.get(t.departmentId) ?? 0) + 1);
  }
  return [...missing].map(([id, n]) => ({ departmentId: id, missingTasks: n }));
}
