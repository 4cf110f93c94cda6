/**
 * Reads the plan's particulars from the text before the first work point (the red-header 文件 line,
 * 文号, the 通知 and its date, the plan's own title) and from the footer (主办 / 督办).
 */
import { isOrganisationLine, type SourceLine } from './plan-lines.js';
import type { ParsedPlanMeta } from './plan-parser.types.js';
import { asciiDigits, dateLine, endsSentence, parseLeadingDate, tidySpaces, trimEndOf, zh, zhAny } from './plan-text.js';

/** A 文号: "惠政文〔2016〕35号" (also 號, other brackets, "第35号"). */
const DOC_NUMBER_CORE = '([\\p{Script=Han}]{1,12}\\s*[〔［[【(（]\\s*([0-9０-９]{4})\\s*[〕］\\]】)）]\\s*第?\\s*[0-9０-９]{1,5}\\s*[号號])';
/** At the start of a line, or after a label ("文号：", "发文字号：") anywhere in it (a web page's info table). */
const DOC_NUMBER = new RegExp(`^(?:(?:${zhAny(['发文字号', '文号', '发文号'])}|文\\s+号)\\s*[:：]\\s*)?${DOC_NUMBER_CORE}`, 'u');
const LABELLED_DOC_NUMBER = new RegExp(`(?:${zhAny(['发文字号', '文号', '发文号'])}|文\\s+号)\\s*[:：]\\s*${DOC_NUMBER_CORE}`, 'u');
/** In parentheses after the notice's title: "关于印发…的通知（某政发〔2023〕12号）". */
const PARENTHESISED_DOC_NUMBER = new RegExp(`[（(]\\s*${DOC_NUMBER_CORE}\\s*[）)]\\s*$`, 'u');
const FILE_HEADING = new RegExp(`^(.{2,40}?)\\s*${zh('文件')}$`);
const NOTICE_TITLE = new RegExp(`${zh('关于')}.*${zh('通知')}`);
const NOTICE_END = new RegExp(`${zh('通知')}$`);
const PLAN_KIND = zhAny([
  '工作要点', '要点', '工作安排', '工作计划', '计划', '实施方案', '方案', '若干措施', '措施', '实施意见', '意见',
  '任务分工', '分工', '责任清单', '清单', '分解表', '分工表', '任务表', '责任表', '一览表', '台账', '考核指标', '指标', '评分细则', '工作报告', '情况报告', '报告', '规划', '办法', '细则', '任务', '目标',
]);
/** A plan title ends with its kind, maybe followed by （试行） / （征求意见稿） / （2021－2025年）. */
const PLAN_TITLE = new RegExp(`(?:${PLAN_KIND})(?:[（(][^（()）]{1,14}[）)])?$`);
const LEAD_OFFICE = new RegExp(`^${zh('主办')}(?:${zh('单位')})?\\s*[:：]\\s*(.+)$`);
const SUPERVISING_OFFICE = new RegExp(`^${zh('督办')}(?:${zh('单位')})?\\s*[:：]\\s*(.+)$`);
const YEAR_IN_TEXT = /((?:19|20)[0-9]{2})\s*年/;
const PLAN_YEAR_IN_PROSE = new RegExp(`((?:19|20)[0-9]{2})\\s*年度?[^。，,]{0,20}?(?:${zhAny(['工作要点', '工作安排', '工作计划', '实施方案'])})`);

function unwrapTitle(text: string): string {
  return tidySpaces(text.replace(/^《(.*)》$/, '$1'));
}

/** A title line: no sentence punctuation, not a date, 文号, 通知 or organisation line. */
function isTitleFragment(line: SourceLine): boolean {
  const t = line.text;
  return (
    line.kind === 'text' &&
    t.length <= 60 &&
    /\p{Script=Han}{2}/u.test(t) &&
    !/[。；;：:，,！？!?]/.test(t) &&
    !/^[（(]/.test(t) &&
    dateLine(t) === null &&
    !DOC_NUMBER.test(t) &&
    !isOrganisationLine(t) &&
    !FILE_HEADING.test(t) &&
    !NOTICE_END.test(t)
  );
}

/**
 * The document's own title (not the 通知's): the last title line before the first work point,
 * joined with the fragment lines above it when the layout wrapped it ("…重点工作\n任务分解和责任分工方案").
 */
function findOwnTitle(preamble: readonly SourceLine[]): string | null {
  for (let i = preamble.length - 1; i >= 0; i--) {
    const line = preamble[i];
    if (!isTitleFragment(line) || !PLAN_TITLE.test(line.text) || NOTICE_TITLE.test(line.text)) continue;
    const parts = [line.text];
    for (let j = i - 1; j >= 0 && parts.length < 3; j--) {
      const above = preamble[j];
      if (above.kind === 'blank') continue;
      // A wrapped title's first part is a real phrase; a short line above ("通知公告") is page chrome.
      if (!isTitleFragment(above) || above.text.length < 6 || PLAN_TITLE.test(above.text) || NOTICE_TITLE.test(above.text)) break;
      parts.unshift(above.text);
    }
    return unwrapTitle(parts.join(''));
  }
  return null;
}

/** Fallback: the 《…》 named in "关于印发《…》的通知". */
function titleFromNotice(preamble: readonly SourceLine[]): string | null {
  for (const line of preamble) {
    const m = /《([^《》]{4,80})》/.exec(line.text);
    if (m && PLAN_TITLE.test(m[1].trim())) return unwrapTitle(m[1]);
  }
  return null;
}

/** "某县人民政府办公室  发布时间：2024-03-05  浏览次数：128" → the organisation, without the page's chrome. */
const WEB_TAIL = new RegExp(`\\s*(?:${zhAny(['发布时间', '发布日期', '更新时间', '时间', '日期', '来源', '浏览次数', '阅读次数', '点击数', '点击量', '字号', '打印', '关闭', '分享到', '作者'])})\\s*[:：].*$|\\s+[0-9]{4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?(?:\\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?\\s*$`);
const LABELLED_ISSUER = new RegExp(`(?:${zhAny(['发布机构', '发文机关', '发文单位', '成文单位', '发布单位', '发文机构'])})\\s*[:：]\\s*([\\p{Script=Han}（）()]{2,40})`, 'u');
const LABELLED_DATE = new RegExp(`(?:${zhAny(['成文日期', '发文日期', '印发日期', '发布日期'])})\\s*[:：]\\s*(\\S+)`);

export function stripWebTail(text: string): string {
  return text.replace(WEB_TAIL, '').trim();
}

/**
 * The issuer: the red header "…人民政府文件", else the signature above the notice date, else the
 * organ before "关于印发…的通知" (on the same line or the line above).
 */
function findIssuer(preamble: readonly SourceLine[]): string | null {
  const texts = preamble.filter((l) => l.kind !== 'blank');
  for (const line of texts) {
    const m = FILE_HEADING.exec(line.text);
    if (m && isOrganisationLine(tidySpaces(m[1]))) return tidySpaces(m[1]);
  }
  for (let i = 1; i < texts.length; i++) {
    if (dateLine(texts[i].text) && isOrganisationLine(stripWebTail(texts[i - 1].text))) return stripWebTail(texts[i - 1].text);
  }
  for (const line of texts) {
    const m = LABELLED_ISSUER.exec(line.text);
    if (m && isOrganisationLine(m[1])) return m[1];
  }
  for (let i = 0; i < texts.length; i++) {
    const at = texts[i].text.search(new RegExp(zh('关于')));
    if (at < 0 || endsSentence(texts[i].text)) continue;
    const before = tidySpaces(texts[i].text.slice(0, at).replace(DOC_NUMBER, ''));
    if (before && isOrganisationLine(before)) return before;
    if (at === 0 && i > 0 && isOrganisationLine(texts[i - 1].text)) return texts[i - 1].text;
  }
  return null;
}

function firstMatch(lines: readonly SourceLine[], pattern: RegExp): string | null {
  for (const line of lines) {
    const m = pattern.exec(line.text);
    if (m) return tidySpaces(trimEndOf(m[1], '。；;，,')) || null;
  }
  return null;
}

function issueDate(preamble: readonly SourceLine[], footer: readonly SourceLine[]): string | null {
  for (const line of preamble) {
    const iso = dateLine(line.text);
    if (iso) return iso;
  }
  for (const line of preamble) {
    const m = LABELLED_DATE.exec(line.text);
    const iso = m ? parseLeadingDate(m[1])?.iso : null;
    if (iso) return iso;
  }
  // "2016年5月15日印发" in the footer.
  for (const line of footer) {
    const iso = dateLine(line.text.replace(new RegExp(`\\s*${zh('印发')}$`), '').replace(/^.*?(?=[0-9０-９]{4}\s*年)/, ''));
    if (iso) return iso;
  }
  return null;
}

function findYear(title: string | null, docYear: string | null, issuedOn: string | null, preamble: readonly SourceLine[]): number | null {
  const fromTitle = title ? YEAR_IN_TEXT.exec(title) : null;
  if (fromTitle) return Number(fromTitle[1]);
  for (const line of preamble) {
    const m = PLAN_YEAR_IN_PROSE.exec(line.text);
    if (m) return Number(m[1]);
  }
  if (docYear) return Number(asciiDigits(docYear));
  return issuedOn ? Number(issuedOn.slice(0, 4)) : null;
}

/** The 文号: labelled, else opening a line, else in parentheses closing a title line (not one cited in prose). */
function findDocNumber(preamble: readonly SourceLine[]): RegExpExecArray | null {
  const texts = preamble.filter((l) => l.kind !== 'blank').map((l) => l.text);
  for (const t of texts) {
    const m = LABELLED_DOC_NUMBER.exec(t);
    if (m) return m;
  }
  for (const t of texts) {
    const m = DOC_NUMBER.exec(t);
    if (m) return m;
  }
  for (const t of texts) {
    const m = PARENTHESISED_DOC_NUMBER.exec(t);
    if (m && !endsSentence(t.slice(0, m.index)) && new RegExp(`${zh('通知')}|${zh('意见')}|${zh('方案')}|${zh('要点')}|${zh('决定')}`).test(t.slice(0, m.index))) return m;
  }
  return null;
}

export function extractPlanMeta(lines: readonly SourceLine[], bodyStart: number): ParsedPlanMeta {
  const preamble = lines.slice(0, bodyStart);
  const footer = lines.filter((l) => l.kind === 'footer');
  const docLine = findDocNumber(preamble);
  const title = findOwnTitle(preamble) ?? titleFromNotice(preamble);
  const issuedOn = issueDate(preamble, footer);
  const notItems = lines.filter((l) => l.kind !== 'numbered');
  return {
    year: findYear(title, docLine?.[2] ?? null, issuedOn, preamble),
    title,
    docNumber: docLine ? asciiDigits(docLine[1].replace(/\s+/g, '')).replace(/號$/, '号') : null,
    issuer: findIssuer(preamble),
    issuedOn,
    leadOffice: firstMatch(footer, LEAD_OFFICE) ?? firstMatch(notItems, LEAD_OFFICE),
    supervisingOffice: firstMatch(footer, SUPERVISING_OFFICE) ?? firstMatch(notItems, SUPERVISING_OFFICE),
  };
}
