import { describe, expect, it } from '@jest/globals';
import {
  addDays, businessDateOf, businessInstant, daysBetween, isValidDate, parseQuarter, quarterEnd, quarterOfDate,
} from './business-date';

describe('business dates in Asia/Shanghai', () => {
  it.each([
    ['2026-03-31T15:59:59Z', '2026-03-31'],
    ['2026-03-31T16:00:00Z', '2026-04-01'],
    ['2025-12-31T16:30:00Z', '2026-01-01'],
  ])('instant %s falls on business date %s whatever the host TZ', (instant, date) => {
    expect(businessDateOf(new Date(instant))).toBe(date);
  });

  it('09:00 in Shanghai is 01:00 UTC', () => {
    expect(businessInstant('2025-09-30', 9).toISOString()).toBe('2025-09-30T01:00:00.000Z');
  });

  it.each([
    ['2026-02-28', true], ['2026-02-29', false], ['2024-02-29', true], ['2026-13-01', false], ['2026-6-30', false],
  ])('isValidDate(%s) is %s', (d, ok) => expect(isValidDate(d)).toBe(ok));

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
  });

  it('knows quarters', () => {
    expect(quarterOfDate('2026-04-01')).toEqual({ year: 2026, quarter: 2 });
    expect(quarterEnd({ year: 2026, quarter: 1 })).toBe('2026-03-31');
    expect(parseQuarter('2026Q5')).toBeNull();
    expect(parseQuarter('2026Q3')).toEqual({ year: 2026, quarter: 3 });
  });
});
