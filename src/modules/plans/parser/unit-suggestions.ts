/**
 * Reads the responsible-unit and deadline notes printed with an item — separate lines
 * ("牵头单位：…", "责任单位：…", "时限要求：…") or a trailing parenthetical ("（牵头单位：…）",
 * "〔责任单位：…〕", "(X、Y牽頭,Z按職責分工負責)") — into lead / co-operating suggestions.
 * They are suggestions only: the importer matches the names against the department directory.
 */
import type { ItemSuggestions } from './plan-parser.types.js';
import { endsSentence, endsWithCloser, matchingOpen, trimEndOf, zh, zhAny } from './plan-text.js';

type NoteCategory = 'lead' | 'unit' | 'cooperating' | 'due' | 'person';

const LABELS: Readonly<Record<NoteCategory, readonly string[]>> = {
  lead: ['牵头单位', '牵头部门', '牵头责任单位', '牵头责任部门', '主办单位', '主责单位', '主责部门', '牵头处室'],
  unit: ['责任单位', '责任部门', '责任主体', '实施单位', '承办单位', '负责单位', '落实单位', '责任处室', '责任科室', '实施主体'],
  cooperating: ['配合单位', '配合部门', '协办单位', '协同单位', '参与单位', '协作单位', '协助单位', '配合处室'],
  due: ['完成时限', '时限要求', '完成时间', '时间要求', '时间节点', '完成期限', '进度安排', '时限'],
  // Named people are not units; their lines are notes, kept out of the body and the unit lists.
  person: ['责任领导', '责任人', '分管领导', '牵头领导', '联系人', '责任科长'],
};

const CATEGORY_PATTERNS = (Object.keys(LABELS) as NoteCategory[]).map((category) => ({
  category,
  pattern: new RegExp(`^(?:${zhAny(LABELS[category])})$`),
}));

const ALL_LABELS = zhAny(Object.values(LABELS).flat());
const LABEL_AT_START = new RegExp(`^[（(〔【\\[]?\\s*(?:${ALL_LABELS})\\s*[:：]`);
const LABEL_ANYWHERE = new RegExp(`(${ALL_LABELS})\\s*[:：]`, 'g');
/** A note after the item's last sentence on the same line: "…工作。责任单位：区发改局". */
const LABEL_AFTER_SENTENCE = new RegExp(`[。；;！？!?][ \\t]{0,4}(?=(?:${ALL_LABELS})\\s{0,4}[:：])`);

/** One note: its category, the text after the label, and how it was printed. */
export interface UnitNote {
  category: NoteCategory | 'unlabelled';
  /** Printed label ("牵头单位"), or "" for an unlabelled parenthetical. */
  label: string;
  content: string;
  /** The whole note as printed, for unitText. */
  raw: string;
}

/** A line that is a note by itself: "责任单位：…", "（牵头单位：…）", "牵头单位：…；配合单位：…". */
export function isNoteLine(text: string): boolean {
  return LABEL_AT_START.test(text);
}

function categoryOf(label: string): NoteCategory {
  return CATEGORY_PATTERNS.find((c) => c.pattern.test(label))?.category ?? 'unit';
}

/** Splits "牵头单位：A；配合单位：B" into its labelled parts. */
export function readLabelledNotes(text: string): UnitNote[] {
  const inner = stripWrappingBrackets(text.trim());
  const matches = [...inner.matchAll(LABEL_ANYWHERE)];
  return matches.map((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = i + 1 < matches.length ? matches[i + 1].index ?? inner.length : inner.length;
    const content = trimEndOf(inner.slice(start, end).trim(), '；;，,');
    return { category: categoryOf(m[1]), label: m[1], content, raw: inner.slice(m.index ?? 0, end).trim() };
  });
}

/** "（牵头单位：A；配合单位：B）。" → "牵头单位：A；配合单位：B" */
function stripWrappingBrackets(text: string): string {
  const t = trimEndOf(text, '。；;');
  return t.length >= 2 && matchingOpen(t, t.length - 1) === 0 ? t.slice(1, -1).trim() : text;
}

const LEAD_WORD = zh('牵头');
const UNLABELLED_UNITS = new RegExp(`${LEAD_WORD}(?:[,，;；、\\s]|$)|(?:${zhAny(['负责', '配合'])})$`);

/**
 * Takes the unit notes off the end of a paragraph: a trailing parenthetical with a label or with
 * 牵头 / 负责 in it, or a labelled note after the last sentence. Returns the paragraph without them.
 */
export function takeTrailingNotes(paragraph: string): { text: string; notes: UnitNote[] } {
  let text = paragraph.trim();
  const notes: UnitNote[] = [];
  for (;;) {
    const taken = takeTrailingParenthetical(text);
    if (!taken) break;
    notes.unshift(...taken.notes);
    text = taken.text;
  }
  const after = LABEL_AFTER_SENTENCE.exec(text);
  if (after) {
    const at = after.index + after[0].length;
    notes.unshift(...readLabelledNotes(text.slice(at)));
    text = text.slice(0, after.index + 1).trim();
  }
  return { text, notes };
}

/** A labelled note in brackets inside the text: "…落实（牵头单位：市司法局）。同时…". */
const EMBEDDED_NOTE = new RegExp(`[（(〔【]\\s*(?:${ALL_LABELS})\\s*[:：][^（()）〔〕【】]{0,300}[）)〕】]`, 'g');

/** Takes labelled bracket notes out of the middle of a paragraph (more text follows them on the line). */
export function takeEmbeddedNotes(paragraph: string): { text: string; notes: UnitNote[] } {
  if (!LABEL_ANYWHERE_TEST.test(paragraph)) return { text: paragraph, notes: [] };
  const notes: UnitNote[] = [];
  const text = paragraph.replace(EMBEDDED_NOTE, (raw) => {
    notes.push(...readLabelledNotes(raw));
    return '';
  });
  return { text: text.replace(/\s{2,}/g, ' ').trim(), notes };
}

const LABEL_ANYWHERE_TEST = new RegExp(`(?:${ALL_LABELS})\\s*[:：]`);

function takeTrailingParenthetical(text: string): { text: string; notes: UnitNote[] } | null {
  let body = text;
  let finalStop = '';
  // "…落实（牵头单位：A）。": the full stop belongs to the sentence, not to the note.
  if ('。.；;'.includes(body[body.length - 1] ?? '') && endsWithCloser(body.slice(0, -1))) {
    finalStop = body[body.length - 1];
    body = body.slice(0, -1);
  }
  if (!endsWithCloser(body)) return null;
  const open = matchingOpen(body, body.length - 1);
  if (open < 0) return null;
  const raw = body.slice(open);
  const inner = raw.slice(1, -1).trim();
  let notes: UnitNote[];
  if (isNoteLine(inner)) notes = readLabelledNotes(inner);
  else if (UNLABELLED_UNITS.test(inner)) notes = [{ category: 'unlabelled', label: '', content: inner, raw }];
  else return null;
  return { text: restWithStop(body.slice(0, open), finalStop), notes };
}

function restWithStop(rest: string, stop: string): string {
  const trimmed = rest.trim();
  return stop && trimmed && !endsSentence(trimmed) ? `${trimmed}${stop}` : trimmed;
}

/** True when the paragraph ends with a unit parenthetical: a complete line, not a cut sentence. */
export function endsWithUnitParenthetical(text: string): boolean {
  const t = text.trim();
  return endsWithCloser(t.replace(/[。.；;]$/, '')) && /[（(〔【[［]/.test(t) && takeTrailingParenthetical(t) !== null;
}

type Role = 'lead' | 'cooperating' | 'bare';

interface RoleUnit {
  name: string;
  role: Role;
}

const NOTE_IN_LIST = new RegExp(`[（(][^（()）]*?(?:${zhAny(['下同', '牵头单位', '第一责任', '为准', '负总责'])})[^（()）]*?[）)]`, 'g');
const DUTY_CLAUSE = new RegExp(
  `(?:按照?|根据|依)?(?:${zh('职责')})?(?:分工)?(?:${zhAny(['分别', '共同', '各自'])})?(?:${zhAny(['负责', '牵头', '配合', '参与', '协助', '落实'])})$`,
);
// "X、Y牵头" (the whole clause leads), not "X、Y（牵头）" (only Y: see readUnitName).
const LEAD_CLAUSE = new RegExp(`(?<![（(])(?:${zhAny(['牵头', '主责'])})$`);
const COOP_CLAUSE = new RegExp(`(?<![（(])(?:${zhAny(['配合', '参与', '协助', '协办'])})$`);
const OWN_ROLE = new RegExp(`[（(](${zhAny(['牵头', '主责', '配合', '参与', '协助'])})[）)]$`);

/** A deadline written inside a unit list: "9月底完成", "2024年6月底前", "持续推进", "长期坚持". */
const DEADLINE_CLAUSE = new RegExp(
  `^(?:(?:[0-9０-９]{4}\\s*年\\s*)?(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\\s*月(?:份)?(?:底|末|上旬|中旬|下旬|[0-9０-９]{1,2}\\s*日)?|[0-9０-９]{4}\\s*年(?:底|内|末)?|年底|年内|年中|年末|上半年|下半年|全年|每年|每季度?|每月|第[一二三四]季度(?:末)?|${zhAny(['长期坚持', '长期', '持续推进', '持续开展', '持续', '常态化推进', '常态化', '立即', '及时', '适时'])})(?:前|以前|之前)?(?:${zhAny(['完成', '落实', '到位', '推进', '实施'])})?$`,
);

/** The usual last characters of a unit name; a space after one of them separates two names. */
const UNIT_END = /[局委办辦室院所部会會厅廳处處科队隊站镇鎮乡鄉街道府司馆館社团團中心行组組庭校区區县縣市村]$/;

/** Splits on the separator outside brackets: "各县（市、区）人民政府、市司法局" has one 、 to split on. */
function splitOutsideBrackets(text: string, separators: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    if ('（(〔【[［'.includes(c)) depth++;
    else if ('）)〕】]］'.includes(c) && depth > 0) depth--;
    if (depth === 0 && separators.includes(c)) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

/** "区 司法局" is one name a layout split; "区审计局 区司法局" two names. */
function splitOnSpaces(text: string): string[] {
  const pieces = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (const piece of pieces) {
    const last = out[out.length - 1];
    if (last !== undefined && !(UNIT_END.test(last) && last.length >= 2 && piece.length >= 2)) out[out.length - 1] = `${last}${piece}`;
    else out.push(piece);
  }
  return out;
}

/** "市委编办及市直有关单位" → two names; "及" and "以及" join names, "和" only before a collective ("和各镇街"). */
function splitConjunctions(text: string): string[] {
  return text
    .split(new RegExp(`以及|${zh('及')}(?=\\S{2})|${zh('和')}(?=${zhAny(['各', '有关', '相关', '其他', '市直', '区直', '县直', '所属'])})`))
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * Splits a unit list into names with their roles. Clauses are cut on ，；, names on 、, 及 and
 * spaces between whole names; a clause ending in 牵头 makes its names leads, one ending in 配合
 * co-operators; a clause that is a deadline ("9月底完成") is returned as such, not as a unit.
 * Notes such as "(第一责任单位为牵头单位,下同)" and sentences after 。 are rules, not units.
 */
export function splitUnits(content: string): RoleUnit[] {
  return readUnitList(content).units;
}

export function readUnitList(content: string): { units: RoleUnit[]; due: string[]; carriesForward: boolean } {
  const withoutRules = content.replace(NOTE_IN_LIST, '');
  const firstSentence = splitOutsideBrackets(withoutRules, '。')[0];
  const units: RoleUnit[] = [];
  const due: string[] = [];
  let carriesForward = false;
  for (const clause of splitOutsideBrackets(firstSentence, '，,；;')) {
    let text = clause.trim();
    if (!text) continue;
    if (new RegExp(`^(?:以)?${zh('下同')}$`).test(text)) {
      carriesForward = true;
      continue;
    }
    if (DEADLINE_CLAUSE.test(text.replace(/\s+/g, ''))) {
      due.push(text);
      continue;
    }
    let role: Role = 'bare';
    if (LEAD_CLAUSE.test(text)) role = 'lead';
    else if (COOP_CLAUSE.test(text)) role = 'cooperating';
    text = text.replace(DUTY_CLAUSE, '').trim();
    for (const listed of splitOutsideBrackets(text, '、')) {
      for (const joined of splitConjunctions(listed)) {
        for (const piece of splitOnSpaces(joined)) {
          const unit = readUnitName(piece, role);
          if (unit) units.push(unit);
        }
      }
    }
  }
  return { units, due, carriesForward };
}

/** One name; "区发改局（牵头）" marks its own role. */
function readUnitName(piece: string, clauseRole: Role): RoleUnit | null {
  let name = piece.trim();
  let role = clauseRole;
  const own = OWN_ROLE.exec(name);
  if (own) {
    role = LEAD_CLAUSE.test(own[1]) ? 'lead' : 'cooperating';
    name = name.slice(0, own.index);
  }
  name = name
    .replace(DUTY_CLAUSE, '')
    .replace(/^(?:由|请|請)/, '')
    .replace(/^[“"'‘《]+|[”"'’》]+$/g, '')
    .replace(new RegExp(`${zh('等')}(?:${zhAny(['部门', '单位', '有关部门', '相关部门', '有关单位', '相关单位'])})?$`), '')
    .trim();
  return name ? { name, role } : null;
}

/** Merges an item's notes into suggestions; undefined when it has no unit or deadline note. */
export function toSuggestions(notes: readonly UnitNote[]): ItemSuggestions | undefined {
  const unitNotes = notes.filter((n) => n.category !== 'due' && n.category !== 'person');
  const dueNotes = notes.filter((n) => n.category === 'due');
  if (unitNotes.length === 0 && dueNotes.length === 0) return undefined;

  const lead: string[] = [];
  const cooperating: string[] = [];
  const bare: string[] = [];
  const dueInUnits: string[] = [];
  let carriesForward = false;
  for (const note of unitNotes) {
    const list = readUnitList(note.content);
    dueInUnits.push(...list.due);
    carriesForward ||= list.carriesForward;
    for (const unit of list.units) {
      if (note.category === 'lead') lead.push(unit.name);
      else if (note.category === 'cooperating') cooperating.push(unit.name);
      else if (unit.role === 'lead') lead.push(unit.name);
      else if (unit.role === 'cooperating') cooperating.push(unit.name);
      else bare.push(unit.name);
    }
  }
  // A bare 责任单位 list names the lead first ("第一责任单位为牵头单位"), unless a lead is printed.
  if (lead.length === 0 && bare.length > 0) lead.push(bare.shift() as string);
  cooperating.push(...bare);

  const leads = unique(lead);
  const suggestions: ItemSuggestions = { lead: leads, cooperating: unique(cooperating).filter((u) => !leads.includes(u)) };
  const due = [...dueNotes.map((n) => trimEndOf(n.content, '。；;，,')), ...dueInUnits].filter(Boolean);
  if (due.length > 0) suggestions.dueText = due.join('；');
  const unitText = describeUnits(unitNotes);
  if (unitText) suggestions.unitText = unitText;
  if (carriesForward && (leads.length > 0 || suggestions.cooperating.length > 0)) suggestions.carriesForward = true;
  return suggestions;
}

/** One note: its text as printed (after the label); several: "牵头单位：A；责任单位：B". */
function describeUnits(notes: readonly UnitNote[]): string {
  if (notes.length === 1) return notes[0].category === 'unlabelled' ? notes[0].raw : notes[0].content;
  return notes.map((n) => (n.category === 'unlabelled' ? n.raw : `${n.label}：${n.content}`)).join('；');
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}
