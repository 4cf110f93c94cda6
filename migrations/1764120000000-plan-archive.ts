// A plan can be archived (a misread import put aside): archived plans leave the default list and no
// longer count as the stored copy of their document, so a corrected re-import is accepted.
import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

export class PlanArchive1764120000000 implements MigrationInterface {
  name = 'PlanArchive1764120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('plans', new TableColumn({ name: 'archived_at', type: 'varchar', length: '24', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('plans', 'archived_at');
  }
}
