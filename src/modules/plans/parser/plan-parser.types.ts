/** What the plan parser returns: a plan document (工作要点) read into chapters, numbered items and hints. */

/** Something the reader should check; `message` is Chinese and starts with "line N: ". */
export interface ParseWarning {
  line: number;
  message: string;
}

/** Units and deadline as printed next to an item; the importer matches them to departments. */
export interface ItemSuggestions {
  lead: string[];
  cooperating: string[];
  /** The deadline text as printed (完成时限 / 时限要求), e.g. "持续推进", "2023年6月底前". */
  dueText?: string;
  /** The raw responsible-unit text as read (without its label when there is a single one). */
  unitText?: string;
  /** The note ends "，下同": its units apply to the following items that name none. */
  carriesForward?: boolean;
  /** The units were carried forward from the item on this line ("下同"), not printed with this item. */
  carriedFromLine?: number;
}

export interface ParsedItem {
  /** The printed number (一 = 1, ① = 1, 十二 = 12); never renumbered. */
  number: number;
  /** The numbering token as printed: "1." / "(一)" / "（1）" / "①" / "4。". */
  label: string;
  /** The item's text up to its first 。. */
  title: string;
  /** The item's whole text (title sentence included), numbering and unit/deadline notes removed. */
  body: string;
  line: number;
  suggestions?: ItemSuggestions;
}

export interface ParsedSection {
  /** The numeral as printed without its delimiters ("一" for "一、" and "（一）"); "" for a synthetic section. */
  ordinal: string;
  title: string;
  line: number;
  /** 1 = chapter (一、), 2 = sub-section ((一)) … */
  level: number;
  items: ParsedItem[];
  sections: ParsedSection[];
}

export interface ParsedPlanMeta {
  year: number | null;
  title: string | null;
  docNumber: string | null;
  issuer: string | null;
  /** YYYY-MM-DD */
  issuedOn: string | null;
  leadOffice: string | null;
  supervisingOffice: string | null;
}

export interface ParsedPlan {
  plan: ParsedPlanMeta;
  sections: ParsedSection[];
  warnings: ParseWarning[];
  /** The text stops mid-document (cut copy); what could be read is kept. */
  truncated: boolean;
  /**
   * Set when the document is probably not a plan (its numbered paragraphs tell what was done):
   * the result then has no items, and the importer refuses it with this message.
   */
  notAPlan?: string;
}

export interface PlanParseError {
  line: number | null;
  /** file: unreadable upload; empty; no-items; not-a-plan: a report or summary; internal: a parser bug. */
  kind?: 'file' | 'empty' | 'no-items' | 'not-a-plan' | 'internal';
  /** Chinese, with a machine-readable reference: "line N: …" or "text: …". */
  message: string;
}

/** `text`: the text the line numbers refer to (a file decoded), so a preview can show items beside their lines. */
export type PlanParseResult = { ok: true; value: ParsedPlan; text?: string } | { ok: false; error: PlanParseError };
