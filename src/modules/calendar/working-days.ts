// Working days (工作日) under the official Chinese holiday calendar, with 调休 make-up days.
//
// Data: the `chinese-days` package (official schedules 2004–2026 in version 1.5.7). We read only
// its JSON data file (`dist/chinese-days.json`, maps keyed by 'YYYY-MM-DD') and never call its
// date API: the package builds its in-memory holiday maps at load time with local-time Date
// arithmetic, so on a host west of UTC (e.g. TZ=America/New_York) every key is shifted a day —
// getDayDetail('2025-09-28') says Sunday off, getHolidaysInRange lists 2025-12-31 as New Year's
// Day, findWorkday(-1, '2025-10-09') is '2025-09-29' — whatever form the date is passed in.
// Everything here is string / day-number arithmetic (Date.UTC only), so results do not depend
// on the host time zone.
//
// For a year the package does not cover (it silently treats Mon–Fri as working days) the legal
// office enters the State Council's schedule; an entered year overrides the package entirely.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isValidDate } from '../../common/time/business-date';

export type CalendarSource = 'official' | 'entered' | 'fallback';

/**
 * One year's schedule.
 * - `holidays`: official days off as published (weekdays, and weekend days inside a holiday run);
 * - `workdays`: make-up working days (调休上班, usually a Saturday or Sunday).
 * Every other Monday–Friday is a working day and every other Saturday/Sunday is not.
 */
export interface YearCalendar {
  year: number;
  source: CalendarSource;
  holidays: string[];
  workdays: string[];
}

export interface EnteredYearCalendar {
  holidays: string[];
  workdays: string[];
}

/** Smallest and largest year this module computes with (keeps loops and formatting bounded). */
export const MIN_CALENDAR_YEAR = 1000;
export const MAX_CALENDAR_YEAR = 9999;

// ---------------------------------------------------------------------------------------------
// Package data, grouped by year once.

interface OfficialYear {
  holidays: readonly string[];
  workdays: readonly string[];
}

interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const PACKAGE_DATA_ID = 'chinese-days/dist/chinese-days.json';

/**
 * Loads the package's JSON data. A static `import … from '….json'` compiles for the CommonJS build
 * but, without `with { type: 'json' }` (which TypeScript forbids in CommonJS output), Jest's ESM
 * runtime warns that it will soon refuse it. So: the module's own `require` in the CommonJS build;
 * under ESM (Jest) a require rooted at the entry script (inside the project), else at the cwd.
 */
function loadPackageData(): PackageData {
  let data: unknown;
  if (typeof require === 'function') {
    data = require(PACKAGE_DATA_ID);
  } else {
    const bases = [process.argv[1], join(process.cwd(), 'noop.js')].filter((b): b is string => !!b);
    for (const base of bases) {
      try {
        data = createRequire(base)(PACKAGE_DATA_ID);
        break;
      } catch {
        // try the next base
      }
    }
  }
  const d = data as Partial<PackageData> | undefined;
  if (!d || typeof d.holidays !== 'object' || typeof d.workdays !== 'object') {
    throw new Error(`cannot load the official holiday data (${PACKAGE_DATA_ID}): is chinese-days installed?`);
  }
  return d as PackageData;
}

let officialByYear: Map<number, OfficialYear> | null = null;

function officialIndex(): Map<number, OfficialYear> {
  if (officialByYear) return officialByYear;
  const packageData = loadPackageData();
  const byYear = new Map<number, { holidays: string[]; workdays: string[] }>();
  const add = (dates: Record<string, string>, key: 'holidays' | 'workdays') => {
    for (const date of Object.keys(dates)) {
      if (!isValidDate(date)) continue;
      const year = Number(date.slice(0, 4));
      let entry = byYear.get(year);
      if (!entry) byYear.set(year, (entry = { holidays: [], workdays: [] }));
      entry[key].push(date);
    }
  };
  add(packageData.holidays, 'holidays');
  add(packageData.workdays, 'workdays');
  const index = new Map<number, OfficialYear>();
  for (const [year, entry] of byYear) {
    // A year with make-up days but no holidays is not a published schedule (see officialYearCalendar).
    if (entry.holidays.length === 0) continue;
    index.set(year, {
      holidays: Object.freeze([...new Set(entry.holidays)].sort()),
      workdays: Object.freeze([...new Set(entry.workdays)].sort()),
    });
  }
  officialByYear = index;
  return index;
}

/**
 * The package's schedule for a year: the holidays and make-up days whose date falls in that year.
 * null when the package has no data for the year (no holidays listed for it).
 */
export function officialYearCalendar(year: number): YearCalendar | null {
  const entry = officialIndex().get(year);
  if (!entry) return null;
  return { year, source: 'official', holidays: [...entry.holidays], workdays: [...entry.workdays] };
}

/** Years the package covers, ascending. */
export function officialYears(): number[] {
  return [...officialIndex().keys()].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------
// Day arithmetic on strings / day numbers (days since 1970-01-01), independent of the host TZ.

const MS_PER_DAY = 86_400_000;

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInYear(year: number): number {
  return isLeap(year) ? 366 : 365;
}

/** Day number of 1 January of a year. */
function yearStartDay(year: number): number {
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not, but MIN_CALENDAR_YEAR is 1000.
  return Date.UTC(year, 0, 1) / MS_PER_DAY;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 (day 0) was a Thursday. */
function dayOfWeek(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Validates 'YYYY-MM-DD' and returns [year, dayOfYear (0-based)]; throws RangeError otherwise. */
function parseDay(date: string): [number, number] {
  if (typeof date !== 'string' || !isValidDate(date)) {
    throw new RangeError(`not a valid YYYY-MM-DD date: ${String(date)}`);
  }
  const year = Number(date.slice(0, 4));
  if (year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
    throw new RangeError(`year out of range ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR}: ${date}`);
  }
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  return [year, Date.UTC(year, month - 1, day) / MS_PER_DAY - yearStartDay(year)];
}

// ---------------------------------------------------------------------------------------------
// Entered schedules: validation.

/**
 * Problems with a schedule the legal office typed in for `year`, as Chinese messages naming the
 * field and the date; empty when it is usable. Dates must be real dates in that year — or in an
 * adjacent year, because a notice can move days across the year boundary (the 2019 notice:
 * 2018-12-30 to 2019-01-01 off, Saturday 2018-12-29 worked). A date cannot be both.
 */
export function validateEnteredCalendar(year: number, calendar: EnteredYearCalendar): string[] {
  const errors: string[] = [];
  if (!Number.isInteger(year) || year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
    return [`年份「${String(year)}」无效`];
  }
  if (!calendar || typeof calendar !== 'object') return [`${year} 年节假日安排缺失`];
  const seen = new Map<string, 'holidays' | 'workdays'>();
  for (const field of ['holidays', 'workdays'] as const) {
    const label = field === 'holidays' ? '放假日期(holidays)' : '调休上班日期(workdays)';
    const list = calendar[field];
    if (!Array.isArray(list)) {
      errors.push(`${year} 年${label}必须是日期列表`);
      continue;
    }
    for (const date of list) {
      if (typeof date !== 'string' || !isValidDate(date)) {
        errors.push(`${year} 年${label}中的「${String(date)}」不是有效日期（应为 YYYY-MM-DD）`);
        continue;
      }
      const y = Number(date.slice(0, 4));
      if (Math.abs(y - year) > 1) {
        errors.push(`${year} 年${label}中的「${date}」不在 ${year} 年或相邻年份内`);
        continue;
      }
      const other = seen.get(date);
      if (other && other !== field) {
        errors.push(`${year} 年的「${date}」不能既是放假日又是调休上班日`);
      }
      seen.set(date, field);
    }
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// The calendar.

interface YearTable {
  /** 1 when the day (index = day of year, 0-based) is a working day. */
  working: Uint8Array;
  /** cumulative[i] = working days among days 0 … i−1 of the year (length daysInYear + 1). */
  cumulative: Int32Array;
  /** Day-of-year indices of the working days, ascending. */
  workingIndex: Int32Array;
  /** 'YYYY-MM-DD' of every day of the year. */
  dates: string[];
}

export class WorkingDayCalendar {
  private readonly entered = new Map<number, { holidays: readonly string[]; workdays: readonly string[] }>();
  private readonly tables = new Map<number, YearTable>();

  /**
   * `entered`: schedules typed in by the legal office, by year. An entered year overrides the
   * package's data for that year entirely. Throws RangeError on an unusable schedule (validate
   * user input first with validateEnteredCalendar to get messages per date).
   */
  constructor(entered: Map<number, EnteredYearCalendar> = new Map()) {
    for (const [year, calendar] of entered) {
      const errors = validateEnteredCalendar(year, calendar);
      if (errors.length > 0) throw new RangeError(errors.join('；'));
      this.entered.set(year, {
        holidays: Object.freeze([...new Set(calendar.holidays)].sort()),
        workdays: Object.freeze([...new Set(calendar.workdays)].sort()),
      });
    }
  }

  /** The years the legal office has entered, in order. */
  enteredYears(): number[] {
    return [...this.entered.keys()].sort((x, y) => x - y);
  }

  /** The schedule in force for a year: entered > official (package) > fallback (Mon–Fri). */
  yearCalendar(year: number): YearCalendar {
    const entered = this.entered.get(year);
    if (entered) {
      return { year, source: 'entered', holidays: [...entered.holidays], workdays: [...entered.workdays] };
    }
    return officialYearCalendar(year) ?? { year, source: 'fallback', holidays: [], workdays: [] };
  }

  /** True when the year's schedule is known (entered or in the package), not the Mon–Fri guess. */
  hasOfficialCalendar(year: number): boolean {
    return this.entered.has(year) || officialIndex().has(year);
  }

  isWorkingDay(date: string): boolean {
    const [year, doy] = parseDay(date);
    return this.table(year).working[doy] === 1;
  }

  /**
   * The date n working days after (n > 0) or before (n < 0) `date`, counting only days strictly
   * after / before it; `date` itself for n = 0 (whether or not it is a working day).
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n)) throw new RangeError(`working-day count must be an integer: ${n}`);
    let [year, doy] = parseDay(date);
    if (n === 0) return this.table(year).dates[doy];
    if (n > 0) {
      let remaining = n;
      let after = this.table(year).cumulative[doy + 1]; // working days up to and including `date`
      for (;;) {
        const t = this.table(year);
        const k = after + remaining - 1;
        if (k < t.workingIndex.length) return t.dates[t.workingIndex[k]];
        remaining -= t.workingIndex.length - after;
        year += 1;
        after = 0;
        if (year > MAX_CALENDAR_YEAR) throw new RangeError(`result beyond year ${MAX_CALENDAR_YEAR}`);
      }
    }
    let remaining = -n;
    let before = this.table(year).cumulative[doy]; // working days strictly before `date`
    for (;;) {
      const t = this.table(year);
      const k = before - remaining;
      if (k >= 0) return t.dates[t.workingIndex[k]];
      remaining -= before;
      year -= 1;
      if (year < MIN_CALENDAR_YEAR) throw new RangeError(`result before year ${MIN_CALENDAR_YEAR}`);
      before = this.table(year).workingIndex.length;
    }
  }

  /** The date n working days before `date` (= addWorkingDays(date, −n)). */
  workingDaysBefore(date: string, n: number): string {
    return this.addWorkingDays(date, -n);
  }

  // -------------------------------------------------------------------------------------------

  private table(year: number): YearTable {
    let t = this.tables.get(year);
    if (!t) {
      t = this.buildTable(year);
      this.tables.set(year, t);
    }
    return t;
  }

  private buildTable(year: number): YearTable {
    const length = daysInYear(year);
    const start = yearStartDay(year);
    const working = new Uint8Array(length);
    const dates: string[] = new Array<string>(length);
    let month = 1;
    let day = 1;
    const monthLengths = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    const yyyy = String(year).padStart(4, '0');
    for (let i = 0; i < length; i++) {
      dates[i] = `${yyyy}-${pad2(month)}-${pad2(day)}`;
      const dow = dayOfWeek(start + i);
      working[i] = dow >= 1 && dow <= 5 ? 1 : 0;
      if (++day > monthLengths[month - 1]) {
        day = 1;
        month += 1;
      }
    }
    const apply = (holidays: readonly string[], workdays: readonly string[], skip?: Set<string>) => {
      for (const d of holidays) {
        if (Number(d.slice(0, 4)) === year && !skip?.has(d)) working[parseDay(d)[1]] = 0;
      }
      for (const d of workdays) {
        if (Number(d.slice(0, 4)) === year && !skip?.has(d)) working[parseDay(d)[1]] = 1;
      }
    };
    // 1. The year's own schedule: entered, else the package's, else plain Mon–Fri.
    const own = this.entered.get(year) ?? officialIndex().get(year);
    if (own) apply(own.holidays, own.workdays);
    // 2. Days of this year that an adjacent year's entered notice moves (e.g. late December in
    //    next year's New Year arrangement), unless this year's own entered schedule lists them.
    const ownEntered = this.entered.get(year);
    const explicit = new Set(ownEntered ? [...ownEntered.holidays, ...ownEntered.workdays] : []);
    for (const neighbour of [year - 1, year + 1]) {
      const other = this.entered.get(neighbour);
      if (other) apply(other.holidays, other.workdays, explicit);
    }

    const cumulative = new Int32Array(length + 1);
    let count = 0;
    for (let i = 0; i < length; i++) {
      cumulative[i] = count;
      count += working[i];
    }
    cumulative[length] = count;
    const workingIndex = new Int32Array(count);
    for (let i = 0, k = 0; i < length; i++) if (working[i]) workingIndex[k++] = i;
    return { working, cumulative, workingIndex, dates };
  }
}
