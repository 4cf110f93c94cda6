// Turns assignment rows (from the JSON bulk route or a 任务分工表 sheet) into tasks ready to store,
// collecting every problem of every row so the whole batch is rejected with one complete list.
import { isValidDate } from '../../common/time/business-date';
import { planDateProblem } from '../../common/validation/calendar-date';
import type { ResolvedName } from '../departments/departments.service';
import type { PlanItem } from '../plans/plan-item.entity';
import { parseDueText } from './due-date-text';
import type { RowError } from './tasks.errors';

/** A row as entered: departments by id, name or alias; due date as a date or a 完成时限 text. */
export interface AssignmentRow {
  row: number;
  itemNumber?: number;
  itemId?: string;
  /** The raw 序号 text when it could not be read as a number (sheets). */
  itemText?: string;
  title?: string;
  leadDepartment: string;
  cooperatingDepartments: string[];
  dueDate: string;
  deliverable?: string;
  milestones?: { date: string; description: string }[];
}

export interface ResolvedAssignment {
  row: number;
  item: PlanItem;
  title: string;
  leadDepartmentId: string;
  cooperatingDepartmentIds: string[];
  dueDate: string;
  deliverable: string | null;
  milestones: { date: string; description: string }[] | null;
}

/** Column / field names used in error messages: JSON fields or the sheet's Chinese headers. */
export interface FieldNames {
  item: string;
  title: string;
  lead: string;
  cooperating: string;
  due: string;
}

export const JSON_FIELDS: FieldNames = { item: 'itemNumber', title: 'title', lead: 'leadDepartment', cooperating: 'cooperatingDepartments', due: 'dueDate' };
export const SHEET_FIELDS: FieldNames = { item: '序号', title: '工作任务', lead: '牵头单位', cooperating: '配合单位', due: '完成时限' };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ResolveContext {
  planYear: number;
  items: PlanItem[];
  /** Departments by id (for references given as ids). */
  departmentIds: Set<string>;
  /** Names and aliases resolved through the directory. */
  names: Map<string, ResolvedName>;
  fields: FieldNames;
}

export function departmentReferences(rows: AssignmentRow[]): { ids: string[]; names: string[] } {
  const all = rows.flatMap((r) => [r.leadDepartment, ...r.cooperatingDepartments]).map((s) => s.trim()).filter(Boolean);
  return { ids: all.filter((s) => UUID_RE.test(s)), names: all.filter((s) => !UUID_RE.test(s)) };
}

export function resolveAssignments(rows: AssignmentRow[], ctx: ResolveContext): { ok: ResolvedAssignment[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const byNumber = new Map<number, PlanItem[]>();
  for (const item of ctx.items) byNumber.set(item.number, [...(byNumber.get(item.number) ?? []), item]);
  const byId = new Map(ctx.items.map((i) => [i.id, i]));
  const f = ctx.fields;

  const department = (row: number, field: string, ref: string): string | null => {
    const text = ref.trim();
    if (UUID_RE.test(text)) {
      if (ctx.departmentIds.has(text)) return text;
      errors.push({ row, field, message: `部门 ${text} 不存在` });
      return null;
    }
    const hit = ctx.names.get(text)?.departmentId;
    if (hit) return hit;
    errors.push({ row, field, message: `未知部门「${text}」（请先在部门目录中添加该名称或别名）` });
    return null;
  };

  const ok: ResolvedAssignment[] = [];
  for (const r of rows) {
    const before = errors.length;
    let item: PlanItem | undefined;
    if (r.itemId) {
      item = byId.get(r.itemId);
      if (!item) errors.push({ row: r.row, field: 'itemId', message: `工作要点 ${r.itemId} 不属于该计划` });
    } else if (r.itemNumber !== undefined) {
      const found = byNumber.get(r.itemNumber) ?? [];
      if (found.length === 1) item = found[0];
      else if (found.length === 0) errors.push({ row: r.row, field: f.item, message: `计划中没有第 ${r.itemNumber} 条工作要点` });
      else errors.push({ row: r.row, field: f.item, message: `编号 ${r.itemNumber} 在计划中不唯一，请使用 itemId` });
    } else {
      errors.push({ row: r.row, field: f.item, message: r.itemText ? `无法识别的序号「${r.itemText}」` : '缺少工作要点编号' });
    }

    const lead = r.leadDepartment.trim() ? department(r.row, f.lead, r.leadDepartment) : null;
    if (!r.leadDepartment.trim()) errors.push({ row: r.row, field: f.lead, message: '牵头单位不能为空' });
    const cooperating: string[] = [];
    for (const c of r.cooperatingDepartments) {
      const id = department(r.row, f.cooperating, c);
      if (id && id !== lead && !cooperating.includes(id)) cooperating.push(id);
    }

    let dueDate: string | null = null;
    const dueText = r.dueDate.trim();
    if (/^\d{4}-\d{2}-\d{2}$/.test(dueText) && isValidDate(dueText)) dueDate = dueText;
    else {
      const parsed = parseDueText(dueText, ctx.planYear);
      if (parsed.ok) dueDate = parsed.date;
      else errors.push({ row: r.row, field: f.due, message: parsed.message });
    }
    const dueProblem = dueDate ? planDateProblem(dueDate, ctx.planYear) : null;
    if (dueProblem) {
      errors.push({ row: r.row, field: f.due, message: dueProblem });
      dueDate = null;
    }
    (r.milestones ?? []).forEach((m, i) => {
      const problem = planDateProblem(m.date, ctx.planYear);
      if (problem) errors.push({ row: r.row, field: `milestones[${i}].date`, message: problem });
    });

    if (errors.length === before && item && lead && dueDate) {
      ok.push({
        row: r.row,
        item,
        title: r.title?.trim() || item.title,
        leadDepartmentId: lead,
        cooperatingDepartmentIds: cooperating,
        dueDate,
        deliverable: r.deliverable?.trim() || null,
        milestones: r.milestones?.length ? r.milestones : null,
      });
    }
  }
  return { ok, errors };
}

/** Splits a cell listing several departments: 、 ， , ； ; spaces and line breaks. */
export function splitDepartments(cell: string): string[] {
  return cell.split(/[、，,；;\s]+/u).map((s) => s.trim()).filter(Boolean);
}
