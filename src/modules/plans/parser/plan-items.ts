/**
 * Turns one numbered item's lines into title, body and unit suggestions. Lines are joined back into
 * paragraphs: a line that does not end a sentence continues on the next text line, even across the
 * blank lines a page break leaves ("变“多头受理”\n\n为“一口受理”").
 */
import type { RawItem } from './plan-outline.js';
import type { ParsedItem } from './plan-parser.types.js';
import { endsSentence, endsWithListSeparator, hasUnclosedBracket, joiner, toTitle } from './plan-text.js';
import { endsWithUnitParenthetical, readLabelledNotes, takeEmbeddedNotes, takeTrailingNotes, toSuggestions, type UnitNote } from './unit-suggestions.js';

/**
 * A paragraph being assembled. Its lines are kept as parts and joined once at the end: checking
 * "does it end a sentence" on an ever-growing string would make long paragraphs quadratic.
 */
interface Paragraph {
  parts: string[];
  /** The last characters, enough to see a sentence end or a whole unit parenthetical. */
  end: string;
  note: boolean;
  /** Nothing may be joined onto it (a title line, a table row). */
  closed: boolean;
}

const END_LENGTH = 400;

function paragraph(text: string, note: boolean, closed: boolean): Paragraph {
  return { parts: [text], end: text.slice(-END_LENGTH), note, closed };
}

function append(p: Paragraph, text: string): void {
  const piece = joiner(p.end, text) + text;
  p.parts.push(piece);
  p.end = (p.end + piece.slice(-END_LENGTH)).slice(-END_LENGTH);
}

function textOf(p: Paragraph): string {
  return p.parts.join('');
}

/** The item's own line is a title when styled (#, **) or short with no punctuation at all. */
function isTitleLine(item: RawItem): boolean {
  const own = item.numbering.rest;
  if (endsSentence(own)) return false;
  return item.line.styled || (own.length <= 40 && !/[，,、；;：:。！？!?“”"（）()]/.test(own));
}

function continues(paragraph: Paragraph): boolean {
  if (paragraph.closed) return false;
  if (paragraph.note) return endsWithListSeparator(paragraph.end);
  return !endsSentence(paragraph.end) && !endsWithUnitParenthetical(paragraph.end);
}

function assembleParagraphs(item: RawItem): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const own = item.numbering.rest;
  if (own) paragraphs.push(paragraph(own, false, item.lines.some((l) => l.kind === 'text') && isTitleLine(item)));
  for (const line of item.lines) {
    if (line.kind === 'blank') continue;
    const last = paragraphs[paragraphs.length - 1];
    if (line.kind === 'note') {
      paragraphs.push(paragraph(line.text, true, false));
    } else if (line.kind === 'text' && last !== undefined && continues(last)) {
      append(last, line.text);
    } else {
      // A sub-point (①, （1）), a table row or a new paragraph.
      paragraphs.push(paragraph(line.text, false, line.kind === 'table'));
    }
  }
  return paragraphs;
}

/** The last paragraph of a cut item may hold half a unit list: keep it as text, read no units from it. */
function isCutNote(text: string): boolean {
  return endsWithListSeparator(text) || hasUnclosedBracket(text);
}

export function toParsedItem(item: RawItem, cut: boolean): ParsedItem {
  const paragraphs = assembleParagraphs(item);
  const body: string[] = [];
  const notes: UnitNote[] = [];
  paragraphs.forEach((p, i) => {
    const text = textOf(p);
    if (p.note && !(cut && i === paragraphs.length - 1 && isCutNote(text))) {
      notes.push(...readLabelledNotes(text));
      return;
    }
    const taken = p.note ? { text, notes: [] } : takeTrailingNotes(text);
    notes.push(...taken.notes);
    const embedded = p.note ? { text: taken.text, notes: [] } : takeEmbeddedNotes(taken.text);
    notes.push(...embedded.notes);
    if (embedded.text) body.push(embedded.text);
  });
  const first = body[0] ?? '';
  const stop = first.indexOf('。');
  const parsed: ParsedItem = {
    number: item.numbering.number,
    label: item.numbering.label,
    title: toTitle(stop >= 0 ? first.slice(0, stop) : first),
    body: body.join('\n'),
    line: item.line.no,
  };
  const suggestions = toSuggestions(notes);
  if (suggestions) parsed.suggestions = suggestions;
  return parsed;
}
