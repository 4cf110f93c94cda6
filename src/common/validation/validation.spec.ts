import { describe, expect, it } from '@jest/globals';
import { jsonTooDeep } from '../http/json-depth';
import { isCalendarDate, planDateProblem } from './calendar-date';
import { cleanStrings, stripInvisible } from './text';

describe('the one date rule', () => {
  it.each([
    ['2026-06-30', true], ['2000-01-01', true], ['2100-12-31', true], ['9999-12-31', false], ['1999-12-31', false],
    ['2026-02-30', false], ['2026-6-30', false], ['+02026-06-30', false], [20260630, false], [null, false],
  ])('%p is a usable calendar date: %p', (value, ok) => {
    expect(isCalendarDate(value)).toBe(ok);
  });

  it('bounds task dates to plan year − 1 … plan year + 5', () => {
    expect(planDateProblem('2025-01-01', 2026)).toBeNull();
    expect(planDateProblem('2031-12-31', 2026)).toBeNull();
    expect(planDateProblem('2032-01-01', 2026)).toContain('2025–2031');
    expect(planDateProblem('2024-12-31', 2026)).toContain('2025–2031');
    expect(planDateProblem('9999-12-31', 2026)).toContain('2000–2100');
  });
});

describe('text cleaning', () => {
  it('removes zero-width and bidirectional control characters', () => {
    expect(stripInvisible('区\u200b司法局')).toBe('区司法局');
    expect(stripInvisible('\u202e区司法局\u202c')).toBe('区司法局');
    expect(stripInvisible('\ufeff区司法局')).toBe('区司法局');
  });

  it('keeps Chinese full-width punctuation as typed (NFC, not NFKC)', () => {
    expect(stripInvisible('已完成（第一阶段），共 3 件')).toBe('已完成（第一阶段），共 3 件');
  });

  it('names the first field holding a control character, in nested bodies', () => {
    expect(cleanStrings({ figures: [{ unit: '件' }, { unit: 'a\u0000b' }] }).problem).toEqual({ path: 'figures[1].unit', message: expect.stringContaining('控制字符') });
    expect(cleanStrings({ narrative: '第一行\n第二行\t完' }).problem).toBeNull();
  });

  it('never rewrites passwords', () => {
    const body = { password: 'pass\u200bword-123' };
    cleanStrings(body);
    expect(body.password).toBe('pass\u200bword-123');
  });
});

describe('JSON depth', () => {
  it('finds nesting beyond the limit without parsing, ignoring brackets inside strings', () => {
    expect(jsonTooDeep('['.repeat(10_000) + ']'.repeat(10_000))).toBe(true);
    expect(jsonTooDeep('{"a":[{"b":[1,2]}]}')).toBe(false);
    expect(jsonTooDeep(JSON.stringify({ text: '['.repeat(1000) }))).toBe(false);
    expect(jsonTooDeep(JSON.stringify({ text: '\\"[[[[' }))).toBe(false);
  });
});
