/**
 * Turns the text into classified lines: numbered, unit/deadline note, table row, plain text, and the
 * parts that are not work points — an attachment list ("附件：1.… 2.…") and the closing footer
 * (主办/督办/抄送/印发, the signature and its date).
 */
import { detectNumbering, type Numbering } from './numbering.js';
import { isTableRowText, rewriteTable, splitRow, type TableLine } from './plan-tables.js';
import { cleanLine, dateLine, zh, zhAny } from './plan-text.js';
import { isNoteLine } from './unit-suggestions.js';

export type LineKind = 'blank' | 'text' | 'numbered' | 'note' | 'table' | 'attachment' | 'footer';

export interface SourceLine {
  /** 1-based line number in the submitted text. */
  no: number;
  text: string;
  /** Markdown heading or bold line (see cleanLine). */
  styled: boolean;
  kind: LineKind;
  numbering: Numbering | null;
}

export function readLines(text: string): SourceLine[] {
  const lines = text.split(/\r\n|\r|\n|\u2028|\u2029/).map((raw, i): SourceLine => {
    const { text: cleaned, styled } = cleanLine(raw);
    return { no: i + 1, text: cleaned, styled, kind: 'text', numbering: null };
  });
  rewriteTables(lines);
  for (const line of lines) classify(line);
  markPageNumberBlocks(lines);
  markAttachmentLists(lines);
  return lines;
}

/** Two or more number-only lines in a row ("1、" / "2、" / "3、"): page links, not items with no text. */
function markPageNumberBlocks(lines: SourceLine[]): void {
  const numberOnly = (l: SourceLine): boolean => l.kind === 'numbered' && l.numbering?.rest === '';
  for (let i = 0; i < lines.length; i++) {
    if (!numberOnly(lines[i])) continue;
    let j = i;
    const block: SourceLine[] = [];
    for (; j < lines.length && (numberOnly(lines[j]) || lines[j].kind === 'blank'); j++) if (lines[j].kind !== 'blank') block.push(lines[j]);
    if (block.length >= 2) {
      for (const line of block) {
        line.kind = 'blank';
        line.numbering = null;
        line.text = '';
      }
    }
    i = j - 1;
  }
}

/** Consecutive table rows (blank lines between rows allowed) are read as one table. */
function rewriteTables(lines: SourceLine[]): void {
  let rows: TableLine[] = [];
  const flush = (): void => {
    if (rows.length >= 2) {
      const rewritten = rewriteTable(rows);
      if (rewritten) for (const [index, text] of rewritten) lines[index].text = text;
    }
    rows = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].text;
    if (isTableRowText(text)) rows.push({ index: i, cells: splitRow(text) });
    else if (text !== '') flush();
  }
  flush();
}

/** A flattened table row ("1 | 重点宣传… | 李进军 | …"): a number in a cell is not an item. */
function isTableRow(text: string): boolean {
  return isTableRowText(text);
}

function classify(line: SourceLine): void {
  if (line.text === '') {
    line.kind = 'blank';
  } else if (isTableRow(line.text)) {
    line.kind = 'table';
  } else if (isNoteLine(line.text)) {
    line.kind = 'note';
  } else {
    line.numbering = detectNumbering(line.text);
    line.kind = line.numbering ? 'numbered' : 'text';
  }
}

/** "附件：1.…", "附件:" or a bare "附件" line, each followed by the list of attachments. */
const ATTACHMENT_LIST = /^附件\s*(?:[:：]\s*)?(?:[0-9０-９]{1,2}\s*[.．、]|$)/;
/** "附件1" / "附件2：" heading an attachment after the plan. */
const ATTACHMENT_HEADING = /^附件\s*[0-9０-９]{0,2}\s*[:：]?$/;

/**
 * "附件：1.红羊乡…工作分解表 / 2.…考核评价办法" lists attachments, not work points: the numbered
 * lines right after such a line are marked as part of the list.
 */
function markAttachmentLists(lines: SourceLine[]): void {
  for (let i = 0; i < lines.length; i++) {
    if (!ATTACHMENT_LIST.test(lines[i].text)) continue;
    lines[i].kind = 'attachment';
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j];
      if (line.kind === 'blank') continue;
      if (line.kind !== 'numbered' || !['arabic', 'paren-arabic'].includes(line.numbering?.kind ?? '')) break;
      line.kind = 'attachment';
      line.numbering = null;
    }
    i = j - 1;
  }
}

const FOOTER_MARK = new RegExp(`^(?:${zhAny(['主办', '督办', '抄送', '抄报', '主送', '分送', '发送', '印发', '附件'])})\\s*(?:[0-9０-９]{1,2})?\\s*[:：]`);
const PRINTED_ON = new RegExp(`${zh('印发')}\\s*$`);
const PUBLICATION_NOTE = /^[（(]\s*此件.{1,10}[）)]$/;
const ORGANISATION = new RegExp(
  `^[\\p{Script=Han}（）()]{2,40}(?:${zhAny([
    '人民政府', '政府', '办公室', '办公厅', '委员会', '管委会', '局', '厅', '委', '办', '中心', '司法所', '党委',
    '办事处', '人民代表大会常务委员会', '法院', '检察院',
  ])})$`,
  'u',
);

export function isOrganisationLine(text: string): boolean {
  return ORGANISATION.test(text);
}

/** The chrome under an article on a government web page: print/close buttons, share links, site notes. */
const WEB_CHROME = /^[【\[]?\s*(?:打印本页|打印|关闭窗口|关闭|返回顶部|分享到|扫一扫|上一篇|下一篇|相关链接|相关文章|附件下载|版权所有|网站标识码|网站地图|技术支持|联系我们|责任编辑|字体)|ICP备|公网安备|[【\[]\s*(?:打印|关闭|大|中|小)\s*[】\]]/;

function isFooterMark(line: SourceLine): boolean {
  const t = line.text;
  return (
    FOOTER_MARK.test(t) ||
    (t.length <= 120 && WEB_CHROME.test(t)) ||
    ATTACHMENT_HEADING.test(t) ||
    line.kind === 'attachment' ||
    PUBLICATION_NOTE.test(t) ||
    dateLine(t) !== null ||
    (t.length <= 60 && PRINTED_ON.test(t))
  );
}

/**
 * After the first work point, a footer line (主办/督办/抄送, a date, "…印发") ends the current item:
 * the lines after it (抄送 list, signature) are footer too, until a numbered line starts again.
 * A signature line just above a date is footer as well.
 */
export function markFooters(lines: SourceLine[], start: number): void {
  let inFooter = false;
  let previous: SourceLine | null = null;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    if (line.kind === 'blank') continue;
    if (line.kind === 'numbered') {
      inFooter = false;
    } else if (!inFooter && isFooterMark(line) && !(previous?.kind === 'note' && /[:：]$/.test(previous.text))) {
      inFooter = true;
      if (previous && previous.kind === 'text' && dateLine(line.text) && isOrganisationLine(previous.text)) previous.kind = 'footer';
    }
    if (inFooter) line.kind = 'footer';
    previous = line;
  }
}
