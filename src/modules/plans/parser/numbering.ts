/**
 * Reads the numbering token at the start of a line. Official documents nest their numbering in a
 * fixed order (GB/T 9704): 一、 > （一） > 1. > （1） > ①; NUMBERING_KINDS keeps that order.
 */
import { chineseNumeralValue } from '../../../common/text/chinese-numerals.js';
import { asciiDigits } from './plan-text.js';

export type NumberingKind = 'chapter' | 'article' | 'chinese' | 'paren-chinese' | 'arabic' | 'paren-arabic' | 'circled';

/** Shallowest first. 第一章 / 第一部分 head chapters, 第一条 articles; both sit above 一、. */
export const NUMBERING_KINDS: readonly NumberingKind[] = ['chapter', 'article', 'chinese', 'paren-chinese', 'arabic', 'paren-arabic', 'circled'];

export interface Numbering {
  kind: NumberingKind;
  /** As printed, without surrounding spaces: "一、", "(一)", "（1）", "①", "4。". */
  label: string;
  /** The numeral alone: "一", "1", "①". */
  ordinal: string;
  number: number;
  /** The text after the label. */
  rest: string;
}

const CN = '[一二三四五六七八九十百零〇]{1,5}';
// Up to four digits: plans of 1,000 items and more exist at province scale.
const DIGITS = '[0-9０-９]{1,4}';

const CHINESE = new RegExp(`^(${CN})\\s*([、．.])\\s*(.*)$`, 's');
const PAREN_CHINESE = new RegExp(`^([（(])\\s*(${CN})\\s*([）)])\\s*([、．.]?)\\s*(.*)$`, 's');
// "4。" is a real typo for "4." (corpus 16); "1.5%" is a decimal, not an item.
const ARABIC = new RegExp(`^(${DIGITS})\\s*([.．、。])(?![0-9０-９])(\\s*)(.*)$`, 's');
const PAREN_ARABIC = new RegExp(`^([（(])\\s*(${DIGITS})\\s*([）)])\\s*(.*)$`, 's');
const HALF_PAREN_ARABIC = new RegExp(`^(${DIGITS})([)）])\\s*(.*)$`, 's');
const SYMBOL = /^([\u2460-\u2473\u3251-\u325f\u32b1-\u32bf\u2776-\u277f\u2474-\u2487\u2488-\u249b])\s*(.*)$/s;

function symbolValue(c: string): { kind: NumberingKind; number: number } | null {
  const code = c.codePointAt(0) ?? 0;
  if (code >= 0x2460 && code <= 0x2473) return { kind: 'circled', number: code - 0x2460 + 1 }; // ①–⑳
  if (code >= 0x3251 && code <= 0x325f) return { kind: 'circled', number: code - 0x3251 + 21 }; // ㉑–㉟
  if (code >= 0x32b1 && code <= 0x32bf) return { kind: 'circled', number: code - 0x32b1 + 36 }; // ㊱–㊿
  if (code >= 0x2776 && code <= 0x277f) return { kind: 'circled', number: code - 0x2776 + 1 }; // ❶–❿
  if (code >= 0x2474 && code <= 0x2487) return { kind: 'paren-arabic', number: code - 0x2474 + 1 }; // ⑴–⒇
  if (code >= 0x2488 && code <= 0x249b) return { kind: 'arabic', number: code - 0x2488 + 1 }; // ⒈–⒛
  return null;
}

/** "3、5月底前" or "1.2023年" is a wrapped number, not a label; "1. 2023年底前" is a label. */
function restLooksLikeNumber(rest: string, gap: string): boolean {
  return gap === '' && /^[0-9０-９%％]/.test(rest);
}

const ORDINAL_HEADING = new RegExp(`^第\\s*(${CN}|${DIGITS})\\s*(章|部分|篇|编|條|条)\\s*[、．.：:]?\\s*(.*)$`, 's');

/** The numbering at the start of `text` (already cleaned of Markdown), or null. */
export function detectNumbering(text: string): Numbering | null {
  const o = ORDINAL_HEADING.exec(text);
  if (o) {
    const n = /^[0-9０-９]+$/.test(o[1]) ? Number(asciiDigits(o[1])) : chineseNumeralValue(o[1]);
    if (!n) return null;
    const kind: NumberingKind = o[2] === '条' || o[2] === '條' ? 'article' : 'chapter';
    return { kind, label: `第${o[1]}${o[2]}`, ordinal: o[1], number: n, rest: o[3].trim() };
  }
  let m = PAREN_CHINESE.exec(text);
  if (m) {
    const n = chineseNumeralValue(m[2]);
    return n ? { kind: 'paren-chinese', label: `${m[1]}${m[2]}${m[3]}${m[4]}`, ordinal: m[2], number: n, rest: m[5].trim() } : null;
  }
  m = CHINESE.exec(text);
  if (m) {
    const n = chineseNumeralValue(m[1]);
    return n ? { kind: 'chinese', label: `${m[1]}${m[2]}`, ordinal: m[1], number: n, rest: m[3].trim() } : null;
  }
  m = PAREN_ARABIC.exec(text);
  if (m) return arabic('paren-arabic', `${m[1]}${m[2]}${m[3]}`, m[2], m[4]);
  m = HALF_PAREN_ARABIC.exec(text);
  if (m) return arabic('paren-arabic', `${m[1]}${m[2]}`, m[1], m[3]);
  m = ARABIC.exec(text);
  if (m) {
    const [, digits, delimiter, gap, rest] = m;
    if (restLooksLikeNumber(rest, gap)) return null;
    // A full stop as delimiter is only a label when words follow ("4。加强…"), never "共12。".
    if (delimiter === '。' && !/^\p{Script=Han}/u.test(rest)) return null;
    return arabic('arabic', `${digits}${delimiter}`, digits, rest);
  }
  m = SYMBOL.exec(text);
  if (m) {
    const v = symbolValue(m[1]);
    return v ? { kind: v.kind, label: m[1], ordinal: m[1], number: v.number, rest: m[2].trim() } : null;
  }
  return null;
}

function arabic(kind: NumberingKind, label: string, digits: string, rest: string): Numbering | null {
  const number = Number(asciiDigits(digits));
  if (!Number.isInteger(number) || number < 1) return null;
  return { kind, label, ordinal: asciiDigits(digits), number, rest: rest.trim() };
}

export function kindRank(kind: NumberingKind): number {
  return NUMBERING_KINDS.indexOf(kind);
}
