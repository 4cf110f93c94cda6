import { describe, expect, it } from '@jest/globals';
import { chineseNumeral, chineseNumeralValue } from './chinese-numerals';

describe('Chinese numerals', () => {
  it.each([
    ['一', 1], ['九', 9], ['十', 10], ['十二', 12], ['二十', 20], ['二十三', 23], ['一百', 100], ['一百零五', 105], ['十十', null], ['零', null], ['', null], ['一二', null],
  ] as [string, number | null][])('reads %s as %s', (s, n) => {
    expect(chineseNumeralValue(s)).toBe(n);
  });

  it.each([[1, '一'], [3, '三'], [10, '十'], [11, '十一'], [12, '十二'], [20, '二十'], [23, '二十三'], [99, '九十九'], [0, '0'], [100, '100']] as [number, string][])(
    'writes %i as %s', (n, s) => {
      expect(chineseNumeral(n)).toBe(s);
    });

  it('reads back what it writes', () => {
    for (let n = 1; n <= 99; n++) expect(chineseNumeralValue(chineseNumeral(n))).toBe(n);
  });
});
