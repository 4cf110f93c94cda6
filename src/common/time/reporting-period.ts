// Reporting periods (报告期): every progress entry belongs to a quarter. Pure date rules, keyed on a
// plan's policy (stored with its reminder policy):
// - the reporting window of a quarter runs through day `reportingWindowDay` (default 10) of the
//   month after the quarter ends ("每季度首月10日前");
// - while that window is open a new entry counts for the quarter just ended, else for the current one;
// - the quarter closes on the day after `closeAfterWorkingDays` working days past the window's end
//   (default 3): its roll-up is frozen then, and an entry filed for it later is 补报 (late).
// A plan's periods are the four quarters of its year and of the following year (work carried over
// and reported on while the year-end report is written), plus the year itself ('2026').
import { addDays, formatQuarter, parseQuarter, Quarter, quarterOfDate, quarterStart } from './business-date';

export interface PeriodPolicy {
  /** Last day (of the month after a quarter) on which its progress is due: 10. */
  reportingWindowDay: number;
  /** Working days after the window's end before the quarter closes. */
  closeAfterWorkingDays: number;
}

export interface WorkingDays {
  addWorkingDays(date: string, n: number): string;
}

export type Period = { kind: 'quarter'; year: number; quarter: Quarter['quarter'] } | { kind: 'year'; year: number };

export function previousQuarter(q: Quarter): Quarter {
  return q.quarter === 1 ? { year: q.year - 1, quarter: 4 } : { year: q.year, quarter: (q.quarter - 1) as Quarter['quarter'] };
}

export function nextQuarter(q: Quarter): Quarter {
  return q.quarter === 4 ? { year: q.year + 1, quarter: 1 } : { year: q.year, quarter: (q.quarter + 1) as Quarter['quarter'] };
}

/** The last day of a quarter's reporting window: day N of the month after it ends (2026Q1 → 2026-04-10). */
export function reportingWindowEnd(q: Quarter, policy: Pick<PeriodPolicy, 'reportingWindowDay'>): string {
  return addDays(quarterStart(nextQuarter(q)), policy.reportingWindowDay - 1);
}

/** The day a quarter closes (its roll-up is frozen from then on): the day after window end + N working days. */
export function quarterCloseDay(q: Quarter, policy: PeriodPolicy, cal: WorkingDays): string {
  return addDays(cal.addWorkingDays(reportingWindowEnd(q, policy), policy.closeAfterWorkingDays), 1);
}

/** The period a new entry counts for when the department names none. */
export function defaultPeriod(today: string, policy: Pick<PeriodPolicy, 'reportingWindowDay'>): Quarter {
  const current = quarterOfDate(today);
  const previous = previousQuarter(current);
  return today <= reportingWindowEnd(previous, policy) ? previous : current;
}

/** True once the quarter's close day has come. */
export function isQuarterClosedOn(q: Quarter, today: string, policy: PeriodPolicy, cal: WorkingDays): boolean {
  return today >= quarterCloseDay(q, policy, cal);
}

/** '2026Q1' → quarter, '2026' → year; null for anything else. */
export function parsePeriod(text: string): Period | null {
  const q = parseQuarter(text);
  if (q) return { kind: 'quarter', ...q };
  const m = /^(\d{4})$/.exec(text);
  return m ? { kind: 'year', year: Number(m[1]) } : null;
}

export function formatPeriod(p: Period): string {
  return p.kind === 'year' ? String(p.year) : formatQuarter(p);
}

/** The quarters a plan's entries and roll-ups may name: its year and the following one. */
export function planQuarters(planYear: number): Quarter[] {
  const out: Quarter[] = [];
  for (const year of [planYear, planYear + 1]) for (const quarter of [1, 2, 3, 4] as const) out.push({ year, quarter });
  return out;
}

/** Whether a plan admits the period: its year, its year's quarters, or a quarter of the following year. */
export function isPlanPeriod(planYear: number, p: Period): boolean {
  return p.kind === 'year' ? p.year === planYear : p.year === planYear || p.year === planYear + 1;
}

/** The four quarters of a year, as period texts. */
export function quartersOfYear(year: number): string[] {
  return [1, 2, 3, 4].map((n) => `${year}Q${n}`);
}

/** The first day of the month after a quarter, for checks like "not in the future". */
export function quarterStarted(q: Quarter, today: string): boolean {
  return quarterStart(q) <= today;
}

