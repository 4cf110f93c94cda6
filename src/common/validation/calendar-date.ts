// The one date rule for every date a user gives: a real YYYY-MM-DD calendar date between 2000 and
// 2100 (and, where a plan is known, within plan year − 1 … plan year + 5), so no date arithmetic
// downstream (working days, reminder times, Date objects) can overflow or throw.
import { registerDecorator, ValidationOptions } from 'class-validator';
import { isValidDate } from '../time/business-date';

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
/** How far around its plan year a task's dates may lie. */
export const PLAN_YEARS_BEFORE = 1;
export const PLAN_YEARS_AFTER = 5;

export const CALENDAR_DATE_MESSAGE = `必须是 ${MIN_YEAR}–${MAX_YEAR} 年间的有效日期 (YYYY-MM-DD)`;

/** True for a real calendar date in YYYY-MM-DD form within MIN_YEAR … MAX_YEAR. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !isValidDate(value)) return false;
  const year = Number(value.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** A year a user may name (calendar years, plan years, periods). */
export function isSupportedYear(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

/** Null when `date` may be used in a plan of `planYear`, else the Chinese reason (without the field). */
export function planDateProblem(date: string, planYear: number): string | null {
  if (!isCalendarDate(date)) return `${date} ${CALENDAR_DATE_MESSAGE}`;
  const year = Number(date.slice(0, 4));
  const from = Math.max(MIN_YEAR, planYear - PLAN_YEARS_BEFORE);
  const to = Math.min(MAX_YEAR, planYear + PLAN_YEARS_AFTER);
  if (year < from || year > to) return `日期 ${date} 超出计划年度 ${planYear} 允许的范围（${from}–${to} 年）`;
  return null;
}

/** The message names the offending value(s), shortened: "2027-02-30 不是 …". */
function calendarDateMessage(value: unknown): string {
  const show = (v: unknown) => (typeof v === 'string' ? v.slice(0, 20) : JSON.stringify(v)?.slice(0, 20) ?? String(v));
  const bad = Array.isArray(value) ? value.filter((v) => !isCalendarDate(v)).slice(0, 5) : [value];
  return `${bad.map(show).join(', ')} 不是有效日期：${CALENDAR_DATE_MESSAGE}`;
}

/** class-validator decorator: the value (or each element with `{ each: true }`) is a supported calendar date. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: (args) => calendarDateMessage(args.value), ...options },
      validator: { validate: (value: unknown) => isCalendarDate(value) },
    });
  };
}
