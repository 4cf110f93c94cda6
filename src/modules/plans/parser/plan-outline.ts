/**
 * Decides which numbering level carries the work points and builds the chapter / sub-section tree.
 *
 * Documents nest 一、 > （一） > 1. > （1） > ①, but which level holds the work points varies: in the
 * seed plan 一、 are chapters and 1. the items; in others （一） under 一、 are the items; in a
 * provincial plan 三、 → （一） → 1. The work-point level is the shallowest one whose entries carry
 * text (a sentence on their own line) rather than being short headings over deeper entries. Deeper
 * levels (①… inside an item) stay in the item's body.
 */
import { kindRank, NUMBERING_KINDS, type Numbering, type NumberingKind } from './numbering.js';
import type { SourceLine } from './plan-lines.js';
import { endsWithListSeparator, joinFragments } from './plan-text.js';

export interface OutlineLevels {
  itemKind: NumberingKind;
  /** Shallowest first: index 0 are chapters (level 1), index 1 sub-sections (level 2) … */
  sectionKinds: NumberingKind[];
}

export interface RawItem {
  numbering: Numbering;
  line: SourceLine;
  /** The lines after the numbered line, up to the next section, item or footer. */
  lines: SourceLine[];
  /** A sub-section with text but no numbered items under it, read as a work point itself. */
  promoted: boolean;
  /** Numbered in a deeper style than its siblings with no item above it ("1. …" before "（二）…"). */
  mixed?: boolean;
}

export interface RawSection {
  numbering: Numbering | null;
  /** The heading line; null for a synthetic section. */
  source: SourceLine | null;
  title: string;
  line: number;
  level: number;
  items: RawItem[];
  sections: RawSection[];
  /** Unnumbered lines between the heading and its first item or sub-section. */
  lines: SourceLine[];
}

/** A scored category of an indicator list: "组织保障（20分）", "依法决策 (15 分)". */
const SCORED_HEADING = /^[^。；;，,:：]{2,30}[（(]\s*[0-9０-９]{1,3}(?:\.[0-9])?\s*分\s*[）)]$/;

export function isScoredHeading(line: SourceLine): boolean {
  return line.kind === 'text' && SCORED_HEADING.test(line.text);
}

/** A heading: short, no sentence inside. "一、依法全面履行政府职能" but not "(一)坚持……。进一步……". */
function isHeadingLike(rest: string): boolean {
  return rest.length <= 60 && !/[。；;！？!?]/.test(rest);
}

export function chooseLevels(entries: readonly SourceLine[]): OutlineLevels {
  const votes = new Map<NumberingKind, { section: number; item: number }>();
  entries.forEach((entry, i) => {
    const n = entry.numbering as Numbering;
    const vote = votes.get(n.kind) ?? { section: 0, item: 0 };
    const next = entries[i + 1]?.numbering;
    const hasChildren = next !== undefined && next !== null && kindRank(next.kind) > kindRank(n.kind);
    if (!isHeadingLike(n.rest)) vote.item++;
    else if (hasChildren) vote.section++;
    votes.set(n.kind, vote);
  });
  const present = NUMBERING_KINDS.filter((k) => votes.has(k));
  const itemKind =
    present.find((k) => votes.get(k)!.item > votes.get(k)!.section) ??
    present.find((k) => votes.get(k)!.section === 0) ??
    present[present.length - 1];
  return { itemKind, sectionKinds: present.filter((k) => kindRank(k) < kindRank(itemKind)) };
}

function newSection(source: SourceLine | null, line: number, level: number): RawSection {
  const numbering = source?.numbering ?? null;
  return { numbering, source, title: numbering?.rest ?? '', line, level, items: [], sections: [], lines: [] };
}

/**
 * The levels of each chapter. Chapters of one plan number their items differently (一、 → 1. in one,
 * 二、 → （一） in the next), so after the chapter level is chosen for the whole document, the item
 * level is chosen again inside each chapter. Keyed by the chapter heading's line number; `first`
 * applies before the first chapter heading.
 */
export interface ChapterLevels {
  global: OutlineLevels;
  first: OutlineLevels;
  byChapterLine: Map<number, OutlineLevels>;
  /** The chapters read with an item style other than the document's. */
  differing: number[];
}

export function chooseChapterLevels(entries: readonly SourceLine[]): ChapterLevels {
  const global = chooseLevels(entries);
  const chapterKind = global.sectionKinds[0];
  if (chapterKind === undefined) return { global, first: global, byChapterLine: new Map(), differing: [] };
  const blocks: { heading: SourceLine | null; entries: SourceLine[] }[] = [{ heading: null, entries: [] }];
  for (const entry of entries) {
    if (entry.numbering?.kind === chapterKind) blocks.push({ heading: entry, entries: [] });
    else blocks[blocks.length - 1].entries.push(entry);
  }
  const byChapterLine = new Map<number, OutlineLevels>();
  const differing: number[] = [];
  let first = global;
  for (const block of blocks) {
    let levels: OutlineLevels;
    if (block.entries.length === 0) {
      levels = global;
    } else {
      const local = chooseLevels(block.entries);
      levels = { itemKind: local.itemKind, sectionKinds: [chapterKind, ...local.sectionKinds.filter((k) => k !== chapterKind)] };
    }
    if (block.heading) {
      byChapterLine.set(block.heading.no, levels);
      if (block.entries.length > 0 && levels.itemKind !== global.itemKind) differing.push(block.heading.no);
    } else {
      first = levels;
    }
  }
  return { global, first, byChapterLine, differing };
}

/**
 * Walks the lines from the first numbered one. Items with no enclosing chapter go into a synthetic
 * section (ordinal ""), as do sub-sections whose chapter heading is not in the text (a cut copy).
 */
export function buildOutline(lines: readonly SourceLine[], start: number, chapters: ChapterLevels): RawSection[] {
  let levels = chapters.first;
  const roots: RawSection[] = [];
  const stack: RawSection[] = [];
  let item: RawItem | null = null;
  let heading: RawSection | null = null;

  const open = (section: RawSection): void => {
    const parent = stack[stack.length - 1];
    (parent ? parent.sections : roots).push(section);
    stack.push(section);
  };

  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    if (line.kind === 'blank') continue;
    const n = line.kind === 'numbered' ? line.numbering : null;
    levels = chapters.byChapterLine.get(line.no) ?? levels;
    const depth = n ? levels.sectionKinds.indexOf(n.kind) : -1;
    if (!n && isScoredHeading(line)) {
      // "组织保障（20分）" heads the numbered points under it: a section of its own, never an item's tail.
      item = null;
      stack.length = 0;
      heading = { numbering: null, source: line, title: line.text, line: line.no, level: 1, items: [], sections: [], lines: [] };
      open(heading);
      continue;
    }
    if (n && depth >= 0) {
      item = null;
      stack.length = Math.min(stack.length, depth);
      while (stack.length < depth) open(newSection(null, line.no, stack.length + 1));
      heading = newSection(line, line.no, depth + 1);
      open(heading);
    } else if (n && n.kind === levels.itemKind) {
      heading = null;
      if (stack.length === 0) open(newSection(null, line.no, 1));
      item = { numbering: n, line, lines: [], promoted: false };
      stack[stack.length - 1].items.push(item);
    } else if (n && !item && kindRank(n.kind) > kindRank(levels.itemKind) && n.rest !== '') {
      // "1. 第一项。" directly under a heading whose other items are "（二）…": an item, not lost text.
      heading = null;
      if (stack.length === 0) open(newSection(null, line.no, 1));
      item = { numbering: n, line, lines: [], promoted: false, mixed: true };
      stack[stack.length - 1].items.push(item);
    } else if (line.kind === 'footer') {
      item = null;
      heading = null;
    } else if (item) {
      item.lines.push(line);
    } else if (heading && heading.lines.length === 0 && line.kind === 'text' && endsWithListSeparator(heading.title)) {
      // A heading wrapped onto a second line ("…以良法促进发展、\n保障善治").
      heading.title = joinFragments(heading.title, line.text);
    } else if (heading) {
      heading.lines.push(line);
    }
  }
  for (const root of roots) promoteTextOnlySubsections(root);
  return roots;
}

/**
 * "（二）加强监管\n各部门要……（牵头单位：…）" under a chapter whose other sub-sections hold numbered
 * items: it has no items of its own but is a work point, so it becomes an item of its chapter
 * rather than losing its text. Chapters (level 1) are not promoted: the prose under "一、总体要求"
 * is an introduction, not a work point.
 */
function promoteTextOnlySubsections(section: RawSection): void {
  const kept: RawSection[] = [];
  for (const child of section.sections) {
    promoteTextOnlySubsections(child);
    const hasText = child.lines.some((l) => l.kind !== 'blank') || !isHeadingLike(child.numbering?.rest ?? '');
    if (child.source && child.numbering && child.items.length === 0 && child.sections.length === 0 && hasText) {
      const numbering = { ...child.numbering, rest: child.title };
      section.items.push({ numbering, line: child.source, lines: child.lines, promoted: true });
    } else {
      kept.push(child);
    }
  }
  section.sections = kept;
  section.items.sort((a, b) => a.line.no - b.line.no);
}

/** All items in document order, with the section that holds each. */
export function itemsInOrder(sections: readonly RawSection[]): { item: RawItem; container: RawSection; chapter: RawSection }[] {
  const out: { item: RawItem; container: RawSection; chapter: RawSection }[] = [];
  const walk = (section: RawSection, chapter: RawSection): void => {
    for (const item of section.items) out.push({ item, container: section, chapter });
    for (const child of section.sections) walk(child, chapter);
  };
  for (const chapter of sections) walk(chapter, chapter);
  return out.sort((a, b) => a.item.line.no - b.item.line.no);
}
