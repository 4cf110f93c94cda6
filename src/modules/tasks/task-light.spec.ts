import { describe, expect, it } from '@jest/globals';
import { computeLight, dayNumber, LightInput, lightContext, reportingPeriodStart } from './task-light';

const thresholds = { dueSoonDays: 7, behindSchedulePoints: 20 };

function task(overrides: Partial<LightInput> & { startDate?: string; dueDate?: string } = {}): LightInput {
  const startDate = overrides.startDate ?? '2026-01-01';
  const dueDate = overrides.dueDate ?? '2026-12-31';
  return {
    status: 'in_progress', percent: 0, pendingExtension: false, lastReportedOn: null,
    ...overrides, startDate, dueDate, startDay: dayNumber(startDate), dueDay: dayNumber(dueDate),
  };
}

describe('task light', () => {
  it('counts days without the host time zone', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2026-12-31') - dayNumber('2026-01-01')).toBe(364);
  });

  it.each([
    ['2026-04-10', '2026-01-01'], // by the 10th the previous quarter's reports still count
    ['2026-04-11', '2026-04-01'],
    ['2026-01-05', '2025-10-01'],
    ['2026-12-31', '2026-10-01'],
  ])('on %s the reporting period starts %s', (today, start) => expect(reportingPeriodStart(today)).toBe(start));

  it.each<[string, Partial<LightInput> & { startDate?: string; dueDate?: string }, string, string]>([
    ['done is green even after the due date', { status: 'completed', dueDate: '2026-03-31' }, '2026-06-01', 'green'],
    ['overdue and unfinished is red', { dueDate: '2026-03-31', percent: 90, lastReportedOn: '2026-03-30' }, '2026-04-01', 'red'],
    ['due today is not yet overdue', { dueDate: '2026-04-01', percent: 100, lastReportedOn: '2026-04-01' }, '2026-04-01', 'green'],
    ['a pending extension is yellow', { pendingExtension: true, percent: 50, lastReportedOn: '2026-02-01' }, '2026-02-15', 'yellow'],
    ['on schedule is green', { percent: 50, lastReportedOn: '2026-06-20' }, '2026-06-30', 'green'],
    ['trailing 序时进度 by more than 20 points is yellow', { percent: 25, lastReportedOn: '2026-06-20' }, '2026-06-30', 'yellow'],
    ['trailing by less than 20 points is green', { percent: 35, lastReportedOn: '2026-06-20' }, '2026-06-30', 'green'],
    ['due within 7 days and behind at all is yellow', { dueDate: '2026-07-05', startDate: '2026-06-01', percent: 80, lastReportedOn: '2026-06-29' }, '2026-06-30', 'yellow'],
    ['due within 7 days and on schedule is green', { dueDate: '2026-07-05', startDate: '2026-06-01', percent: 90, lastReportedOn: '2026-06-29' }, '2026-06-30', 'green'],
    ['no report in the current period is yellow', { percent: 60, lastReportedOn: '2026-03-20' }, '2026-04-15', 'yellow'],
    ['within the 10-day window last quarter’s report still counts', { percent: 30, lastReportedOn: '2026-03-20' }, '2026-04-08', 'green'],
    ['a task started this period needs no report yet', { startDate: '2026-04-12', percent: 0 }, '2026-04-15', 'green'],
  ])('%s', (_name, t, today, expected) => {
    expect(computeLight(task(t), lightContext(today, thresholds))).toBe(expected);
  });

  it('takes its thresholds from configuration', () => {
    const t = task({ percent: 25, lastReportedOn: '2026-06-20' });
    expect(computeLight(t, lightContext('2026-06-30', { dueSoonDays: 7, behindSchedulePoints: 30 }))).toBe('green');
  });
});
