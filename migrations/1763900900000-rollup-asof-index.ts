// The roll-up's "progress as of a day" reads each task's newest official report on or before that
// day: this index lets both drivers seek straight to it (and covers the percent).
import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

export class RollupAsOfIndex1763900900000 implements MigrationInterface {
  name = 'RollupAsOfIndex1763900900000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('progress_reports', new TableIndex({
      name: 'idx_progress_reports_as_of', columnNames: ['task_id', 'is_official', 'reported_on', 'created_at', 'id', 'percent'],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('progress_reports', 'idx_progress_reports_as_of');
  }
}
