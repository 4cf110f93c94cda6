// Chinese numerals as plans, sheets and reports write them: 一 … 九十九 (and up to 一百零五 when read).

/** Value of each digit character, 〇/零 (and the look-alikes Ｏ/O seen in OCR'd years) through 九. */
export const CHINESE_DIGIT_VALUES: Readonly<Record<string, number>> = {
  〇: 0, 零: 0, Ｏ: 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 3 → 三, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; other numbers stay in Arabic digits. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : DIGITS[tens]}十${DIGITS[n % 10]}`;
}

/** 一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105; null when not a well-formed numeral. */
export function chineseNumeralValue(s: string): number | null {
  const m = /^(?:([一二三四五六七八九])?百)?零?(?:([一二三四五六七八九])?(十))?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '' || s === '零') return null;
  const hundreds = s.includes('百') ? CHINESE_DIGIT_VALUES[m[1] ?? '一'] : 0;
  const tens = m[3] ? CHINESE_DIGIT_VALUES[m[2] ?? '一'] : 0;
  const ones = m[4] ? CHINESE_DIGIT_VALUES[m[4]] : 0;
  const value = hundreds * 100 + tens * 10 + ones;
  return value > 0 ? value : null;
}
