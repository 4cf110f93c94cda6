// Re-uploading a 任务分工表 (or re-posting a bulk assignment) must not double the plan's tasks. A
// row is "already assigned" when a task of the plan that is not cancelled has the same item and
// either the same title (whitespace and case aside) or the same lead department.
//
// Modes: without one, such rows are refused (409, every one listed, nothing stored);
// `append` stores every row anyway; `replace` cancels the existing *unstarted* tasks of every item
// the upload names (in progress, 0 %, no progress report, no request pending) and stores the new
// rows — a row that still matches a started task (kept: its history matters) is refused as above.
import type { ResolvedAssignment } from './assignment-rows';
import type { Task } from './task.entity';

export const ASSIGN_MODES = ['append', 'replace'] as const;
export type AssignMode = (typeof ASSIGN_MODES)[number];

export interface DuplicateRow {
  row: number;
  itemNumber: number;
  title: string;
  existingTaskId: string;
  existingTitle: string;
  /** Why it matches: the same title or the same lead department. */
  sameTitle: boolean;
  sameLead: boolean;
}

const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/** A task nobody has started on: replacing it loses no work. */
export function isUnstarted(t: Task): boolean {
  return t.status === 'in_progress' && t.percent === 0 && !t.lastReportAt && !t.pendingExtension;
}

export function findDuplicates(rows: ResolvedAssignment[], existing: Task[]): DuplicateRow[] {
  const byItem = new Map<string, Task[]>();
  for (const t of existing) if (t.status !== 'cancelled') byItem.set(t.itemId, [...(byItem.get(t.itemId) ?? []), t]);
  const out: DuplicateRow[] = [];
  for (const r of rows) {
    const match = (byItem.get(r.item.id) ?? []).find((t) => norm(t.title) === norm(r.title) || t.leadDepartmentId === r.leadDepartmentId);
    if (!match) continue;
    out.push({
      row: r.row, itemNumber: r.item.number, title: r.title, existingTaskId: match.id, existingTitle: match.title,
      sameTitle: norm(match.title) === norm(r.title), sameLead: match.leadDepartmentId === r.leadDepartmentId,
    });
  }
  return out;
}
