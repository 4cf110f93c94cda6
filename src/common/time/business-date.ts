// Calendar arithmetic in the business time zone (Asia/Shanghai), independent of the host's TZ.
// Asia/Shanghai has had a fixed UTC+8 offset without DST since 1991, so a constant offset is exact
// for every date this product handles; dates are 'YYYY-MM-DD' strings, instants are Date.
export const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date in Asia/Shanghai of an instant. */
export function businessDateOf(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of a wall-clock time (default midnight) on a business date in Asia/Shanghai. */
export function businessInstant(date: string, hour = 0, minute = 0): Date {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], hour, minute) - SHANGHAI_OFFSET_MS);
}

/** True when the string is a real calendar date in YYYY-MM-DD form (rejects 2026-02-30). */
export function isValidDate(date: string): boolean {
  const m = DATE_RE.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3] + days)).toISOString().slice(0, 10);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((businessInstant(b).getTime() - businessInstant(a).getTime()) / 86_400_000);
}

export function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

export function quarterOfDate(date: string): Quarter {
  const month = Number(date.slice(5, 7));
  return { year: Number(date.slice(0, 4)), quarter: (Math.floor((month - 1) / 3) + 1) as Quarter['quarter'] };
}

export function quarterStart(q: Quarter): string {
  return formatDate(q.year, (q.quarter - 1) * 3 + 1, 1);
}

export function quarterEnd(q: Quarter): string {
  return lastDayOfMonth(q.year, q.quarter * 3);
}

/** '2026Q2' ⇄ Quarter; returns null for anything else. */
export function parseQuarter(text: string): Quarter | null {
  const m = /^(\d{4})Q([1-4])$/.exec(text);
  return m ? { year: Number(m[1]), quarter: Number(m[2]) as Quarter['quarter'] } : null;
}

export function formatQuarter(q: Quarter): string {
  return `${q.year}Q${q.quarter}`;
}
