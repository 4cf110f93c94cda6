// 完成时限 as written in plans and assignment sheets ("6月底前", "第二季度", "2026年6月30日") → a
// calendar date 'YYYY-MM-DD', resolved against the plan's year. Pure; never throws.
import { CHINESE_DIGIT_VALUES, chineseNumeralValue } from '../../common/text/chinese-numerals';
import { formatDate, isValidDate, lastDayOfMonth, quarterEnd } from '../../common/time/business-date';

export type DueTextResult = { ok: true; date: string } | { ok: false; message: string };

/** The forms to suggest when a 完成时限 cannot be read. */
export const DUE_TEXT_EXAMPLES = '2026-06-30、6月底、年底、第二季度';

/** An explicit year may be the plan's year or up to this many years later ("2027年3月底前"). */
export const MAX_YEARS_AFTER_PLAN = 5;

/** '6', '06', '六', '十', '十二', '二十', '三十一' → number; NaN otherwise. */
function readNumber(token: string): number {
  if (/^\d+$/.test(token)) return Number(token);
  return chineseNumeralValue(token) ?? NaN;
}

/** '2026' or '二〇二六' → 2026; NaN otherwise. */
function readYear(token: string): number {
  if (/^\d{4}$/.test(token)) return Number(token);
  if (!/^[〇零一二三四五六七八九]{4}$/.test(token)) return NaN;
  return Number([...token].map((c) => CHINESE_DIGIT_VALUES[c]).join(''));
}

const NUM = '(\\d{1,2}|[一二三四五六七八九十]{1,3})';
const YEAR_PREFIX = /^(?:(\d{4}|[〇零一二三四五六七八九]{4})年度?|([本今])年度?)/;
const NUMERIC_DATE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:T?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const NUMERIC_MONTH = /^(\d{4})[-/.](\d{1,2})$/;
const MONTH_DAY = new RegExp(`^${NUM}月${NUM}[日号]?$`);
const MONTH_END = new RegExp(`^${NUM}月份?(?:底|末|内)?$`);
const QUARTER = /^第?([一二三四1-4])季度(?:末|底|内)?$/;
const Q_FORM = /^Q([1-4])(?:末|底)?$/;
const YEAR_Q_FORM = /^(\d{4})-?Q([1-4])(?:末|底)?$/;
const HALF = /^([上下])半年(?:末|底)?$/;
const YEAR_END_BARE = /^(?:年底|年末|年终|年内|全年)$/;
const YEAR_END_AFTER_PREFIX = /^(?:年?底|年?末|年?终|内|全年)$/;

type Parsed = { year: number | null; date: (year: number) => string | null } | null;

function parseNormalised(s: string): Parsed {
  let m = NUMERIC_DATE.exec(s) ?? COMPACT_DATE.exec(s);
  if (m) {
    const [y, mo, d] = m.length === 5 ? [m[1], m[3], m[4]] : [m[1], m[2], m[3]];
    return { year: Number(y), date: (year) => day(year, Number(mo), Number(d)) };
  }
  if ((m = NUMERIC_MONTH.exec(s))) {
    const mo = Number(m[2]);
    return { year: Number(m[1]), date: (year) => monthEnd(year, mo) };
  }
  if ((m = YEAR_Q_FORM.exec(s))) {
    const q = Number(m[2]) as 1 | 2 | 3 | 4;
    return { year: Number(m[1]), date: (year) => quarterEnd({ year, quarter: q }) };
  }

  // Optional year prefix: "2026年", "二〇二六年", "本年", "今年度".
  let year: number | null = null;
  let prefixed = false;
  const p = YEAR_PREFIX.exec(s);
  if (p) {
    prefixed = true;
    year = p[1] ? readYear(p[1]) : null;
    s = s.slice(p[0].length);
    if (s === '') return null; // "2026年" alone says nothing about when in the year
  }

  if (YEAR_END_BARE.test(s) || (prefixed && YEAR_END_AFTER_PREFIX.test(s))) {
    return { year, date: (y) => formatDate(y, 12, 31) };
  }
  if ((m = MONTH_DAY.exec(s))) {
    const mo = readNumber(m[1]);
    const d = readNumber(m[2]);
    return { year, date: (y) => day(y, mo, d) };
  }
  if ((m = MONTH_END.exec(s))) {
    const mo = readNumber(m[1]);
    return { year, date: (y) => monthEnd(y, mo) };
  }
  if ((m = QUARTER.exec(s) ?? Q_FORM.exec(s))) {
    const q = readNumber(m[1]) as 1 | 2 | 3 | 4;
    return { year, date: (y) => quarterEnd({ year: y, quarter: q }) };
  }
  if ((m = HALF.exec(s))) {
    const month = m[1] === '上' ? 6 : 12;
    return { year, date: (y) => monthEnd(y, month) };
  }
  return null;
}

function day(year: number, month: number, dayOfMonth: number): string | null {
  if (!Number.isInteger(month) || !Number.isInteger(dayOfMonth)) return null;
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > 31) return null;
  const date = formatDate(year, month, dayOfMonth);
  return isValidDate(date) ? date : null;
}

function monthEnd(year: number, month: number): string | null {
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  return lastDayOfMonth(year, month);
}

/** Full-width → half-width, no spaces, upper case, and without "前/之前/以前", "完成", "于/截至". */
function normalise(text: string): string {
  let s = text.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  s = s.replace(/[。.;；,，、!！]+$/, '');
  s = s.replace(/^(?:于|在|截至|截止(?:到|至)?)/, '');
  s = s.replace(/(?:完成|办结)$/, '');
  s = s.replace(/(?:之前|以前|前)$/, '');
  return s;
}

function quote(text: string): string {
  const t = text.trim();
  return t.length > 30 ? `${t.slice(0, 30)}…` : t;
}

/**
 * Reads a 完成时限 against the plan's year. Accepts dates (2026-06-30, 2026/6/30, 2026.6.30,
 * 2026年6月30日, 6月30日), months (2026年6月, 6月, 6月底/末 → last day), year ends (年底, 年末,
 * 本年底, 2026年底, 全年 → 12-31), quarters (第二季度, 二季度末, 第2季度, Q2 → quarter end) and halves
 * (上半年 → 06-30, 下半年 → 12-31), in full- or half-width characters, optionally followed by
 * 前/之前/以前 (and 完成). Anything else is refused with a Chinese message quoting the text.
 */
export function parseDueText(text: string, planYear: number): DueTextResult {
  try {
    const raw = text === null || text === undefined ? '' : String(text);
    if (!Number.isInteger(planYear) || planYear < 1000 || planYear > 9999) {
      return { ok: false, message: `计划年度「${String(planYear)}」无效，无法确定完成时限「${quote(raw)}」` };
    }
    const s = normalise(raw);
    if (s === '') {
      return { ok: false, message: `完成时限为空，请填写如 ${DUE_TEXT_EXAMPLES}` };
    }
    const parsed = parseNormalised(s);
    if (!parsed) {
      return { ok: false, message: `无法识别的完成时限「${quote(raw)}」，请填写如 ${DUE_TEXT_EXAMPLES}` };
    }
    const year = parsed.year ?? planYear;
    if (!Number.isInteger(year)) {
      return { ok: false, message: `无法识别的完成时限「${quote(raw)}」，请填写如 ${DUE_TEXT_EXAMPLES}` };
    }
    const date = parsed.date(year);
    if (!date) {
      return { ok: false, message: `完成时限「${quote(raw)}」不是有效日期，请填写如 ${DUE_TEXT_EXAMPLES}` };
    }
    if (year < planYear) {
      return { ok: false, message: `完成时限「${quote(raw)}」早于计划年度 ${planYear} 年` };
    }
    if (year > planYear + MAX_YEARS_AFTER_PLAN) {
      return {
        ok: false,
        message: `完成时限「${quote(raw)}」晚于计划年度 ${planYear} 年超过 ${MAX_YEARS_AFTER_PLAN} 年，请核对年份`,
      };
    }
    return { ok: true, date };
  } catch {
    return { ok: false, message: `无法识别的完成时限，请填写如 ${DUE_TEXT_EXAMPLES}` };
  }
}
