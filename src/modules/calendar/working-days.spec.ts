import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  officialYearCalendar,
  officialYears,
  validateEnteredCalendar,
  WorkingDayCalendar,
} from './working-days';
import { addDays } from '../../common/time/business-date';

// Facts from the State Council notices (国务院办公厅关于部分节假日安排的通知) for 2025 and 2026.
describe('officialYearCalendar', () => {
  it('lists the 2025 National Day holiday and its make-up days', () => {
    const cal = officialYearCalendar(2025)!;
    expect(cal.source).toBe('official');
    expect(cal.year).toBe(2025);
    for (let d = 1; d <= 8; d++) expect(cal.holidays).toContain(`2025-10-0${d}`);
    expect(cal.workdays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    expect(cal.holidays.every((d) => d.startsWith('2025-'))).toBe(true);
    expect([...cal.holidays].sort()).toEqual(cal.holidays);
  });

  it('covers 2004–2026 and not 2027', () => {
    expect(officialYears()[0]).toBe(2004);
    expect(officialYears().at(-1)).toBe(2026);
    expect(officialYearCalendar(2026)!.holidays).toContain('2026-01-01');
    expect(officialYearCalendar(2027)).toBeNull();
    expect(officialYearCalendar(2003)).toBeNull();
  });

  it('returns copies that callers cannot use to corrupt the data', () => {
    officialYearCalendar(2025)!.holidays.length = 0;
    expect(officialYearCalendar(2025)!.holidays.length).toBeGreaterThan(20);
  });
});

describe('WorkingDayCalendar with the package data', () => {
  const cal = new WorkingDayCalendar();

  it.each([
    ['2025-09-28', true, 'Sunday make-up day for National Day'],
    ['2025-09-30', true, 'ordinary Tuesday'],
    ['2025-10-01', false, 'National Day'],
    ['2025-10-03', false, 'National Day (Friday)'],
    ['2025-10-06', false, 'Mid-Autumn Festival (Monday)'],
    ['2025-10-08', false, 'last day of the holiday (Wednesday)'],
    ['2025-10-09', true, 'first day back'],
    ['2025-10-11', true, 'Saturday make-up day'],
    ['2025-10-12', false, 'ordinary Sunday'],
    ['2026-01-01', false, "New Year's Day 2026"],
    ['2026-01-04', true, 'Sunday make-up day for New Year 2026'],
    ['2026-02-16', false, 'Spring Festival 2026 (Monday)'],
    ['2026-02-14', true, 'Saturday make-up day for Spring Festival 2026'],
    ['2024-02-29', true, 'leap day, a Thursday'],
  ])('isWorkingDay(%s) is %s (%s)', (date, expected) => {
    expect(cal.isWorkingDay(date)).toBe(expected);
  });

  it.each([
    // [date, n, expected]
    ['2025-10-09', -1, '2025-09-30'], // back over the 8-day National Day holiday
    ['2025-10-09', 1, '2025-10-10'],
    ['2025-10-10', 1, '2025-10-11'], // Saturday make-up day counts
    ['2025-09-30', 1, '2025-10-09'],
    ['2025-09-30', -1, '2025-09-29'],
    ['2025-09-29', -1, '2025-09-28'], // Sunday make-up day counts
    ['2025-10-01', 1, '2025-10-09'], // from a holiday
    ['2025-10-01', -1, '2025-09-30'],
    ['2025-10-01', 0, '2025-10-01'], // n = 0: the date itself, even on a holiday
    ['2025-10-09', 0, '2025-10-09'],
    ['2025-10-13', -5, '2025-09-29'], // 10-11 (Sat, make-up), 10-10, 10-09, 09-30, 09-29
    ['2026-01-05', -5, '2025-12-26'], // across the year boundary: 01-04(Sun, make-up), 12-31, 30, 29, 26
    ['2025-12-26', 5, '2026-01-05'],
    ['2025-12-31', 1, '2026-01-04'], // 2026-01-01..03 off, Sunday 01-04 worked
    ['2026-01-04', -1, '2025-12-31'],
    ['2024-12-31', 1, '2025-01-02'],
    ['2025-01-02', -1, '2024-12-31'],
  ])('addWorkingDays(%s, %i) = %s', (date, n, expected) => {
    expect(cal.addWorkingDays(date, n)).toBe(expected);
  });

  it('workingDaysBefore is addWorkingDays backwards', () => {
    expect(cal.workingDaysBefore('2025-10-09', 1)).toBe('2025-09-30');
    expect(cal.workingDaysBefore('2026-01-05', 5)).toBe('2025-12-26');
    expect(cal.workingDaysBefore('2025-10-09', 0)).toBe('2025-10-09');
    expect(cal.workingDaysBefore('2025-09-30', -1)).toBe('2025-10-09');
  });

  it('agrees with a naive day-by-day walk over several years', () => {
    const naive = (date: string, n: number): string => {
      const step = n > 0 ? 1 : -1;
      let d = date;
      for (let left = Math.abs(n); left > 0; ) {
        d = addDays(d, step);
        if (cal.isWorkingDay(d)) left--;
      }
      return d;
    };
    for (let d = '2024-11-01'; d < '2027-02-01'; d = addDays(d, 7)) {
      for (const n of [1, 3, 10, 60, 300, -1, -3, -10, -60, -300]) {
        expect(cal.addWorkingDays(d, n)).toBe(naive(d, n));
      }
    }
  });

  it('counts 2025 as 248 working days (261 weekdays − 18 weekday holidays + 5 make-up days)', () => {
    expect(cal.addWorkingDays('2024-12-31', 248)).toBe('2025-12-31');
    expect(cal.addWorkingDays('2024-12-31', 249)).toBe('2026-01-04');
    expect(cal.addWorkingDays('2026-01-01', -248)).toBe('2025-01-02');
  });

  it('rejects bad input with RangeError', () => {
    expect(() => cal.isWorkingDay('2025-02-30')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2025-1-5')).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2025-10-09', 1.5)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('not a date', 1)).toThrow(RangeError);
  });

  it('is fast: 50,000 deadlines of up to a year in well under a second', () => {
    const started = performance.now();
    let last = '';
    for (let i = 0; i < 50_000; i++) {
      last = cal.addWorkingDays(addDays('2025-01-01', i % 365), -(i % 250) - 1);
    }
    const elapsed = performance.now() - started;
    expect(last).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(elapsed).toBeLessThan(1000);
  });
});

describe('years without package data and entered schedules', () => {
  it('falls back to Monday–Friday for 2027 and says so', () => {
    const cal = new WorkingDayCalendar();
    const y = cal.yearCalendar(2027);
    expect(y).toEqual({ year: 2027, source: 'fallback', holidays: [], workdays: [] });
    expect(cal.hasOfficialCalendar(2027)).toBe(false);
    expect(cal.isWorkingDay('2027-01-01')).toBe(true); // a Friday
    expect(cal.isWorkingDay('2027-01-02')).toBe(false); // a Saturday
    expect(cal.addWorkingDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('uses an entered 2027 schedule', () => {
    const cal = new WorkingDayCalendar(new Map([[2027, { holidays: ['2027-01-01'], workdays: [] }]]));
    const y = cal.yearCalendar(2027);
    expect(y.source).toBe('entered');
    expect(y.holidays).toEqual(['2027-01-01']);
    expect(cal.hasOfficialCalendar(2027)).toBe(true);
    expect(cal.isWorkingDay('2027-01-01')).toBe(false);
    expect(cal.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(cal.workingDaysBefore('2027-01-04', 1)).toBe('2026-12-31');
  });

  it('lets an entered year override an official one entirely', () => {
    const cal = new WorkingDayCalendar(
      new Map([[2025, { holidays: ['2025-03-03'], workdays: ['2025-03-08'] }]]),
    );
    expect(cal.yearCalendar(2025)).toEqual({
      year: 2025,
      source: 'entered',
      holidays: ['2025-03-03'],
      workdays: ['2025-03-08'],
    });
    expect(cal.isWorkingDay('2025-03-03')).toBe(false); // a Monday, entered as a holiday
    expect(cal.isWorkingDay('2025-03-08')).toBe(true); // a Saturday, entered as a make-up day
    expect(cal.isWorkingDay('2025-10-01')).toBe(true); // the package's holiday no longer applies
    expect(cal.isWorkingDay('2025-09-28')).toBe(false); // nor its make-up Sunday
    // other years keep the package data
    expect(cal.yearCalendar(2026).source).toBe('official');
    expect(cal.isWorkingDay('2026-01-01')).toBe(false);
  });

  it('applies days an entered notice moves in the adjacent year (like 2018-12-29 in the 2019 notice)', () => {
    const cal = new WorkingDayCalendar(
      new Map([[2027, { holidays: ['2026-12-31', '2027-01-01'], workdays: ['2026-12-26'] }]]),
    );
    expect(cal.isWorkingDay('2026-12-31')).toBe(false); // Thursday, moved by the 2027 notice
    expect(cal.isWorkingDay('2026-12-26')).toBe(true); // Saturday make-up day
    expect(cal.yearCalendar(2026).source).toBe('official');
    expect(cal.addWorkingDays('2026-12-30', 1)).toBe('2027-01-04');
  });

  it('does not share entered data between instances or with the caller', () => {
    const entered = new Map([[2027, { holidays: ['2027-01-01'], workdays: [] as string[] }]]);
    const cal = new WorkingDayCalendar(entered);
    entered.get(2027)!.holidays.push('2027-01-04');
    entered.delete(2027);
    expect(cal.isWorkingDay('2027-01-04')).toBe(true);
    expect(cal.isWorkingDay('2027-01-01')).toBe(false);
    expect(new WorkingDayCalendar().isWorkingDay('2027-01-01')).toBe(true);
  });

  it.each([
    [{ holidays: ['2027-02-30'], workdays: [] }, '不是有效日期'],
    [{ holidays: ['2029-01-01'], workdays: [] }, '不在 2027 年或相邻年份内'],
    [{ holidays: ['2027-01-02'], workdays: ['2027-01-02'] }, '不能既是放假日又是调休上班日'],
    [{ holidays: '2027-01-01', workdays: [] }, '必须是日期列表'],
  ])('rejects an unusable entered schedule %j', (entry, message) => {
    const calendar = entry as unknown as { holidays: string[]; workdays: string[] };
    expect(validateEnteredCalendar(2027, calendar).join('\n')).toContain(message);
    expect(() => new WorkingDayCalendar(new Map([[2027, calendar]]))).toThrow(RangeError);
  });

  it('accepts a well-formed entered schedule', () => {
    expect(validateEnteredCalendar(2027, { holidays: ['2026-12-31', '2027-01-01'], workdays: [] })).toEqual([]);
  });
});

describe('independence from the host time zone', () => {
  const probe = (m: { WorkingDayCalendar: typeof WorkingDayCalendar }) => {
    const cal = new m.WorkingDayCalendar(new Map([[2027, { holidays: ['2027-01-01'], workdays: [] }]]));
    return {
      before: cal.workingDaysBefore('2025-10-09', 1),
      after: cal.addWorkingDays('2025-09-30', 1),
      boundary: cal.workingDaysBefore('2026-01-05', 5),
      national: cal.isWorkingDay('2025-10-01'),
      makeUp: cal.isWorkingDay('2025-09-28'),
      newYear2027: cal.isWorkingDay('2027-01-01'),
      into2027: cal.addWorkingDays('2026-12-31', 1),
      zero: cal.addWorkingDays('2025-10-01', 0),
    };
  };
  const expected = {
    before: '2025-09-30',
    after: '2025-10-09',
    boundary: '2025-12-26',
    national: false,
    makeUp: true,
    newYear2027: false,
    into2027: '2027-01-04',
    zero: '2025-10-01',
  };

  // Any local-time Date API (getDate, setHours, new Date(y, m, d), Date.parse, …) depends on the
  // host's TZ. Replace Date with one that throws on all of them: only Date.UTC, new Date(ms),
  // getTime, getUTC* and toISOString remain.
  it('uses no local-time Date API', () => {
    const RealDate = Date;
    class StrictDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length !== 1 || typeof args[0] !== 'number') {
          throw new Error(`TZ-dependent: new Date(${args.map((a) => JSON.stringify(a)).join(', ')})`);
        }
        super(args[0]);
      }
      static override parse(text: string): number {
        throw new Error(`TZ-dependent: Date.parse(${text})`);
      }
    }
    for (const name of [
      'getFullYear', 'getMonth', 'getDate', 'getDay', 'getHours', 'getMinutes', 'getSeconds',
      'getMilliseconds', 'getTimezoneOffset', 'setFullYear', 'setMonth', 'setDate', 'setHours',
      'setMinutes', 'setSeconds', 'setMilliseconds', 'setTime', 'toString', 'toDateString',
      'toTimeString', 'toLocaleString', 'toLocaleDateString', 'toLocaleTimeString',
    ]) {
      Object.defineProperty(StrictDate.prototype, name, {
        value() {
          throw new Error(`TZ-dependent: Date.prototype.${name}`);
        },
      });
    }
    globalThis.Date = StrictDate as DateConstructor;
    try {
      expect(new Date(0).toISOString()).toBe('1970-01-01T00:00:00.000Z'); // the swap is in force
      expect(() => new Date(2025, 0, 1)).toThrow('TZ-dependent');
      expect(probe({ WorkingDayCalendar })).toEqual(expected);
    } finally {
      globalThis.Date = RealDate;
    }
  });

  // The real thing: a fresh Node process per host TZ. (Jest's process.env is a copy, so setting
  // TZ inside the test process changes nothing.) The control shows the TZ really changed: the
  // package's own API gets 2025-10-09 minus one working day wrong west of UTC.
  it.each([
    ['America/New_York', 240, '2025-09-29'],
    ['Pacific/Kiritimati', -840, '2025-09-30'],
    ['UTC', 0, '2025-09-30'],
  ])('gives the same answers with TZ=%s', (tz, offset, packageAnswer) => {
    const modulePath = join(process.cwd(), 'src/modules/calendar/working-days.ts');
    const script = `
      const m = require(${JSON.stringify(modulePath)});
      const probe = ${probe.toString()};
      const control = require('chinese-days').findWorkday(-1, '2025-10-09');
      console.log(JSON.stringify({ offset: new Date(Date.UTC(2025, 9, 1)).getTimezoneOffset(), control, result: probe(m) }));`;
    const child = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: process.cwd(),
      env: { ...process.env, TZ: tz, TS_NODE_PROJECT: join(process.cwd(), 'tsconfig.json') },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.stderr).toBe('');
    const out = JSON.parse(child.stdout) as { offset: number; control: string; result: unknown };
    expect(out.offset).toBe(offset);
    expect(out.control).toBe(packageAnswer);
    expect(out.result).toEqual(expected);
  }, 30_000);
});
