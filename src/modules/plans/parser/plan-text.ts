/**
 * Character-level helpers of the plan parser: simplified/traditional matching, cleaning one line of
 * plain text or Markdown, sentence ends, joining lines cut by a page break, titles and dates.
 */
import { CHINESE_DIGIT_VALUES, chineseNumeralValue } from '../../../common/text/chinese-numerals.js';

/** Traditional forms of the characters used in the parser's keywords (牵头单位 / 牽頭單位 …). */
const TRADITIONAL: Readonly<Record<string, string>> = {
  责: '責', 单: '單', 头: '頭', 牵: '牽', 门: '門', 时: '時', 领: '領', 导: '導', 协: '協',
  办: '辦', 间: '間', 务: '務', 职: '職', 负: '負', 别: '別', 与: '與', 实: '實', 见: '見',
  计: '計', 划: '劃', 点: '點', 发: '發', 报: '報', 规: '規', 细: '細', 则: '則', 处: '處',
  级: '級', 员: '員', 会: '會', 厅: '廳', 节: '節', 联: '聯', 系: '繫', 参: '參', 党: '黨',
  乡: '鄉', 镇: '鎮', 县: '縣', 区: '區', 体: '體', 关: '關', 长: '長', 进: '進', 达: '達',
  试: '試', 况: '況', 结: '結', 总: '總', 为: '為', 准: '準',
};

/** A regex source matching `word` in simplified or traditional characters. Plain words only. */
export function zh(word: string): string {
  return [...word].map((c) => (TRADITIONAL[c] ? `[${c}${TRADITIONAL[c]}]` : c)).join('');
}

/** A regex source matching any of the words (longest first, so 牵头单位 wins over 牵头). */
export function zhAny(words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length).map(zh).join('|');
}

/** The result of cleaning one source line. */
export interface CleanLine {
  text: string;
  /** A Markdown heading (#) or a bold line: its own text is a title, not a wrapped sentence. */
  styled: boolean;
}

const PAGE_NUMBER = /^[-—–－]\s*\d{1,3}\s*[-—–－]$/;
const PAGE_OF = /^第\s*[0-9]{1,3}\s*页(?:\s*[,，/]?\s*共\s*[0-9]{1,3}\s*页)?$/;
const PAGINATION_TOKEN = /^(?:首页|上一页|下一页|尾页|末页|[0-9]{1,3}|[0-9]{1,3}[、.．]|[<>«»‹›…])$/;

/**
 * Pagination left by a web page or a PDF: "1、 2、 3、", "上一页 1 2 3 下一页", "第 3 页 共 10 页", a
 * bare "12". Checked token by token (a regex with nested repetition would backtrack on long digit runs).
 */
function isPagination(s: string): boolean {
  if (s.length > 80) return false;
  if (PAGE_OF.test(s)) return true;
  const tokens = s.split(/\s+/).filter(Boolean);
  if (tokens.length === 0 || !tokens.every((t) => PAGINATION_TOKEN.test(t))) return false;
  // One "1、" alone may be an item whose text is on the next line; a lone bare number is a page number.
  return tokens.length >= 2 || /^[0-9]{1,3}$/.test(tokens[0]);
}
const PAGE_BREAK_NOTE = /^[（(]\s*(上接|下转|接上|转下|下轉|轉下)第?[^（()）]{0,6}[版页頁]\s*[）)]$/;
const RULE = /^([-*_=＝—])(\s*\1){2,}$/;

/**
 * Strips Markdown and layout artefacts so the numbering and labels can be read at the line start:
 * headings, quotes, bullets, bold, escapes ("1\."), links and a few inline HTML tags.
 */
export function cleanLine(raw: string): CleanLine {
  let s = raw
    .replace(/[\u200b-\u200d\ufeff\u00ad]/g, '')
    .replace(/[\t\u00a0\u3000\u2002-\u200a]/g, ' ')
    .trim()
    .replace(/^(>\s*)+/, '');
  if (s === '' || RULE.test(s) || PAGE_NUMBER.test(s) || PAGE_BREAK_NOTE.test(s) || isPagination(s)) {
    // A horizontal rule (---), a page number (- 3 -) or a page-break note (上接第一版) reads as a blank line.
    return { text: '', styled: false };
  }
  s = stripNavigation(s);
  if (s === '') return { text: '', styled: false };
  let styled = false;
  if (/^#{1,6}(?!#)/.test(s)) {
    styled = true;
    s = stripClosingHashes(s.replace(/^#{1,6}\s*/, ''));
  }
  s = s.replace(/^[-*+]\s+/, '').replace(/^[•●▪◆■◇□○·]\s*/, '');
  if (s.includes('**')) {
    // A line bold from end to end is a styled heading ("**1. 规范行政权力运行**").
    styled ||= /^\*\*.*\*\*$/.test(s);
    s = s.replace(/\*\*/g, '');
  }
  if (s.includes('<')) s = s.replace(/<br\s*\/?>/gi, ' ').replace(/<\/?(?:p|span|strong|b|em|i|u|div|font)(?:\s[^>]{0,200})?>/gi, '');
  if (s.includes('](')) s = s.replace(/\[([^\]]{0,200})\]\([^)\s]{0,500}\)/g, '$1');
  s = s
    .replace(/\\([\\`*_{}[\]()#+\-.!>|。、])/g, '$1')
    .replace(/\\$/, '')
    .trim();
  // Bullets can sit inside the bold markers ("**- 1. …**").
  s = s.replace(/^[-*+]\s+/, '').trim();
  return { text: s, styled };
}

/** A web page's breadcrumb ("您所在的位置：首页 > 政务公开 > 工作报告"), sometimes glued to the title. */
const NAVIGATION_START = /^(?:(?:您所在的位置|您现在的位置|您的位置|当前位置|所在位置)\s*[:：]?|首页\s*(?=[>＞»›→/]))/;
const NAVIGATION_WORDS = /^(?:正文|详情|详细信息|通知公告|公示公告|政策文件|政府文件|部门文件|规划计划|计划规划|计划总结|文件通知|信息公开|政务公开|工作动态)\s*/;

export function stripNavigation(text: string): string {
  if (!NAVIGATION_START.test(text)) return text;
  const segments = text.replace(NAVIGATION_START, '').split(/\s*(?:>>|[>＞»›→/])\s*/);
  let last = (segments[segments.length - 1] ?? '').trim();
  for (let i = 0; i < 3 && NAVIGATION_WORDS.test(last); i++) last = last.replace(NAVIGATION_WORDS, '');
  // What is left of a bare breadcrumb is a category name ("工作报告"), not the document's title.
  return last.length <= 8 ? '' : last;
}

/** "## 标题 ##" → "## 标题" (closing hashes of an ATX heading); no regex, so no backtracking. */
function stripClosingHashes(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === '#') end--;
  return end < s.length && end > 0 && /\s/.test(s[end - 1]) ? s.slice(0, end).trimEnd() : s;
}

/**
 * The last characters of a text. End-anchored regexes scan the whole string in V8, and paragraphs
 * grow line by line, so every "how does it end" test looks at the tail only.
 */
export function tail(text: string, length = 64): string {
  return text.length > length ? text.slice(-length) : text;
}

/** Sentence-final punctuation, possibly followed by closing quotes or brackets ("。”", "。）"). */
const SENTENCE_END = /[。；;！？!?：:]["'”’」』）)\]】〕》]*$/;

export function endsSentence(text: string): boolean {
  return SENTENCE_END.test(tail(text));
}

/** A unit list that goes on to the next line ("责任单位：区发改局、"). */
export function endsWithListSeparator(text: string): boolean {
  return /[、，,：:]$/.test(tail(text, 2));
}

/** Drops the given characters (and spaces) from the end, without a backtracking regex. */
export function trimEndOf(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && (chars.includes(text[end - 1]) || /\s/.test(text[end - 1]))) end--;
  return text.slice(0, end);
}

const OPENERS = '（(〔【[［';
const CLOSERS = '）)〕】]］';

/** Unit notes are short; looking further back for an opening bracket only costs time. */
const MAX_BRACKET_SPAN = 400;

/** The index of the bracket opening the one that closes at `end`, or -1 (any bracket pair nests). */
export function matchingOpen(text: string, end: number): number {
  if (!CLOSERS.includes(text[end] ?? '')) return -1;
  let depth = 0;
  for (let i = end; i >= 0 && i > end - MAX_BRACKET_SPAN; i--) {
    const c = text[i];
    if (CLOSERS.includes(c)) depth++;
    else if (OPENERS.includes(c)) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** More opening than closing brackets: the text stops inside a parenthesis. */
export function hasUnclosedBracket(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (OPENERS.includes(c)) depth++;
    else if (CLOSERS.includes(c) && depth > 0) depth--;
  }
  return depth > 0;
}

export function endsWithClosedBracket(text: string): boolean {
  return text.length > 0 && CLOSERS.includes(text[text.length - 1]) && !hasUnclosedBracket(text);
}

export function endsWithCloser(text: string): boolean {
  return text.length > 0 && CLOSERS.includes(text[text.length - 1]);
}

/** What goes between two pieces of one sentence: nothing between CJK characters, a space between Latin words. */
export function joiner(a: string, b: string): string {
  return /[A-Za-z0-9]/.test(a.slice(-1)) && /[A-Za-z0-9]/.test(b.slice(0, 1)) ? ' ' : '';
}

export function joinFragments(a: string, b: string): string {
  return `${a}${joiner(a, b)}${b}`;
}

const WIDE = '[\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef“”‘’《》〔〕【】…—]';
const SPACE_NEAR_WIDE = new RegExp(`\\s+(?=${WIDE})|(?<=${WIDE})\\s+`, 'gu');

/** Removes the spaces a layout left between CJK characters or digits ("惠济区 2016 年" → "惠济区2016年"). */
export function tidySpaces(text: string): string {
  return text.replace(/\s+/g, ' ').replace(SPACE_NEAR_WIDE, '').trim();
}

const MAX_TITLE = 200;

/** A display title: tidy spaces, no trailing comma or colon, capped (the column holds 500). */
export function toTitle(text: string): string {
  const t = trimEndOf(tidySpaces(text), '，,、；;：:');
  return t.length > MAX_TITLE ? `${t.slice(0, MAX_TITLE - 1)}…` : t;
}

/** "２０２３" → "2023" */
export function asciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));
}

/** A year written digit by digit: "二〇一六" → 2016. */
function spelledYear(s: string): number | null {
  if (!/^[〇零Ｏ○O一二三四五六七八九]{4}$/.test(s)) return null;
  return Number([...s].map((c) => CHINESE_DIGIT_VALUES[c === '○' ? '〇' : c]).join(''));
}

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1949 || year > 2199 || month < 1 || month > 12 || day < 1) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const ARABIC_DATE = /^([0-9０-９]{4})\s*年\s*([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*日/;
const SPELLED_DATE = /^([〇零Ｏ○O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/;
const NUMERIC_DATE = /^([0-9]{4})[-./]([0-9]{1,2})[-./]([0-9]{1,2})/;

/** Reads a date at the start of `text` (2016年5月15日 / 二〇一六年五月十五日 / 2016-05-15) as YYYY-MM-DD. */
export function parseLeadingDate(text: string): { iso: string; length: number } | null {
  const a = ARABIC_DATE.exec(text) ?? NUMERIC_DATE.exec(text);
  if (a) {
    const iso = isoDate(Number(asciiDigits(a[1])), Number(asciiDigits(a[2])), Number(asciiDigits(a[3])));
    return iso ? { iso, length: a[0].length } : null;
  }
  const s = SPELLED_DATE.exec(text);
  if (s) {
    const year = spelledYear(s[1]);
    const month = chineseNumeralValue(s[2]);
    const day = chineseNumeralValue(s[3]);
    const iso = year && month && day ? isoDate(year, month, day) : null;
    return iso ? { iso, length: s[0].length } : null;
  }
  return null;
}

/** A line that is only a date, e.g. the notice's signing date "2016年5月15日". */
export function dateLine(text: string): string | null {
  const d = parseLeadingDate(text);
  return d && text.slice(d.length).trim() === '' ? d.iso : null;
}
