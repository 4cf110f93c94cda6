// Status light per task (红黄绿灯, as the legal office reads the ledger): green = on track or done; yellow = a pending extension, progress
// trailing 序时进度 (the share of the task's time already elapsed) by more than the threshold, due soon
// while behind at all, or no report in the current reporting period; red = overdue and unfinished.
// computeLight() decides one task; lightSql() is the same rule as SQL for filtering and counting,
// written with integer day numbers only so it runs unchanged on SQLite and PostgreSQL.
import type { LightThresholds } from '../../../config/app-config';
import { addDays, businessInstant, quarterOfDate, quarterStart } from '../../common/time/business-date';

export const LIGHTS = ['green', 'yellow', 'red'] as const;
export type Light = (typeof LIGHTS)[number];

export interface LightInput {
  status: string;
  dueDate: string;
  startDate: string;
  startDay: number;
  dueDay: number;
  percent: number;
  pendingExtension: boolean;
  lastReportedOn: string | null;
}

export interface LightContext {
  today: string;
  todayDay: number;
  /** Reports dated before this day belong to an earlier reporting period. */
  periodStart: string;
  dueSoonDays: number;
  behindPoints: number;
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date. */
export function dayNumber(date: string): number {
  return Math.round((businessInstant(date).getTime() + 8 * 3600_000) / 86_400_000);
}

/**
 * The current reporting period begins on the first day of the current quarter once that quarter's
 * reporting deadline (the 10th of its first month, 每季度首月10日前) has passed; before that, the
 * previous quarter's reports still count.
 */
export function reportingPeriodStart(today: string): string {
  const q = quarterOfDate(today);
  const start = quarterStart(q);
  if (today > addDays(start, 9)) return start;
  const prev = q.quarter === 1 ? { year: q.year - 1, quarter: 4 as const } : { year: q.year, quarter: (q.quarter - 1) as 1 | 2 | 3 };
  return quarterStart(prev);
}

export function lightContext(today: string, thresholds: LightThresholds): LightContext {
  return {
    today,
    todayDay: dayNumber(today),
    periodStart: reportingPeriodStart(today),
    dueSoonDays: thresholds.dueSoonDays,
    behindPoints: thresholds.behindSchedulePoints,
  };
}

export function computeLight(t: LightInput, ctx: LightContext): Light {
  if (t.status === 'completed') return 'green';
  if (t.dueDate < ctx.today) return 'red';
  if (t.pendingExtension) return 'yellow';
  const span = t.dueDay - t.startDay;
  const elapsed = ctx.todayDay - t.startDay;
  // percent/100 < elapsed/span − points/100, multiplied out to stay in integers.
  if ((t.percent + ctx.behindPoints) * span < 100 * elapsed) return 'yellow';
  if (t.dueDay - ctx.todayDay <= ctx.dueSoonDays && t.percent * span < 100 * elapsed) return 'yellow';
  if (t.startDate < ctx.periodStart && (t.lastReportedOn === null || t.lastReportedOn < ctx.periodStart)) return 'yellow';
  return 'green';
}

/** The same rule as computeLight, as a SQL CASE over a task alias, with its bound parameters. */
export function lightSql(alias: string, ctx: LightContext): { sql: string; params: Record<string, unknown> } {
  const a = alias;
  const span = `(${a}.due_day - ${a}.start_day)`;
  const elapsed = `(:lightTodayDay - ${a}.start_day)`;
  const sql = `CASE
    WHEN ${a}.status = 'completed' THEN 'green'
    WHEN ${a}.due_date < :lightToday THEN 'red'
    WHEN ${a}.pending_extension = :lightTrue THEN 'yellow'
    WHEN (${a}.percent + :lightBehind) * ${span} < 100 * ${elapsed} THEN 'yellow'
    WHEN ${a}.due_day - :lightTodayDay <= :lightSoon AND ${a}.percent * ${span} < 100 * ${elapsed} THEN 'yellow'
    WHEN ${a}.start_date < :lightPeriod AND (${a}.last_reported_on IS NULL OR ${a}.last_reported_on < :lightPeriod) THEN 'yellow'
    ELSE 'green' END`;
  return {
    sql,
    params: {
      lightToday: ctx.today, lightTodayDay: ctx.todayDay, lightBehind: ctx.behindPoints, lightSoon: ctx.dueSoonDays,
      lightPeriod: ctx.periodStart, lightTrue: true,
    },
  };
}
