// Reads the dashboard's drill-downs need beyond the roll-up aggregates (RollupsRepository): which
// chapter each listed task sits in, so the overdue list can be filtered by chapter.
import { Injectable } from '@nestjs/common';
import { inChunks } from '../../common/database/chunks';
import { TransactionalRepository } from '../../common/database/transactional-repository';

@Injectable()
export class DashboardRepository extends TransactionalRepository {
  /** The chapter (top-level section) of each task, by task id; ids of other plans are left out. */
  async chapterOfTasks(planId: string, taskIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await inChunks(taskIds, (ids) => this.rows<{ id: string; chapterId: string }>(`
      SELECT t.id AS id, COALESCE(s.parent_id, s.id) AS "chapterId"
      FROM tasks t
        JOIN plan_items i ON i.id = t.item_id
        JOIN plan_sections s ON s.id = i.section_id
      WHERE t.plan_id = :planId AND t.id IN (:...ids)`, { planId, ids }));
    return new Map(rows.map((r) => [String(r.id), String(r.chapterId)]));
  }
}
