import { describe, expect, it } from '@jest/globals';
import type { ResolvedAssignment } from './assignment-rows';
import { findDuplicates, isUnstarted } from './assignment-duplicates';
import type { Task } from './task.entity';

const item = (id: string, number: number) => ({ id, number }) as ResolvedAssignment['item'];
const row = (r: number, itemId: string, title: string, lead: string): ResolvedAssignment => ({
  row: r, item: item(itemId, Number(itemId.slice(1))), title, leadDepartmentId: lead, cooperatingDepartmentIds: [], dueDate: '2026-12-31', deliverable: null, milestones: null,
});
const task = (id: string, itemId: string, title: string, lead: string, extra: Partial<Task> = {}) =>
  ({ id, itemId, title, leadDepartmentId: lead, status: 'in_progress', percent: 0, lastReportAt: null, pendingExtension: false, ...extra }) as Task;

describe('rows already assigned', () => {
  const existing = [task('t1', 'i1', '建立清单', 'A'), task('t2', 'i2', '修订办法', 'B'), task('t3', 'i3', '已撤销的', 'C', { status: 'cancelled' })];

  it('matches the same item with the same title (spacing aside) or the same lead', () => {
    const dups = findDuplicates([
      row(1, 'i1', '建立 清单', 'Z'), // same title
      row(2, 'i2', '另一项', 'B'), // same lead
      row(3, 'i2', '另一项', 'C'), // neither
      row(4, 'i4', '建立清单', 'A'), // another item
      row(5, 'i3', '已撤销的', 'C'), // only a cancelled task matches
    ], existing);
    expect(dups.map((d) => [d.row, d.existingTaskId, d.sameTitle, d.sameLead])).toEqual([[1, 't1', true, false], [2, 't2', false, true]]);
  });

  it('calls a task unstarted only with no progress, no report and no request pending', () => {
    expect(isUnstarted(task('a', 'i', 't', 'A'))).toBe(true);
    expect(isUnstarted(task('a', 'i', 't', 'A', { percent: 10 }))).toBe(false);
    expect(isUnstarted(task('a', 'i', 't', 'A', { lastReportAt: '2026-03-01T00:00:00.000Z' }))).toBe(false);
    expect(isUnstarted(task('a', 'i', 't', 'A', { pendingExtension: true }))).toBe(false);
    expect(isUnstarted(task('a', 'i', 't', 'A', { status: 'completion_requested' }))).toBe(false);
  });
});
