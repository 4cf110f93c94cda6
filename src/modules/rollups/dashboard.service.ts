// The leaders' dashboard: today's lights by chapter and by lead department, the overdue list, a
// department ranking by on-time rate, the year's quarterly trend (frozen snapshots where closed,
// live otherwise) and the countdown to the year-end report (due by 1 March of the next year).
//
// At province scale (6,000 departments, thousands of overdue tasks) the full lists weigh megabytes,
// too much for a leader's phone: the dashboard answers the totals, the chapters and the first N rows
// of each list with the count of all, and two drill-downs page through the full lists on the server.
// All three read one model per (plan, scope, day), computed once and kept in the read cache beside
// the JSON answers (every key starts `dashboard:<planId>:` so a write to the plan drops them all).
import { ReadCache } from '../../common/cache/read-cache';
import { CalendarService, type CalendarStatus } from '../calendar/calendar.service';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import type { Actor } from '../../common/auth/actor';
import { daysBetween, formatQuarter, Quarter, quarterOfDate, quarterStart } from '../../common/time/business-date';
import { ReportingPeriods } from '../tasks/reporting-periods';
import type { Page } from '../tasks/tasks.service';
import { rankDepartments, zh } from './rollup-fold';
import type { FigureSum, RollupStats, RollupView } from './rollup.types';
import type { LightCell } from './rollups.repository';
import { DepartmentsRepository } from '../departments/departments.repository';
import { PlansRepository } from '../plans/plans.repository';
import { RollupsService, scopeOf } from './rollups.service';
import { DashboardRepository } from './dashboard.repository';
import {
  DASHBOARD_LIMIT_DEFAULT, DRILL_DOWN_PAGE_SIZE_DEFAULT, type DashboardDepartmentSort,
} from './dto/dashboard.query';

export interface LightCounts {
  green: number;
  yellow: number;
  red: number;
  total: number;
}

export interface TrendPoint {
  quarter: string;
  status: 'closed' | 'live' | 'not_started';
  asOf: string | null;
  total: number | null;
  completed: number | null;
  overdue: number | null;
  averageProgress: number | null;
  completionRate: number | null;
  onTimeRate: number | null;
}

export type DepartmentLights = LightCounts & { departmentId: string; name: string };

/** A department's figures of the ranking quarter (cumulative since January). */
export interface RankingFigures {
  onTimeRate: number | null;
  completionRate: number | null;
  total: number;
  completed: number;
  completedOnTime: number;
  overdue: number;
  belowThreshold: boolean;
}

/** A department's place in the ranking and its figures. */
export interface RankingRow extends RankingFigures {
  rank: number;
  departmentId: string;
  name: string;
}

export interface OverdueTask {
  taskId: string;
  itemNumber: number;
  title: string;
  leadDepartment: { id: string; name: string };
  dueDate: string;
  originalDueDate: string;
  daysOverdue: number;
  percent: number;
}

export interface NotReportedDepartmentRow {
  departmentId: string;
  name: string;
  missingTasks: number;
}

export interface Dashboard {
  planId: string;
  year: number;
  today: string;
  /** The plan year's working-day calendar; a warning when it falls back to Mon–Fri. */
  calendar: CalendarStatus;
  scope: { departmentId: string } | null;
  /** Rows each list below shows at most (`?limit=`); the totals count every row. */
  limit: number;
  lights: {
    overall: LightCounts;
    byChapter: (LightCounts & { chapterId: string; ordinal: string; title: string })[];
    /** The departments most in need of attention: most red lights, then most yellow, then by name. */
    byDepartment: DepartmentLights[];
    /** total: lead departments with lights (all of them: GET …/dashboard/departments); shown: rows in byDepartment. */
    departments: { total: number; shown: number };
  };
  ranking: {
    quarter: string;
    asOf: string;
    lowOnTimeRate: number;
    /** Departments ranked (a department user's place is out of this many). */
    total: number;
    /** The top of the ranking, rank order; a department user: its own row. */
    rows: RankingRow[];
    /** The bottom of the ranking, rank order, without the rows already in `rows`; empty for a department user. */
    bottom: RankingRow[];
  };
  /** The most overdue open tasks first (all of them: GET …/dashboard/overdue). */
  overdue: OverdueTask[];
  overdueTotal: number;
  trend: TrendPoint[];
  /** The year's figures so far, aggregated by indicator kind exactly as the annual roll-up does (a rate is never summed). */
  figures: { period: string; items: FigureSum[] };
  /** 未报送 for the current reporting period (the quarter just ended while its window is open, else the current one): the first departments by name, and how many. */
  notReported: { period: string; windowEnd: string; closesOn: string; total: number; departments: NotReportedDepartmentRow[] };
  report: { dueBy: string; daysRemaining: number };
}

/** One lead department in the drill-down: today's lights and its row of the ranking. */
export interface DashboardDepartmentRow extends RankingFigures {
  departmentId: string;
  name: string;
  /** Today's lights of the tasks it leads. */
  lights: LightCounts;
  /**
   * Its place in the ranking quarter's ranking, with that quarter's figures (as in `ranking.rows`); null,
   * with rates null and counts 0, for a department the ranking does not count (none of its tasks were in that quarter's roll-up).
   */
  rank: number | null;
}

/** GET …/dashboard/departments */
export interface DashboardDepartmentsPage extends Page<DashboardDepartmentRow> {
  planId: string;
  today: string;
  scope: { departmentId: string } | null;
  sort: DashboardDepartmentSort;
  ranking: { quarter: string; asOf: string; lowOnTimeRate: number; total: number };
}

export interface DashboardOverdueRow extends OverdueTask {
  chapterId: string | null;
}

/** GET …/dashboard/overdue */
export interface DashboardOverduePage extends Page<DashboardOverdueRow> {
  planId: string;
  today: string;
  scope: { departmentId: string } | null;
  filter: { chapterId: string | null; departmentId: string | null };
}

/** Everything the dashboard and its drill-downs show, with full lists, for one plan, scope and day. */
interface DashboardModel extends Omit<Dashboard, 'limit' | 'lights' | 'ranking' | 'overdueTotal' | 'notReported'> {
  lights: { overall: LightCounts; byChapter: Dashboard['lights']['byChapter']; byDepartment: DepartmentLights[] };
  /** Every ranked department, rank order (not scoped: a department user's place is among all). */
  ranking: Omit<Dashboard['ranking'], 'total' | 'bottom'>;
  notReported: Omit<Dashboard['notReported'], 'total'>;
}

function count(cells: LightCell[]): LightCounts {
  const c = { green: 0, yellow: 0, red: 0, total: 0 };
  for (const x of cells) {
    c[x.light] += x.count;
    c.total += x.count;
  }
  return c;
}

function trendPoint(quarter: string, status: TrendPoint['status'], asOf: string | null, s: RollupStats | null): TrendPoint {
  return {
    quarter, status, asOf,
    total: s?.total ?? null, completed: s?.completed ?? null, overdue: s?.overdue ?? null, averageProgress: s?.averageProgress ?? null,
    completionRate: s?.completionRate ?? null, onTimeRate: s?.onTimeRate ?? null,
  };
}

/** Most red lights first, then most yellow, then by name: the departments most in need of attention. */
const byAttention = (a: LightCounts & { name: string; departmentId: string }, b: LightCounts & { name: string; departmentId: string }) =>
  b.red - a.red || b.yellow - a.yellow || zh(a.name, b.name) || (a.departmentId < b.departmentId ? -1 : a.departmentId > b.departmentId ? 1 : 0);

function pageOf<T>(rows: T[], page: number, pageSize: number): Page<T> {
  return { items: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length, page, pageSize };
}

@Injectable()
export class DashboardService {
  constructor(
    private readonly rollups: RollupsService,
    private readonly dashboards: DashboardRepository,
    private readonly plans: PlansRepository,
    private readonly departments: DepartmentsRepository,
    private readonly calendar: CalendarService,
    private readonly periods: ReportingPeriods,
    private readonly cache: ReadCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The compact dashboard as JSON, served from the read cache (computed and serialised once, then
   * answered to every leader): recomputed after any write to the plan, or after READ_CACHE_TTL_MS at most.
   */
  buildJson(planId: string, actor: Actor, limit = DASHBOARD_LIMIT_DEFAULT): Promise<Buffer> {
    return this.cache.getJson(`${this.keyOf(planId, actor)}:top:${limit}`, this.config.readCacheTtlMs, async () => {
      return this.compact(await this.model(planId, actor), limit, scopeOf(actor));
    });
  }

  /** GET …/dashboard/departments: every lead department (a department user: its own), paged. */
  departmentsJson(planId: string, actor: Actor, q: { sort?: DashboardDepartmentSort; page?: number; pageSize?: number }): Promise<Buffer> {
    const sort = q.sort ?? 'attention';
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? DRILL_DOWN_PAGE_SIZE_DEFAULT;
    const key = `${this.keyOf(planId, actor)}:departments:${sort}:${page}:${pageSize}`;
    return this.cache.getJson(key, this.config.readCacheTtlMs, () => this.departmentsPage(planId, actor, sort, page, pageSize));
  }

  private async departmentsPage(planId: string, actor: Actor, sort: DashboardDepartmentSort, page: number, pageSize: number): Promise<DashboardDepartmentsPage> {
    const rows = await this.departmentRows(planId, actor, sort);
    const m = await this.model(planId, actor);
    return {
      planId, today: m.today, scope: m.scope, sort,
      ranking: { quarter: m.ranking.quarter, asOf: m.ranking.asOf, lowOnTimeRate: m.ranking.lowOnTimeRate, total: m.ranking.rows.length },
      ...pageOf(rows, page, pageSize),
    };
  }

  /** GET …/dashboard/overdue: the overdue list, most overdue first, filtered by chapter or department, paged. */
  overdueJson(planId: string, actor: Actor, q: { chapterId?: string; departmentId?: string; page?: number; pageSize?: number }): Promise<Buffer> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? DRILL_DOWN_PAGE_SIZE_DEFAULT;
    const filter = { chapterId: q.chapterId ?? null, departmentId: q.departmentId ?? null };
    const key = `${this.keyOf(planId, actor)}:overdue:${filter.chapterId ?? ''}:${filter.departmentId ?? ''}:${page}:${pageSize}`;
    return this.cache.getJson(key, this.config.readCacheTtlMs, () => this.overduePage(planId, actor, filter, page, pageSize));
  }

  private async overduePage(planId: string, actor: Actor, filter: { chapterId: string | null; departmentId: string | null }, page: number, pageSize: number): Promise<DashboardOverduePage> {
    const m = await this.model(planId, actor);
    const rows = (await this.overdueRows(planId, actor)).filter((r) =>
      (!filter.chapterId || r.chapterId === filter.chapterId) && (!filter.departmentId || r.leadDepartment.id === filter.departmentId));
    return { planId, today: m.today, scope: m.scope, filter, ...pageOf(rows, page, pageSize) };
  }

  /** Every cache key of a plan starts `dashboard:<planId>:` (ReadCache drops them on a write to the plan). */
  private keyOf(planId: string, actor: Actor): string {
    return `dashboard:${planId}:${scopeOf(actor) ?? 'all'}:${this.rollups.today()}`;
  }

  private model(planId: string, actor: Actor): Promise<DashboardModel> {
    return this.cache.get(`${this.keyOf(planId, actor)}:model`, this.config.readCacheTtlMs, () => this.compute(planId, actor), { serveStale: true });
  }

  /** The dashboard's lists cut to `limit` rows, with the count of each. */
  private compact(m: DashboardModel, limit: number, departmentId: string | null): Dashboard {
    const ranked = m.ranking.rows;
    const rows = departmentId ? ranked.filter((r) => r.departmentId === departmentId) : ranked.slice(0, limit);
    const bottom = departmentId ? [] : ranked.slice(Math.max(limit, ranked.length - limit));
    const byDepartment = m.lights.byDepartment.slice(0, limit);
    return {
      planId: m.planId, year: m.year, today: m.today, calendar: m.calendar, scope: m.scope, limit,
      lights: {
        overall: m.lights.overall, byChapter: m.lights.byChapter, byDepartment,
        departments: { total: m.lights.byDepartment.length, shown: byDepartment.length },
      },
      ranking: { quarter: m.ranking.quarter, asOf: m.ranking.asOf, lowOnTimeRate: m.ranking.lowOnTimeRate, total: ranked.length, rows, bottom },
      overdue: m.overdue.slice(0, limit),
      overdueTotal: m.overdue.length,
      trend: m.trend,
      figures: m.figures,
      notReported: { ...m.notReported, total: m.notReported.departments.length, departments: m.notReported.departments.slice(0, limit) },
      report: m.report,
    };
  }

  /** Lead departments with lights or a place in the ranking (a department user: its own), sorted. */
  private async departmentRows(planId: string, actor: Actor, sort: DashboardDepartmentSort): Promise<DashboardDepartmentRow[]> {
    const m = await this.model(planId, actor);
    const departmentId = scopeOf(actor);
    const ranked = departmentId ? m.ranking.rows.filter((r) => r.departmentId === departmentId) : m.ranking.rows;
    const rows = new Map<string, DashboardDepartmentRow>();
    const none: LightCounts = { green: 0, yellow: 0, red: 0, total: 0 };
    for (const l of m.lights.byDepartment) {
      rows.set(l.departmentId, {
        departmentId: l.departmentId, name: l.name, lights: { green: l.green, yellow: l.yellow, red: l.red, total: l.total },
        rank: null, onTimeRate: null, completionRate: null, total: 0, completed: 0, completedOnTime: 0, overdue: 0, belowThreshold: false,
      });
    }
    const place = new Map<string, number>();
    ranked.forEach((r, i) => {
      place.set(r.departmentId, i);
      const { departmentId: id, name, ...stats } = r;
      const row = rows.get(id);
      rows.set(id, { departmentId: id, name: row?.name ?? name, lights: row?.lights ?? none, ...stats });
    });
    const all = [...rows.values()];
    const tie = (a: DashboardDepartmentRow, b: DashboardDepartmentRow) => zh(a.name, b.name) || (a.departmentId < b.departmentId ? -1 : a.departmentId > b.departmentId ? 1 : 0);
    if (sort === 'attention') return all.sort((a, b) => byAttention({ ...a.lights, name: a.name, departmentId: a.departmentId }, { ...b.lights, name: b.name, departmentId: b.departmentId }));
    if (sort === 'rank') {
      const at = (r: DashboardDepartmentRow) => place.get(r.departmentId) ?? Number.MAX_SAFE_INTEGER;
      return all.sort((a, b) => at(a) - at(b) || tie(a, b));
    }
    return all.sort(tie);
  }

  /** The model's overdue list with each task's chapter (read only when the drill-down asks: not needed by the dashboard itself). */
  private overdueRows(planId: string, actor: Actor): Promise<DashboardOverdueRow[]> {
    return this.cache.get(`${this.keyOf(planId, actor)}:overdue-chapters`, this.config.readCacheTtlMs, async () => {
      const m = await this.model(planId, actor);
      const chapters = await this.dashboards.chapterOfTasks(planId, m.overdue.map((r) => r.taskId));
      return m.overdue.map((r) => ({ ...r, chapterId: chapters.get(r.taskId) ?? null }));
    });
  }

  private async compute(planId: string, actor: Actor): Promise<DashboardModel> {
    const plan = await this.rollups.plan(planId);
    const year = Number(plan.year);
    const today = this.rollups.today();
    const departmentId = scopeOf(actor);
    const [cells, overdueRows, chapters, snapshots] = await Promise.all([
      this.rollups.lightCells(planId, departmentId),
      this.rollups.overdue(planId, departmentId),
      this.plans.chapters(planId),
      this.rollups.snapshots(planId),
    ]);
    const names = await this.departments.namesByIds([...new Set([...cells, ...overdueRows].map((x) => x.departmentId))]);
    const name = (id: string) => names.get(id) ?? id;

    // Trend: each quarter of the plan's year — frozen where closed, live where begun, empty ahead.
    const trend: TrendPoint[] = [];
    // The ranking's quarter: its live view (all departments) also gives its trend point for an admin or a leader.
    const current = quarterOfDate(today);
    const rankQ: Quarter = current.year < year ? { year, quarter: 1 } : current.year > year ? { year, quarter: 4 } : current;
    const lives = new Map<string, Promise<RollupView>>();
    const live = (q: Quarter, scope: string | null) => {
      const withDepartments = scope === null && formatQuarter(q) === formatQuarter(rankQ);
      const k = `${formatQuarter(q)}|${scope ?? ''}`;
      if (!lives.has(k)) lives.set(k, this.rollups.liveStats(planId, q, scope, withDepartments));
      return lives.get(k)!;
    };
    for (const n of [1, 2, 3, 4] as const) {
      const q: Quarter = { year, quarter: n };
      const quarter = formatQuarter(q);
      const snapshot = snapshots.get(quarter);
      if (snapshot) {
        const closed = await this.rollups.closedOverall(snapshot, actor);
        trend.push(trendPoint(quarter, 'closed', closed.asOf, closed.overall));
      } else if (quarterStart(q) <= today) {
        const view = await live(q, departmentId);
        trend.push(trendPoint(quarter, 'live', view.asOf, view.overall));
      } else {
        trend.push(trendPoint(quarter, 'not_started', null, null));
      }
    }

    // Ranking over all departments of the current quarter of the plan year (cumulative since January);
    // a department user sees its own row and its place (compact() and departmentRows() cut it).
    const rankSnapshot = snapshots.get(formatQuarter(rankQ));
    const rankView = rankSnapshot ? this.rollups.snapshotResponse(await this.rollups.snapshot(planId, rankSnapshot.quarter), null) : await live(rankQ, null);
    const low = this.config.rollups.lowOnTimeRatePercent / 100;
    const ranked: RankingRow[] = rankDepartments(rankView.byDepartment).map((r) => ({
      rank: r.rank, departmentId: r.departmentId, name: r.name, onTimeRate: r.onTimeRate, completionRate: r.completionRate,
      total: r.total, completed: r.completed, completedOnTime: r.completedOnTime, overdue: r.overdue,
      belowThreshold: r.onTimeRate !== null && r.onTimeRate < low,
    }));

    const cellsByDepartment = new Map<string, LightCell[]>();
    for (const c of cells) {
      const mine = cellsByDepartment.get(c.departmentId);
      if (mine) mine.push(c);
      else cellsByDepartment.set(c.departmentId, [c]);
    }
    const currentPeriod = this.periods.current(plan, today);
    const notReported = {
      ...this.periods.info(plan, currentPeriod),
      departments: quarterStart(currentPeriod) <= today ? await this.rollups.departmentsNotReported(planId, currentPeriod, departmentId) : [],
    };
    const yearFigures = await this.rollups.yearFigures(plan, departmentId);
    const dueBy = `${year + 1}-03-01`;
    return {
      planId, year, today, calendar: this.calendar.statusOf(year), scope: departmentId ? { departmentId } : null,
      lights: {
        overall: count(cells),
        byChapter: chapters.map((ch) => ({ chapterId: ch.id, ordinal: ch.ordinal, title: ch.title, ...count(cells.filter((c) => c.chapterId === ch.id)) })),
        byDepartment: [...cellsByDepartment].map(([id, mine]) => ({ departmentId: id, name: name(id), ...count(mine) })).sort(byAttention),
      },
      ranking: { quarter: rankView.quarter, asOf: rankView.asOf, lowOnTimeRate: low, rows: ranked },
      overdue: overdueRows
        .map((r) => ({
          taskId: r.id, itemNumber: r.itemNumber, title: r.title, leadDepartment: { id: r.departmentId, name: name(r.departmentId) },
          dueDate: r.dueDate, originalDueDate: r.originalDueDate, daysOverdue: daysBetween(r.dueDate, today), percent: r.percent,
        }))
        .sort((a, b) => b.daysOverdue - a.daysOverdue),
      trend,
      figures: { period: String(year), items: yearFigures },
      notReported: { period: notReported.period, windowEnd: notReported.windowEnd, closesOn: notReported.closesOn, departments: notReported.departments },
      report: { dueBy, daysRemaining: daysBetween(today, dueBy) },
    };
  }
}
