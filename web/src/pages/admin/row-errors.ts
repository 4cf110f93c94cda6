// Row errors of an all-or-nothing batch (POST /plans/:id/tasks, assignments/import, PATCH /tasks/:id):
// the server lists every bad row and field in `details.errors`; pages show them on the row and cell.
import { ApiError } from '../../api/client';
import type { RowError } from '../../api/types';

export function rowErrorsOf(err: unknown): RowError[] {
  if (!(err instanceof ApiError)) return [];
  const details = err.body.details as { errors?: unknown } | undefined;
  if (!details || !Array.isArray(details.errors)) return [];
  return details.errors.filter(
    (e): e is RowError => typeof e === 'object' && e !== null && typeof (e as RowError).row === 'number' && typeof (e as RowError).field === 'string',
  );
}

/** Errors keyed by row, then by field: "3" → { leadDepartment: '未知部门「区交通局」' }. */
export function errorsByRow(errors: RowError[]): Map<number, Record<string, string>> {
  const out = new Map<number, Record<string, string>>();
  for (const e of errors) {
    const row = out.get(e.row) ?? {};
    row[e.field] = row[e.field] ? `${row[e.field]}；${e.message}` : e.message;
    out.set(e.row, row);
  }
  return out;
}

/**
 * Rows a 409 names as already assigned (`details.duplicates` of a re-posted assignment: the row and
 * the existing task's title), keyed by row number.
 */
export function conflictRowsOf(err: unknown): Map<number, string> {
  const out = new Map<number, string>();
  if (!(err instanceof ApiError) || err.status !== 409) return out;
  const list = (err.body.details as { duplicates?: unknown } | undefined)?.duplicates;
  if (!Array.isArray(list)) return out;
  for (const d of list) {
    const row = (d as { row?: unknown }).row;
    const title = (d as { existingTitle?: unknown }).existingTitle;
    if (typeof row === 'number') out.set(row, typeof title === 'string' ? title : '');
  }
  return out;
}
