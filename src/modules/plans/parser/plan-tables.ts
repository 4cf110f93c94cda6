/**
 * Reads tables — Markdown / pipe tables in text, and Word tables (the .docx reader writes each row
 * as "a | b | c") — as tables: a 任务分工表 (序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限) becomes
 * one numbered line per task row, with its unit and deadline columns written as labelled notes
 * ("（牵头单位：…；配合单位：…；完成时限：…）") that the item reader already understands. Header
 * rows, separator rows, empty rows and tables without a task column are left out of the items.
 */
import { zh } from './plan-text.js';

/** A row of a flattened table: at least two "|" (a leading and trailing pipe are optional). */
export function isTableRowText(text: string): boolean {
  return (text.match(/\|/g) ?? []).length >= 2;
}

export function splitRow(text: string): string[] {
  let t = text.trim();
  if (t.startsWith('|')) t = t.slice(1);
  if (t.endsWith('|') && !t.endsWith('\\|')) t = t.slice(0, -1);
  return t.split(/(?<!\\)\|/).map((c) => c.replace(/\\\|/g, '|').trim());
}

const SEPARATOR_CELL = /^:?-{2,}:?$/;

type Role = 'number' | 'task' | 'lead' | 'cooperating' | 'unit' | 'due' | 'person' | 'other';

const ROLE_PATTERNS: [Role, RegExp][] = [
  ['number', new RegExp(`^(?:${zh('序号')}|编号|編號|No\\.?)$`)],
  ['person', new RegExp(`${zh('责任领导')}|${zh('分管领导')}|${zh('责任人')}|${zh('联系人')}|${zh('牵头领导')}`)],
  ['cooperating', new RegExp(`${zh('配合')}|${zh('协办')}|${zh('协同')}|${zh('参与')}`)],
  ['lead', new RegExp(`${zh('牵头')}|${zh('主责')}|${zh('主办单位')}`)],
  ['unit', new RegExp(`${zh('责任单位')}|${zh('责任部门')}|${zh('责任处室')}|${zh('责任科室')}|${zh('责任主体')}|${zh('承办单位')}|${zh('实施单位')}|${zh('落实单位')}`)],
  ['due', new RegExp(`${zh('时限')}|${zh('完成时间')}|${zh('时间节点')}|${zh('时间安排')}|${zh('进度安排')}|${zh('完成期限')}`)],
  ['task', new RegExp(`${zh('任务')}|${zh('内容')}|${zh('事项')}|${zh('工作要点')}|${zh('重点工作')}|${zh('具体措施')}|${zh('工作措施')}|${zh('主要措施')}|${zh('项目')}|${zh('目标')}`)],
];

function roleOf(label: string): Role {
  const l = label.replace(/\s+/g, '');
  if (!l) return 'other';
  for (const [role, pattern] of ROLE_PATTERNS) if (pattern.test(l)) return role;
  return 'other';
}

/** A header row: every non-empty cell is a short label and at least one names a known column. */
function isHeaderRow(cells: readonly string[]): boolean {
  const filled = cells.filter((c) => c !== '');
  if (filled.length < 2) return false;
  if (!filled.every((c) => c.length <= 16 && !/[。；;]/.test(c))) return false;
  const roles = filled.map(roleOf);
  return roles.some((r) => r === 'task' || r === 'lead' || r === 'unit' || r === 'number') && roles.filter((r) => r !== 'other').length >= 2;
}

/**
 * A two-row header flattened to text loses its merged cells: "序号 | 内容清单 | 责任清单 | 措施清单"
 * over "责任领导 | 责任人 | 责任处室 | …". The second row names the columns under the first row's
 * group cells; which cells are groups follows from the column count of the data rows.
 */
function mergeHeaders(top: readonly string[], sub: readonly string[], width: number): string[] {
  if (top.length === width && sub.length === width) return top.map((t, i) => sub[i] || t);
  const groups = top.length + sub.length - width;
  if (groups <= 0 || groups > top.length || sub.length < groups) return [...top];
  // The leading single columns (序号, the task) are not groups; groups come after them.
  let first = top.findIndex((t) => !['number', 'task'].includes(roleOf(t)));
  if (first < 0 || first + groups > top.length) first = top.length - groups;
  const shares = (a: string, b: string): boolean => [...a.replace(/清单|單|单|表/g, '')].some((ch) => b.includes(ch));
  const columns: string[] = [...top.slice(0, first)];
  let s = 0;
  for (let g = 0; g < groups; g++) {
    const parent = top[first + g];
    const next = top[first + g + 1];
    const leftForOthers = groups - g - 1;
    let taken = 0;
    while (s < sub.length - leftForOthers) {
      // A child that matches the next group rather than this one starts the next group.
      if (taken > 0 && g + 1 < groups && next && shares(next, sub[s]) && !shares(parent, sub[s])) break;
      if (taken > 0 && g + 1 < groups && !shares(parent, sub[s])) break;
      columns.push(sub[s++]);
      taken++;
    }
  }
  columns.push(...top.slice(first + groups));
  return columns.length === width ? columns : [...top];
}

export interface TableLine {
  /** Index in the document's lines. */
  index: number;
  cells: string[];
}

const CHAPTER_CELL = /^(?:[一二三四五六七八九十]{1,3}\s*[、．.]|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}[章部])/;

/**
 * Rewrites one table (consecutive row lines) into the lines the parser reads: a task row becomes
 * "N. task（牵头单位：…；配合单位：…；完成时限：…）", a full-width group row ("一、依法行政") its own
 * heading line; everything else (header, separator, empty rows) a blank line. Returns null when the
 * table has no task column: then its rows stay table text and never become items.
 */
export function rewriteTable(rows: readonly TableLine[]): Map<number, string> | null {
  const out = new Map<number, string>();
  const body = rows.filter((r) => !r.cells.every((c) => c === '' || SEPARATOR_CELL.test(c)));
  const headerAt = body.findIndex((r) => isHeaderRow(r.cells));
  if (headerAt < 0) return null;
  const header = body[headerAt];
  const dataRows = body.slice(headerAt + 1);
  let columns = header.cells;
  let firstData = 0;
  const sub = dataRows[0];
  const dataWidth = dataRows.find((r, i) => i > 0 && r.cells.filter(Boolean).length > 1)?.cells.length ?? sub?.cells.length ?? 0;
  // A second header row; in a Word table its vertically merged cells repeat the first row's (序号).
  if (sub && isHeaderRow(sub.cells) && sub.cells.every((c, i) => roleOf(c) !== 'number' || c === '' || c === header.cells[i])) {
    columns = mergeHeaders(header.cells.filter(Boolean), sub.cells.filter(Boolean), dataWidth);
    firstData = 1;
  }
  const roles = columns.map(roleOf);
  const taskColumn = roles.indexOf('task');
  if (taskColumn < 0) return null;
  // With both 工作任务 and 具体措施 columns, the first is the task, the later ones join its body.
  const extraTask = roles.map((r, i) => (r === 'task' && i !== taskColumn ? i : -1)).filter((i) => i >= 0);
  const numberColumn = roles.indexOf('number');

  for (const row of rows) out.set(row.index, '');
  let running = 0;
  for (const row of dataRows.slice(firstData)) {
    const cells = row.cells;
    const filled = cells.filter((c) => c !== '');
    if (filled.length === 0) continue;
    if (filled.length === 1 || (new Set(filled).size === 1 && CHAPTER_CELL.test(filled[0]))) {
      // A row spanning the table: a chapter heading ("一、依法行政") or a caption; never an item.
      if (CHAPTER_CELL.test(filled[0])) out.set(row.index, filled[0]);
      continue;
    }
    // A header repeated on every page of a long table.
    if (isHeaderRow(cells)) continue;
    const task = [cells[taskColumn] ?? '', ...extraTask.map((i) => cells[i] ?? '')].filter(Boolean).join('；');
    if (!task) continue;
    const printed = numberColumn >= 0 ? (cells[numberColumn] ?? '').trim() : '';
    running = /^[0-9]{1,4}$/.test(printed) ? Number(printed) : running + 1;
    const notes: string[] = [];
    roles.forEach((role, i) => {
      const value = (cells[i] ?? '').trim();
      if (!value) return;
      if (role === 'lead') notes.push(`牵头单位：${value}`);
      else if (role === 'cooperating') notes.push(`配合单位：${value}`);
      else if (role === 'unit') notes.push(`责任单位：${value}`);
      else if (role === 'due') notes.push(`完成时限：${value}`);
    });
    out.set(row.index, `${running}. ${task.trim()}${notes.length ? `（${notes.join('；')}）` : ''}`);
  }
  return out;
}
