/**
 * The plan parser: text of a 工作要点 (plain text, Markdown, or a .docx's text) in, plan particulars,
 * chapters, numbered items, unit suggestions and warnings out. Pure: no Nest, no database, no clock.
 * It never throws: a document it cannot read is a failure result naming the line.
 */
import { planInsideNotice, reportVerdict, retrospectiveVerdict } from './document-kind.js';
import { type Numbering, type NumberingKind } from './numbering.js';
import { toParsedItem } from './plan-items.js';
import { markFooters, readLines, type SourceLine } from './plan-lines.js';
import { extractPlanMeta } from './plan-meta.js';
import { buildOutline, chooseChapterLevels, isScoredHeading, itemsInOrder, type OutlineLevels, type RawItem, type RawSection } from './plan-outline.js';
import type { ParsedItem, ParsedSection, ParseWarning, PlanParseResult } from './plan-parser.types.js';
import { chineseNumeral } from '../../../common/text/chinese-numerals.js';
import { endsSentence, endsWithClosedBracket, endsWithListSeparator, hasUnclosedBracket, toTitle } from './plan-text.js';

export type * from './plan-parser.types.js';

export function parsePlanText(text: string): PlanParseResult {
  try {
    return parse(text);
  } catch {
    // A bug must not take the import route down: the user gets a readable refusal instead.
    return { ok: false, error: { line: null, message: 'text: 解析文本时出现内部错误，未能识别该文档，请检查格式后重试' } };
  }
}

const EMPTY = { ok: false, error: { line: null, message: 'text: 文本为空，未找到任何内容' } } as const;

function parse(text: string): PlanParseResult {
  if (typeof text !== 'string' || text.trim() === '') return EMPTY;
  const lines = readLines(text);
  if (lines.every((l) => l.kind === 'blank')) return EMPTY;

  const report = reportVerdict(lines);
  if (report) return { ok: false, error: { line: report.line, message: `line ${report.line}: ${report.message}`, kind: 'not-a-plan' } };

  const firstNumbered = lines.findIndex((l) => l.kind === 'numbered');
  if (firstNumbered < 0) return noItems(lines);
  // A 通知 wrapping the plan: its own 一、二、三 are not work points; the plan starts after it.
  const planTitle = planInsideNotice(lines, firstNumbered);
  let start = planTitle === null ? firstNumbered : lines.findIndex((l, i) => i > planTitle && l.kind === 'numbered');
  // A scored category ("组织保障（20分）") just above the first point belongs to the body.
  for (let i = start - 1; i >= 0 && (lines[i].kind === 'blank' || isScoredHeading(lines[i])); i--) if (lines[i].kind !== 'blank') start = i;
  markFooters(lines, start);
  const chapters = chooseChapterLevels(lines.slice(start).filter((l) => l.kind === 'numbered'));
  const levels = chapters.global;
  const fullOutline = buildOutline(lines, start, chapters);
  // Numbers are checked as printed, 总体要求 included: "第二条" after a dropped "第一条" is in order.
  const printedOrder = itemsInOrder(fullOutline);
  const { kept: outline, dropped } = dropNonTaskSections(fullOutline);
  const ordered = itemsInOrder(outline);
  if (ordered.length === 0) return dropped.length > 0 ? onlyIntroduction(dropped) : noItems(lines);
  // Judged on the numbered paragraphs, the prose above them and the headings ("主要举措和成效").
  const headings = lines.filter((l) => l.kind === 'numbered' && !ordered.some(({ item }) => item.line === l)).map((l) => l.text);
  const preamble = lines.slice(0, start).filter((l) => l.kind === 'text').map((l) => l.text);
  const retrospective = retrospectiveVerdict([
    { line: lines[start].no, body: [...preamble, ...headings].join('') },
    ...ordered.map(({ item }) => ({ line: item.line.no, body: [item.numbering.rest, ...item.lines.map((l) => l.text)].join('') })),
  ]);
  if (retrospective) {
    return {
      ok: true,
      value: {
        plan: extractPlanMeta(lines, planTitle === null ? start : planTitle + 1),
        sections: [],
        warnings: [warn(retrospective.line, retrospective.message)],
        truncated: false,
        notAPlan: retrospective.message,
      },
    };
  }

  const lastLine = lastNonBlank(lines);
  const lastItem = ordered[ordered.length - 1].item;
  const cut = lastLine && isCut(lastLine, levels, ordered.slice(0, -1).map((o) => o.item)) ? lastLine : null;
  const parsed = new Map<RawItem, ParsedItem>(ordered.map(({ item }) => [item, toParsedItem(item, cut !== null && item === lastItem)]));

  carryForward(ordered.map(({ item }) => parsed.get(item) as ParsedItem), cut !== null ? (parsed.get(lastItem) as ParsedItem) : null);
  const kept = new Set(ordered.map(({ item }) => item));
  const warnings: ParseWarning[] = [
    ...itemNumberingWarnings(printedOrder).filter((w) => ordered.some(({ item }) => kept.has(item) && item.line.no === w.line)),
    ...sectionNumberingWarnings(outline),
  ];
  for (const section of dropped) {
    warnings.push(warn(section.line, `“${sectionTitle(section.title)}”部分是总体说明，不是工作任务，未列为条目`));
  }
  for (const line of chapters.differing) {
    warnings.push(warn(line, `本章条目的编号样式与其他章不同，已按本章的编号识别条目，请核对`));
  }
  for (const { item } of ordered) {
    if (item.mixed) warnings.push(warn(item.line.no, `“${item.numbering.label}”的编号样式与同级条目不同，已作为条目保留，请核对层级`));
  }
  if (planTitle !== null) {
    warnings.push(warn(lines[planTitle].no, '文件是印发通知，通知正文的编号段落不是工作任务；已从此处的工作要点开始识别'));
  }
  let truncated = false;
  if (cut) {
    truncated = true;
    warnings.push(warn(cut.no, '文本在此行中断（句子不完整），文档可能不全；已保留可读部分'));
  } else if (lastLine && lastLine === lastLineOf(lastItem) && lastItemLacksUnits([...parsed.values()])) {
    truncated = true;
    warnings.push(warn(lastLine.no, `最后一条（第${lastItem.line.no}行）没有责任单位，而前面各条都有；文档可能在此中断`));
  }
  warnings.sort((a, b) => a.line - b.line);

  return {
    ok: true,
    value: {
      plan: extractPlanMeta(lines, planTitle === null ? start : planTitle + 1),
      sections: outline.map((s) => toParsedSection(s, parsed)),
      warnings,
      truncated,
    },
  };
}

/**
 * "（牵头单位：市司法局，下同）": the units of such a note apply to the following items that name
 * none of their own (until another "下同"). The item cut off at the end of a copy inherits nothing.
 */
function carryForward(items: readonly ParsedItem[], cutItem: ParsedItem | null): void {
  let carry: { lead: string[]; cooperating: string[]; line: number } | null = null;
  for (const item of items) {
    const s = item.suggestions;
    if (s?.carriesForward) {
      carry = { lead: s.lead, cooperating: s.cooperating, line: item.line };
    } else if (carry && item !== cutItem && (s?.lead.length ?? 0) + (s?.cooperating.length ?? 0) === 0) {
      item.suggestions = { ...(s ?? {}), lead: [...carry.lead], cooperating: [...carry.cooperating], carriedFromLine: carry.line };
    }
  }
}

function lastNonBlank(lines: readonly SourceLine[]): SourceLine | null {
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i].kind !== 'blank') return lines[i];
  return null;
}

function noItems(lines: readonly SourceLine[]): PlanParseResult {
  const line = lastNonBlank(lines)?.no ?? 1;
  return {
    ok: false,
    error: { line, kind: 'no-items', message: `line ${line}: 读到第${line}行，未找到编号的工作要点条目（以“一、”“（一）”“1.”等编号开头的行），请检查文本格式` },
  };
}

/** Chapters and sub-sections that introduce the plan rather than assign work. */
const NON_TASK_TITLE = /^(?:总体要求|總體要求|指导思想|指導思想|工作目标|工作目標|总体目标|總體目標|主要目标|目标任务|基本原则|基本原則|工作原则|工作原則|指导原则|重要意义|总体思路|工作思路|适用范围|编制依据|总则|總則)$/;

function isNonTask(section: RawSection): boolean {
  const title = sectionTitle(section.title).replace(/[\s：:]/g, '');
  return section.numbering !== null && NON_TASK_TITLE.test(title);
}

/**
 * Empties the 总体要求 / 指导思想 / 工作目标 / 基本原则 parts: their numbered lines are not work points.
 * The heading stays (the plan's structure as printed); what was under it is reported, not itemised.
 */
function dropNonTaskSections(sections: readonly RawSection[]): { kept: RawSection[]; dropped: RawSection[] } {
  const dropped: RawSection[] = [];
  const visit = (s: RawSection): void => {
    if (isNonTask(s)) {
      if (s.items.length > 0 || s.sections.length > 0) dropped.push(s);
      s.items = [];
      s.sections = [];
      return;
    }
    s.sections = s.sections.filter((child) => {
      visit(child);
      return !(isNonTask(child) && child.items.length === 0 && child.sections.length === 0 && child.level > 1 && dropped.includes(child));
    });
    s.items = s.items.filter((i) => {
      if (i.promoted && NON_TASK_TITLE.test(sectionTitle(i.numbering.rest).replace(/[\s：:]/g, ''))) {
        dropped.push({ numbering: i.numbering, source: i.line, title: i.numbering.rest, line: i.line.no, level: s.level + 1, items: [], sections: [], lines: [] });
        return false;
      }
      return true;
    });
  };
  sections.forEach(visit);
  return { kept: [...sections], dropped };
}

function onlyIntroduction(dropped: readonly RawSection[]): PlanParseResult {
  const line = dropped[0].line;
  return {
    ok: false,
    error: {
      line,
      kind: 'no-items',
      message: `line ${line}: 只找到“${sectionTitle(dropped[0].title)}”等总体说明部分，未找到编号的工作任务条目；请检查文件是否完整`,
    },
  };
}

function warn(line: number, message: string): ParseWarning {
  return { line, message: `line ${line}: 第${line}行：${message}` };
}

/** The line closes what it says: a full sentence, a closed parenthetical or a complete note. */
function endsComplete(line: SourceLine): boolean {
  if (line.kind === 'note') return !endsWithListSeparator(line.text) && !hasUnclosedBracket(line.text);
  const text = line.numbering ? line.numbering.rest : line.text;
  return text !== '' && (endsSentence(text) || endsWithClosedBracket(text));
}

function lastLineOf(item: RawItem): SourceLine {
  for (let i = item.lines.length - 1; i >= 0; i--) if (item.lines[i].kind !== 'blank') return item.lines[i];
  return item.line;
}

/**
 * The copy stops mid-document: its last line (not a footer) is a heading with nothing under it,
 * a unit list that breaks off, or a sentence left open — unless the document's items never end
 * with punctuation anyway (a bare list of short titles).
 */
function isCut(last: SourceLine, levels: OutlineLevels, earlierItems: readonly RawItem[]): boolean {
  if (last.kind === 'footer') return false;
  if (last.numbering && levels.sectionKinds.includes(last.numbering.kind)) return true;
  if (endsComplete(last)) return false;
  if (last.kind === 'note' || hasUnclosedBracket(last.text)) return true;
  const completeBefore = earlierItems.filter((item) => endsComplete(lastLineOf(item))).length;
  return earlierItems.length === 0 || completeBefore * 2 >= earlierItems.length;
}

/** Every earlier item names its units and the last one none: the copy probably ends before its notes. */
function lastItemLacksUnits(items: readonly ParsedItem[]): boolean {
  if (items.length < 3) return false;
  const hasUnits = (i: ParsedItem): boolean => (i.suggestions?.lead.length ?? 0) + (i.suggestions?.cooperating.length ?? 0) > 0;
  return items.slice(0, -1).every(hasUnits) && !hasUnits(items[items.length - 1]);
}

function shown(n: number, kind: NumberingKind): string {
  return kind === 'chinese' || kind === 'paren-chinese' || kind === 'chapter' || kind === 'article' ? chineseNumeral(n) : String(n);
}

/**
 * Item numbers run on within a section; at a new chapter or sub-section they either restart at 1
 * or run on from the previous item (both are printed in real plans). Anything else is a warning —
 * the printed number is kept, never silently corrected.
 */
function itemNumberingWarnings(ordered: readonly { item: RawItem; container: RawSection }[]): ParseWarning[] {
  const warnings: ParseWarning[] = [];
  let previous: { number: number; container: RawSection } | null = null;
  for (const { item, container } of ordered) {
    // Promoted sub-sections count with their sibling sub-sections (sectionNumberingWarnings).
    if (item.promoted) continue;
    const n = item.numbering.number;
    const kind = item.numbering.kind;
    if (previous === null) {
      if (n !== 1) warnings.push(warn(item.line.no, `编号从 ${shown(n, kind)} 开始（期望 ${shown(1, kind)}），前面的条目可能缺失`));
    } else if (previous.container === container) {
      if (n === previous.number) warnings.push(warn(item.line.no, `编号重复：${item.numbering.label}`));
      else if (n !== previous.number + 1) warnings.push(warn(item.line.no, `编号不连续，期望 ${shown(previous.number + 1, kind)}，实际 ${shown(n, kind)}`));
    } else if (n !== 1 && n !== previous.number + 1) {
      warnings.push(warn(item.line.no, `编号不连续，期望 ${shown(1, kind)} 或 ${shown(previous.number + 1, kind)}，实际 ${shown(n, kind)}`));
    }
    previous = { number: n, container };
  }
  return warnings;
}

interface Sibling {
  numbering: Numbering | null;
  line: number;
}

/** A section's numbered children in print order: its sub-sections and the sub-sections promoted to items. */
function siblingsOf(section: RawSection): Sibling[] {
  const promoted = section.items.filter((i) => i.promoted).map((i) => ({ numbering: i.numbering, line: i.line.no }));
  return [...section.sections, ...promoted].sort((a, b) => a.line - b.line);
}

/** Chapters and sub-sections count 一、二、三… among their siblings. */
function sectionNumberingWarnings(roots: readonly RawSection[]): ParseWarning[] {
  const warnings: ParseWarning[] = [];
  const check = (siblings: readonly Sibling[], parent: 'root' | 'real' | 'synthetic'): void => {
    let previous: Numbering | null = null;
    let afterSynthetic = false;
    for (const { numbering: n, line } of siblings) {
      if (n === null) {
        afterSynthetic = true;
      } else if (previous === null) {
        // A cut copy may start inside a chapter; only a real parent says where counting starts.
        if (n.number !== 1 && (parent === 'real' || (parent === 'root' && !afterSynthetic))) {
          warnings.push(warn(line, `编号从 ${shown(n.number, n.kind)} 开始（期望 ${shown(1, n.kind)}）`));
        }
      } else if (n.number === previous.number) {
        warnings.push(warn(line, `编号重复：${n.label}`));
      } else if (n.number !== previous.number + 1) {
        warnings.push(warn(line, `编号不连续，期望 ${shown(previous.number + 1, n.kind)}，实际 ${shown(n.number, n.kind)}`));
      }
      if (n) previous = n;
    }
  };
  const visit = (section: RawSection): void => {
    check(siblingsOf(section), section.numbering ? 'real' : 'synthetic');
    section.sections.forEach(visit);
  };
  check(roots, 'root');
  roots.forEach(visit);
  return warnings;
}

function sectionTitle(text: string): string {
  const stop = text.indexOf('。');
  return toTitle(stop >= 0 ? text.slice(0, stop) : text);
}

function toParsedSection(section: RawSection, items: ReadonlyMap<RawItem, ParsedItem>): ParsedSection {
  return {
    ordinal: section.numbering?.ordinal ?? '',
    title: section.numbering || section.source ? sectionTitle(section.title) : '',
    line: section.line,
    level: section.level,
    items: section.items.map((i) => items.get(i) as ParsedItem),
    sections: section.sections.map((s) => toParsedSection(s, items)),
  };
}
