// Assignment rows from the JSON bulk body or a 任务分工表 sheet pass the same DTO rules
// (validateDto with CreateTaskDto): every bad row and field is collected for one complete answer.
import { validateDto } from '../../common/http/validation';
import { InvalidInput } from '../../common/errors/domain-error';
import { AssignmentRow, FieldNames, JSON_FIELDS } from './assignment-rows';
import { CreateTaskDto } from './dto/create-task.dto';
import type { RowError } from './tasks.errors';

/** One batch, JSON or sheet: the same cap, stated in both routes' messages. */
export const MAX_ASSIGNMENT_ROWS = 2000;

const FIELD_OF: Record<string, keyof FieldNames> = {
  itemNumber: 'item', title: 'title', leadDepartment: 'lead', cooperatingDepartments: 'cooperating', dueDate: 'due',
};

/** The field name as the user wrote it: the JSON key, or the sheet's column header. */
function fieldName(path: string, names: FieldNames): string {
  const head = /^[A-Za-z]+/.exec(path)?.[0] ?? path;
  const key = FIELD_OF[head];
  return key ? names[key] + path.slice(head.length) : path;
}

export async function validateAssignmentRows(
  input: { row: number; value: unknown; itemText?: string }[],
  names: FieldNames = JSON_FIELDS,
): Promise<{ rows: AssignmentRow[]; errors: RowError[] }> {
  const rows: AssignmentRow[] = [];
  const errors: RowError[] = [];
  for (const { row, value, itemText } of input) {
    const checked = await validateDto(CreateTaskDto, value);
    if (!checked.ok) {
      errors.push(...checked.problems.map((p) => ({ row, field: fieldName(p.field, names), message: p.message })));
      continue;
    }
    const dto = checked.value;
    if (dto.itemNumber === undefined && dto.itemId === undefined && itemText === undefined) {
      errors.push({ row, field: names.item, message: '必须提供 itemNumber 或 itemId' });
      continue;
    }
    rows.push({
      row, itemNumber: dto.itemNumber, itemId: dto.itemId, itemText, title: dto.title, leadDepartment: dto.leadDepartment,
      cooperatingDepartments: dto.cooperatingDepartments ?? [], dueDate: dto.dueDate, deliverable: dto.deliverable, milestones: dto.milestones,
    });
  }
  return { rows, errors };
}

/** The JSON bulk body: an array of 1 … MAX_ASSIGNMENT_ROWS task objects. */
export async function validateBulkBody(body: unknown): Promise<{ rows: AssignmentRow[]; errors: RowError[] }> {
  if (!Array.isArray(body)) throw new InvalidInput('body: 必须是任务数组');
  if (body.length === 0) throw new InvalidInput('body: 任务数组不能为空');
  if (body.length > MAX_ASSIGNMENT_ROWS) throw new InvalidInput(`body: 一次最多 ${MAX_ASSIGNMENT_ROWS} 个任务`);
  return validateAssignmentRows(body.map((value, i) => ({ row: i + 1, value })));
}

/** Sheet rows as read (text cells) become the same shape as JSON rows before validation. */
export function sheetRowInput(r: AssignmentRow): { row: number; value: unknown; itemText?: string } {
  const value: Record<string, unknown> = { leadDepartment: r.leadDepartment, dueDate: r.dueDate };
  if (r.itemNumber !== undefined) value.itemNumber = r.itemNumber;
  if (r.title !== undefined) value.title = r.title;
  if (r.cooperatingDepartments.length) value.cooperatingDepartments = r.cooperatingDepartments;
  if (r.deliverable !== undefined) value.deliverable = r.deliverable;
  return { row: r.row, value, itemText: r.itemText };
}
