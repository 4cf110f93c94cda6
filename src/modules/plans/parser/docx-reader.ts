/**
 * Reads a Word .docx into the plan parser's text: one line per paragraph, with the numbers Word
 * generates from numbering.xml written back in front ("一、", "1.", "（一）"), and each table row as
 * one "cell | cell | cell" line so the parser reads tables as tables. mammoth's raw text drops both
 * the automatic numbers and the table structure, which is why the document XML is read here.
 */
import JSZip from 'jszip';

/** The XML of a part is capped: a 5 MB upload can inflate far beyond what a plan needs (zip bomb). */
const MAX_PART_CHARS = 40 * 1024 * 1024;

export type DocxResult = { ok: true; text: string } | { ok: false; reason: 'not-docx' | 'unreadable' | 'too-large' };

export async function readDocx(buf: Buffer): Promise<DocxResult> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buf);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  const documentPart = zip.file('word/document.xml');
  if (!documentPart) return { ok: false, reason: 'not-docx' };
  const [documentXml, numberingXml, stylesXml] = await Promise.all([
    readPart(documentPart),
    readPart(zip.file('word/numbering.xml')),
    readPart(zip.file('word/styles.xml')),
  ]);
  if (documentXml === null || numberingXml === null || stylesXml === null) return { ok: false, reason: 'too-large' };
  const numbering = new WordNumbering(parseNumbering(numberingXml ?? ''), parseStyles(stylesXml ?? ''));
  return { ok: true, text: documentLines(documentXml ?? '', numbering).join('\n') };
}

/** The part's text, '' when absent, null when larger than the cap. */
async function readPart(file: JSZip.JSZipObject | null): Promise<string | null> {
  if (!file) return '';
  // The uncompressed size is declared in the archive; check it before inflating.
  const declared = (file as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
  if (typeof declared === 'number' && declared > MAX_PART_CHARS) return null;
  const text = await file.async('string');
  return text.length > MAX_PART_CHARS ? null : text;
}

// ---------------------------------------------------------------------------------------------
// A minimal XML walk: Word's XML is machine-written, so a tag tokenizer is enough and is linear.

interface Tag {
  name: string;
  attrs: string;
  close: boolean;
  selfClose: boolean;
}

const TOKEN = /<(\/?)([A-Za-z_][\w:.-]*)([^>]*?)(\/?)>|<\?[^>]*\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|([^<]+)/g;

function* tokens(xml: string): Generator<Tag | string> {
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(xml)) !== null) {
    if (m[2] !== undefined) yield { close: m[1] === '/', name: m[2], attrs: m[3] ?? '', selfClose: m[4] === '/' };
    else if (m[5] !== undefined) yield m[5];
    else if (m[6] !== undefined) yield decodeEntities(m[6]);
    if (m[0] === '') TOKEN.lastIndex++;
  }
}

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (all, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name.replace(':', '\\:')}\\s*=\\s*"([^"]*)"`).exec(attrs) ?? new RegExp(`(?:^|\\s)${name}\\s*=\\s*'([^']*)'`).exec(attrs);
  return m ? decodeEntities(m[1]) : null;
}

// ---------------------------------------------------------------------------------------------
// numbering.xml and styles.xml

interface LevelDef {
  start: number;
  format: string;
  text: string;
  /** Restart after this (1-based) level is used; 0 = never restart; undefined = after any shallower level. */
  restart?: number;
}

interface NumberingDefs {
  abstracts: Map<string, Map<number, LevelDef>>;
  nums: Map<string, { abstractId: string; overrides: Map<number, number> }>;
}

function parseNumbering(xml: string): NumberingDefs {
  const abstracts = new Map<string, Map<number, LevelDef>>();
  const nums = new Map<string, { abstractId: string; overrides: Map<number, number> }>();
  let abstract: Map<number, LevelDef> | null = null;
  let level: LevelDef | null = null;
  let num: { abstractId: string; overrides: Map<number, number> } | null = null;
  let overrideLevel: number | null = null;
  for (const t of tokens(xml)) {
    if (typeof t === 'string') continue;
    if (t.close) {
      if (t.name === 'w:abstractNum') abstract = null;
      else if (t.name === 'w:lvl') level = null;
      else if (t.name === 'w:num') num = null;
      else if (t.name === 'w:lvlOverride') overrideLevel = null;
      continue;
    }
    switch (t.name) {
      case 'w:abstractNum': {
        abstract = new Map();
        abstracts.set(attr(t.attrs, 'w:abstractNumId') ?? '', abstract);
        break;
      }
      case 'w:lvl': {
        if (num) break; // a w:lvl inside w:lvlOverride: rare, ignored
        level = { start: 1, format: 'decimal', text: '' };
        abstract?.set(Number(attr(t.attrs, 'w:ilvl') ?? 0), level);
        break;
      }
      case 'w:start':
        if (level) level.start = Number(attr(t.attrs, 'w:val') ?? 1) || 0;
        break;
      case 'w:numFmt':
        if (level) level.format = attr(t.attrs, 'w:val') ?? 'decimal';
        break;
      case 'w:lvlText':
        if (level) level.text = attr(t.attrs, 'w:val') ?? '';
        break;
      case 'w:lvlRestart':
        if (level) level.restart = Number(attr(t.attrs, 'w:val') ?? 0);
        break;
      case 'w:num': {
        num = { abstractId: '', overrides: new Map() };
        nums.set(attr(t.attrs, 'w:numId') ?? '', num);
        break;
      }
      case 'w:abstractNumId':
        if (num) num.abstractId = attr(t.attrs, 'w:val') ?? '';
        break;
      case 'w:lvlOverride':
        overrideLevel = Number(attr(t.attrs, 'w:ilvl') ?? 0);
        break;
      case 'w:startOverride':
        if (num && overrideLevel !== null) num.overrides.set(overrideLevel, Number(attr(t.attrs, 'w:val') ?? 1));
        break;
    }
  }
  return { abstracts, nums };
}

interface StyleNumbering {
  numId?: string;
  ilvl?: number;
  basedOn?: string;
}

/** Paragraph styles that carry numbering (Word's "List Number" puts its w:numPr in the style). */
function parseStyles(xml: string): Map<string, StyleNumbering> {
  const styles = new Map<string, StyleNumbering>();
  let current: StyleNumbering | null = null;
  for (const t of tokens(xml)) {
    if (typeof t === 'string') continue;
    if (t.name === 'w:style') {
      if (t.close) current = null;
      else if (!t.selfClose) {
        current = {};
        styles.set(attr(t.attrs, 'w:styleId') ?? '', current);
      }
      continue;
    }
    if (!current || t.close) continue;
    if (t.name === 'w:basedOn') current.basedOn = attr(t.attrs, 'w:val') ?? undefined;
    else if (t.name === 'w:numId') current.numId = attr(t.attrs, 'w:val') ?? undefined;
    else if (t.name === 'w:ilvl') current.ilvl = Number(attr(t.attrs, 'w:val') ?? 0);
  }
  return styles;
}

/** Counts Word's list numbers as Word shows them, in document order. */
class WordNumbering {
  /** Counters per abstract list: lists sharing an abstract definition continue each other's numbers. */
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly started = new Set<string>();

  constructor(private readonly defs: NumberingDefs, private readonly styles: Map<string, StyleNumbering>) {}

  /** The numbering of a paragraph: its own w:numPr, else its style's (following w:basedOn). */
  resolve(numId: string | null, ilvl: number | null, styleId: string | null): { numId: string; ilvl: number } | null {
    let id = numId;
    let level = ilvl;
    let style = styleId;
    for (let depth = 0; style && depth < 10 && (id === null || level === null); depth++) {
      const s = this.styles.get(style);
      if (!s) break;
      if (id === null && s.numId !== undefined) id = s.numId;
      if (level === null && s.ilvl !== undefined) level = s.ilvl;
      style = s.basedOn ?? null;
    }
    if (id === null || id === '0') return null;
    return { numId: id, ilvl: Math.min(Math.max(level ?? 0, 0), 8) };
  }

  /** The label Word prints for the next paragraph of this list and level ("一、", "（1）"), or "". */
  next(numId: string, ilvl: number): string {
    const num = this.defs.nums.get(numId);
    if (!num) return '';
    const levels = this.defs.abstracts.get(num.abstractId);
    const def = levels?.get(ilvl);
    if (!levels || !def) return '';
    const key = num.abstractId;
    const counts = this.counters.get(key) ?? [];
    this.counters.set(key, counts);
    const startOf = (l: number): number => num.overrides.get(l) ?? levels.get(l)?.start ?? 1;
    // A w:num with a start override restarts the list the first time it is used.
    if (!this.started.has(numId)) {
      this.started.add(numId);
      for (const l of num.overrides.keys()) counts[l] = undefined;
    }
    const current = counts[ilvl];
    counts[ilvl] = current === undefined ? startOf(ilvl) : current + 1;
    for (let l = ilvl + 1; l < 9; l++) {
      const restart = levels.get(l)?.restart;
      if (restart === undefined || (restart > 0 && restart <= ilvl + 1)) counts[l] = undefined;
    }
    if (def.format === 'bullet' || def.format === 'none') return '';
    return def.text.replace(/%([1-9])/g, (_all, d: string) => {
      const l = Number(d) - 1;
      const value = counts[l] ?? startOf(l);
      return formatNumber(value, levels.get(l)?.format ?? 'decimal');
    });
  }
}

const CN_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const CN_TRAD_DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const HEAVENLY_STEMS = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
const EARTHLY_BRANCHES = ['子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥'];

/** 12 → 十二, 20 → 二十, 105 → 一百零五 (Word's chineseCounting). */
export function chineseCounting(n: number, digits: readonly string[] = CN_DIGITS, ten = '十', hundred = '百'): string {
  if (n <= 0 || n >= 1000) return String(n);
  if (n < 10) return digits[n];
  if (n < 20) return `${ten}${n % 10 ? digits[n % 10] : ''}`;
  if (n < 100) return `${digits[Math.floor(n / 10)]}${ten}${n % 10 ? digits[n % 10] : ''}`;
  const rest = n % 100;
  const restText = rest === 0 ? '' : rest < 10 ? `${digits[0]}${digits[rest]}` : rest < 20 ? `${digits[1]}${chineseCounting(rest, digits, ten, hundred)}` : chineseCounting(rest, digits, ten, hundred);
  return `${digits[Math.floor(n / 100)]}${hundred}${restText}`;
}

function letters(n: number, base: string): string {
  let s = '';
  let v = n;
  while (v > 0) {
    v--;
    s = String.fromCharCode(base.charCodeAt(0) + (v % 26)) + s;
    v = Math.floor(v / 26);
  }
  return s;
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let s = '';
  let v = n;
  for (const [value, sym] of table) while (v >= value) { s += sym; v -= value; }
  return s;
}

export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'ideographDigital':
      return chineseCounting(n);
    case 'chineseLegalSimplified':
    case 'ideographLegalTraditional':
      return chineseCounting(n, CN_TRAD_DIGITS, '拾', '佰');
    case 'ideographTraditional':
      return n >= 1 && n <= 10 ? HEAVENLY_STEMS[n - 1] : String(n);
    case 'ideographZodiac':
      return n >= 1 && n <= 12 ? EARTHLY_BRANCHES[n - 1] : String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
    case 'ideographEnclosedCircle':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : String(n);
    case 'decimalEnclosedParen':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2474 + n - 1) : `(${n})`;
    case 'decimalEnclosedFullstop':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2488 + n - 1) : `${n}.`;
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'upperLetter':
      return letters(n, 'A');
    case 'lowerLetter':
      return letters(n, 'a');
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    default:
      return String(n);
  }
}

// ---------------------------------------------------------------------------------------------
// document.xml → lines

interface Cell {
  text: string;
  span: number;
  /** w:vMerge without "restart": continues the cell above. */
  continued: boolean;
}

/**
 * Paragraphs become lines; a table becomes one line per row with cells joined by " | " (a merged
 * header cell repeated over the columns it spans, a vertically merged cell repeated down its rows).
 */
function documentLines(xml: string, numbering: WordNumbering): string[] {
  const lines: string[] = [];
  // Nesting: tables can hold tables; each level keeps its rows and the current row's cells.
  const tables: { rows: Cell[][]; row: Cell[] | null; cell: { parts: string[]; span: number; continued: boolean } | null }[] = [];
  // A text box sits inside a run of its anchor paragraph: paragraphs nest, so they are a stack.
  const paras: { text: string[]; numId: string | null; ilvl: number | null; style: string | null }[] = [];
  let para: (typeof paras)[number] | null = null;
  let inFallback = 0;
  let inRun = false;
  let inText = false;
  let inDeleted = 0;
  let inPPr = false;

  const endParagraph = (): void => {
    if (!para) return;
    const resolved = numbering.resolve(para.numId, para.ilvl, para.style);
    const label = resolved ? numbering.next(resolved.numId, resolved.ilvl) : '';
    const text = para.text.join('');
    const line = label && text.trim() !== '' ? `${label}${text.trimStart()}` : text;
    const table = tables[tables.length - 1];
    if (table?.cell) table.cell.parts.push(line);
    else lines.push(line);
    paras.pop();
    para = paras[paras.length - 1] ?? null;
  };

  for (const t of tokens(xml)) {
    // mc:Fallback repeats a text box's content for old readers (VML): read it once, from mc:Choice.
    if (typeof t !== 'string' && t.name === 'mc:Fallback' && !t.selfClose) {
      inFallback += t.close ? -1 : 1;
      continue;
    }
    if (inFallback > 0) continue;
    if (typeof t === 'string') {
      if (para && inText && inDeleted === 0) para.text.push(t);
      continue;
    }
    const { name } = t;
    if (t.close) {
      if (name === 'w:p') endParagraph();
      else if (name === 'w:r') inRun = false;
      else if (name === 'w:t') inText = false;
      else if (name === 'w:del' || name === 'w:moveFrom') inDeleted = Math.max(0, inDeleted - 1);
      else if (name === 'w:pPr') inPPr = false;
      else if (name === 'w:tc') {
        const table = tables[tables.length - 1];
        if (table?.cell && table.row) {
          table.row.push({ text: table.cell.parts.map((p) => p.trim()).filter(Boolean).join(' ').replace(/\|/g, '｜'), span: table.cell.span, continued: table.cell.continued });
        }
        if (table) table.cell = null;
      } else if (name === 'w:tr') {
        const table = tables[tables.length - 1];
        if (table?.row) table.rows.push(table.row);
        if (table) table.row = null;
      } else if (name === 'w:tbl') {
        const table = tables.pop();
        if (table) emitTable(table.rows, tables[tables.length - 1]?.cell?.parts ?? lines);
      }
      continue;
    }
    switch (name) {
      case 'w:p':
        if (t.selfClose) {
          const table = tables[tables.length - 1];
          if (!table?.cell) lines.push('');
        } else {
          para = { text: [], numId: null, ilvl: null, style: null };
          paras.push(para);
        }
        break;
      case 'w:pPr':
        inPPr = !t.selfClose;
        break;
      case 'w:pStyle':
        if (para && inPPr) para.style = attr(t.attrs, 'w:val');
        break;
      case 'w:numId':
        if (para && inPPr) para.numId = attr(t.attrs, 'w:val');
        break;
      case 'w:ilvl':
        if (para && inPPr) para.ilvl = Number(attr(t.attrs, 'w:val') ?? 0);
        break;
      case 'w:r':
        inRun = !t.selfClose;
        break;
      case 'w:t':
        inText = !t.selfClose;
        break;
      case 'w:tab':
        if (para && inRun && inDeleted === 0) para.text.push('\t');
        break;
      case 'w:br':
      case 'w:cr':
        // A manual line break inside a paragraph: a page break is nothing, a line break a space.
        if (para && inRun && inDeleted === 0 && attr(t.attrs, 'w:type') !== 'page') para.text.push(' ');
        break;
      case 'w:del':
      case 'w:moveFrom':
        if (!t.selfClose) inDeleted++;
        break;
      case 'w:tbl':
        endParagraph();
        tables.push({ rows: [], row: null, cell: null });
        break;
      case 'w:tr':
        if (tables.length) tables[tables.length - 1].row = [];
        break;
      case 'w:tc':
        if (tables.length) tables[tables.length - 1].cell = { parts: [], span: 1, continued: false };
        break;
      case 'w:gridSpan': {
        const cell = tables[tables.length - 1]?.cell;
        if (cell) cell.span = Math.min(Math.max(Number(attr(t.attrs, 'w:val') ?? 1) || 1, 1), 64);
        break;
      }
      case 'w:vMerge': {
        const cell = tables[tables.length - 1]?.cell;
        if (cell && attr(t.attrs, 'w:val') !== 'restart') cell.continued = true;
        break;
      }
    }
  }
  endParagraph();
  return lines;
}

/** Rows as "a | b | c" lines; a one-cell table (a framed paragraph) stays plain text. */
function emitTable(rows: Cell[][], out: string[]): void {
  const grid: string[][] = [];
  for (const row of rows) {
    const cells: string[] = [];
    for (const cell of row) {
      const column = cells.length;
      const text = cell.continued ? (grid[grid.length - 1]?.[column] ?? '') : cell.text;
      for (let i = 0; i < cell.span; i++) cells.push(text);
    }
    grid.push(cells);
  }
  out.push('');
  for (const cells of grid) {
    if (cells.length <= 1) out.push(cells[0] ?? '');
    else out.push(`| ${cells.join(' | ')} |`);
  }
  out.push('');
}
