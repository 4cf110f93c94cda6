import { describe, expect, it } from '@jest/globals';
import type { Indicator } from './indicator.entity';
import { canonicalOf, findByName, initialKind, valueProblem } from './indicator-kinds';

const ind = (id: string, name: string, extra: Partial<Indicator> = {}): Indicator => ({
  id, planId: 'p', name, unit: '件', kind: 'count', aliases: [], status: 'confirmed', mergedInto: null, proposedBy: null,
  createdAt: '', updatedAt: '', ...extra,
});

describe('the indicator catalogue', () => {
  const catalogue = [
    ind('a', '行政复议受理数', { aliases: ['受理行政复议案件'] }),
    ind('b', '复议案件受理量', { status: 'merged', mergedInto: 'a' }),
    ind('c', '调解成功率', { kind: 'rate', unit: '%' }),
  ];

  it('finds an indicator by name or alias, ignoring spaces, and follows merges', () => {
    expect(findByName(' 受理 行政复议案件', catalogue)?.id).toBe('a');
    expect(findByName('复议案件受理量', catalogue)?.id).toBe('a');
    expect(findByName('调解成功率', catalogue)?.id).toBe('c');
    expect(findByName('新指标', catalogue)).toBeUndefined();
    expect(canonicalOf('b', new Map(catalogue.map((i) => [i.id, i])))?.id).toBe('a');
  });

  it.each([
    ['调解成功率', '%', 'rate'], ['办结率', '', 'rate'], ['审核规范性文件', '件', 'count'], ['覆盖面', '％', 'rate'],
  ] as const)('starts a proposed %s (%s) as %s', (name, unit, kind) => {
    expect(initialKind(name, unit)).toBe(kind);
  });

  it.each([
    // kind, value, numerator, denominator → field with a problem, or null
    ['rate', 100, undefined, undefined, null],
    ['rate', 100.5, undefined, undefined, 'value'],
    ['rate', -1, undefined, undefined, 'value'],
    ['rate', 90, 45, 50, null],
    ['rate', 90, 60, 50, 'numerator'],
    ['rate', 90, 45, undefined, 'denominator'],
    ['count', -3, undefined, undefined, 'value'],
    ['count', 'many', undefined, undefined, 'value'],
    ['count', 3, 1, 2, 'numerator'],
    ['cumulative', 19, undefined, undefined, null],
    ['text', '首创复议调解', undefined, undefined, null],
    ['text', '  ', undefined, undefined, 'value'],
  ] as const)('a %s figure of %s (%s/%s) → problem with %s', (kind, value, numerator, denominator, field) => {
    const problem = valueProblem({ name: '指标', kind }, { value, numerator, denominator });
    expect(problem?.field ?? null).toBe(field);
  });

  it('says in Chinese what is wrong with a value', () => {
    expect(valueProblem({ name: '调解成功率', kind: 'rate' }, { value: 120 })?.message).toBe('「调解成功率」是比率指标，取值应在 0 到 100 之间（收到 120）');
    expect(valueProblem({ name: '受理数', kind: 'count' }, { value: -1 })?.message).toBe('「受理数」是计数指标，不能为负数（收到 -1）');
  });
});
