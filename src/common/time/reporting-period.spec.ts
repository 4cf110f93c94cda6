import { describe, expect, it } from '@jest/globals';
import { WorkingDayCalendar } from '../../modules/calendar/working-days';
import { defaultPeriod, isPlanPeriod, parsePeriod, quarterCloseDay, reportingWindowEnd } from './reporting-period';

const policy = { reportingWindowDay: 10, closeAfterWorkingDays: 3 };
const cal = new WorkingDayCalendar();

describe('reporting periods', () => {
  it.each([
    // filed on → counts for
    ['2026-04-08', '2026Q1'], // Q1's window is open through 04-10
    ['2026-04-10', '2026Q1'],
    ['2026-04-11', '2026Q2'],
    ['2026-03-31', '2026Q1'],
    ['2027-01-08', '2026Q4'], // Q4 supplements in January belong to Q4
    ['2027-01-11', '2027Q1'],
    ['2026-05-20', '2026Q2'],
  ])('an entry filed on %s counts for %s by default', (today, period) => {
    const q = defaultPeriod(today, policy);
    expect(`${q.year}Q${q.quarter}`).toBe(period);
  });

  it('follows the plan’s window day', () => {
    expect(defaultPeriod('2026-04-12', { reportingWindowDay: 15 })).toEqual({ year: 2026, quarter: 1 });
    expect(reportingWindowEnd({ year: 2026, quarter: 4 }, { reportingWindowDay: 15 })).toBe('2027-01-15');
  });

  it.each([
    // quarter, close day (the day after window end + 3 working days, holidays and 调休 counted)
    [{ year: 2026, quarter: 1 as const }, '2026-04-16'], // Fri 04-10 → Mon, Tue, Wed
    [{ year: 2026, quarter: 2 as const }, '2026-07-16'],
    [{ year: 2026, quarter: 3 as const }, '2026-10-15'], // Sat 10-10 → Mon 12, Tue 13, Wed 14
  ])('closes %o on %s, never on the 1st', (q, day) => {
    expect(quarterCloseDay(q, policy, cal)).toBe(day);
  });

  it('parses quarters and the year; a plan admits its year and the next one’s quarters', () => {
    expect(parsePeriod('2026Q1')).toEqual({ kind: 'quarter', year: 2026, quarter: 1 });
    expect(parsePeriod('2026')).toEqual({ kind: 'year', year: 2026 });
    for (const bad of ['2026Q5', '2026-Q1', 'Q1', '26']) expect(parsePeriod(bad)).toBeNull();
    expect(isPlanPeriod(2026, parsePeriod('2027Q1')!)).toBe(true);
    expect(isPlanPeriod(2026, parsePeriod('2028Q1')!)).toBe(false);
    expect(isPlanPeriod(2026, parsePeriod('2025Q4')!)).toBe(false);
    expect(isPlanPeriod(2026, parsePeriod('2027')!)).toBe(false);
  });
});
