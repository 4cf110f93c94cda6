// The leaders' dashboard: today's lights by chapter and by lead department, the overdue list, a
// department ranking by on-time rate, the year's quarterly trend (frozen snapshots where closed,
// live otherwise) and the countdown to the year-end report (due by 1 March of the next year).
import { ReadCache } from '../../common/cache/read-cache';
import { CalendarService, type CalendarStatus } from '../calendar/calendar.service';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import type { Actor } from '../../common/auth/actor';
import { daysBetween, formatQuarter, Quarter, quarterOfDate, quarterStart } from '../../common/time/business-date';
import { ProgressService } from '../tasks/progress.service';
import { ReportingPeriods } from '../tasks/reporting-periods';
import { lightContext } from '../tasks/task-light';
import { rankDepartments, zh } from './rollup-fold';
import type { FigureSum, RollupStats, RollupView } from './rollup.types';
import { LightCell, RollupsRepository } from './rollups.repository';
import { DepartmentsRepository } from '../departments/departments.repository';
import { PlansRepository } from '../plans/plans.repository';
import { RollupsService, scopeOf } from './rollups.service';

interface LightCounts {
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

export interface Dashboard {
  planId: string;
  year: number;
  today: string;
  /** The plan year's working-day calendar; a warning when it falls back to Mon–Fri. */
  calendar: CalendarStatus;
  scope: { departmentId: string } | null;
  lights: {
    overall: LightCounts;
    byChapter: (LightCounts & { chapterId: string; ordinal: string; title: string })[];
    byDepartment: (LightCounts & { departmentId: string; name: string })[];
  };
  ranking: {
    quarter: string;
    asOf: string;
    lowOnTimeRate: number;
    rows: {
      rank: number; departmentId: string; name: string; onTimeRate: number | null; completionRate: number | null;
      total: number; completed: number; completedOnTime: number; overdue: number; belowThreshold: boolean;
    }[];
  };
  overdue: {
    taskId: string; itemNumber: number; title: string; leadDepartment: { id: string; name: string };
    dueDate: string; originalDueDate: string; daysOverdue: number; percent: number;
  }[];
  trend: TrendPoint[];
  /** The year's figures so far, aggregated by indicator kind exactly as the annual roll-up does (a rate is never summed). */
  figures: { period: string; items: FigureSum[] };
  /** 未报送 for the current reporting period (the quarter just ended while its window is open, else the current one). */
  notReported: { period: string; windowEnd: string; closesOn: string; departments: { departmentId: string; name: string; missingTasks: number }[] };
  report: { dueBy: string; daysRemaining: number };
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

@Injectable()
export class DashboardService {
  constructor(
    private readonly rollups: RollupsService,
    private readonly repo: RollupsRepository,
    private readonly plans: PlansRepository,
    private readonly departments: DepartmentsRepository,
    private readonly calendar: CalendarService,
    private readonly periods: ReportingPeriods,
    private readonly progress: ProgressService,
    private readonly cache: ReadCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The dashboard as JSON, served from the read cache (computed and serialised once, then answered to
   * every leader): recomputed after any write in this process, or after READ_CACHE_TTL_MS at most.
   */
  buildJson(planId: string, actor: Actor): Promise<Buffer> {
    const key = `dashboard:${planId}:${scopeOf(actor) ?? 'all'}:${this.rollups.today()}`;
    return this.cache.getJson(key, this.config.readCacheTtlMs, () => this.compute(planId, actor));
  }

  private async compute(planId: string, actor: Actor): Promise<Dashboard> {
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
    // The current quarter is both a trend point and the ranking: compute a live view once per scope.
    const lives = new Map<string, Promise<RollupView>>();
    const live = (q: Quarter, scope: string | null) => {
      const k = `${formatQuarter(q)}|${scope ?? ''}`;
      if (!lives.has(k)) lives.set(k, this.rollups.live(planId, q, scope));
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
    // a department user sees its own row and its place.
    const current = quarterOfDate(today);
    const rankQ: Quarter = current.year < year ? { year, quarter: 1 } : current.year > year ? { year, quarter: 4 } : current;
    const rankSnapshot = snapshots.get(formatQuarter(rankQ));
    const rankView = rankSnapshot ? this.rollups.snapshotResponse(await this.rollups.snapshot(planId, rankSnapshot.quarter), null) : await live(rankQ, null);
    const low = this.config.rollups.lowOnTimeRatePercent / 100;
    const ranked = rankDepartments(rankView.byDepartment).map((r) => ({
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
    const annual = await this.rollups.annual(plan, departmentId, false);
    const dueBy = `${year + 1}-03-01`;
    return {
      planId, year, today, calendar: this.calendar.statusOf(year), scope: departmentId ? { departmentId } : null,
      lights: {
        overall: count(cells),
        byChapter: chapters.map((ch) => ({ chapterId: ch.id, ordinal: ch.ordinal, title: ch.title, ...count(cells.filter((c) => c.chapterId === ch.id)) })),
        byDepartment: [...cellsByDepartment]
          .map(([id, mine]) => ({ departmentId: id, name: name(id), ...count(mine) }))
          .sort((a, b) => b.red - a.red || b.yellow - a.yellow || zh(a.name, b.name)),
      },
      ranking: {
        quarter: rankView.quarter, asOf: rankView.asOf, lowOnTimeRate: low,
        rows: departmentId ? ranked.filter((r) => r.departmentId === departmentId) : ranked,
      },
      overdue: overdueRows
        .map((r) => ({
          taskId: r.id, itemNumber: r.itemNumber, title: r.title, leadDepartment: { id: r.departmentId, name: name(r.departmentId) },
          dueDate: r.dueDate, originalDueDate: r.originalDueDate, daysOverdue: daysBetween(r.dueDate, today), percent: r.percent,
        }))
        .sort((a, b) => b.daysOverdue - a.daysOverdue),
      trend,
      figures: { period: String(year), items: annual.overall.figures },
      notReported: { period: notReported.period, windowEnd: notReported.windowEnd, closesOn: notReported.closesOn, departments: notReported.departments },
      report: { dueBy, daysRemaining: daysBetween(today, dueBy) },
    };
  }
}
