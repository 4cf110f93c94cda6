// Quarterly roll-up snapshots (季度汇总), plus the indexes the roll-up and dashboard aggregates read
// through. Table API only, so it runs unchanged on SQLite and PostgreSQL.
import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

export class Rollups1763900200000 implements MigrationInterface {
  name = 'Rollups1763900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'quarterly_rollups',
      columns: [
        { name: 'id', type: 'varchar', length: '36', isPrimary: true },
        { name: 'plan_id', type: 'varchar', length: '36' },
        { name: 'quarter', type: 'varchar', length: '6' },
        { name: 'period_start', type: 'varchar', length: '10' },
        { name: 'period_end', type: 'varchar', length: '10' },
        { name: 'data', type: 'text' },
        { name: 'closed_by', type: 'varchar', length: '36', isNullable: true },
        { name: 'closed_at', type: 'varchar', length: '24' },
      ],
      foreignKeys: [{ columnNames: ['plan_id'], referencedTableName: 'plans', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      // The key that makes closing idempotent, and the index every snapshot lookup uses.
      uniques: [{ name: 'uq_quarterly_rollups_plan_quarter', columnNames: ['plan_id', 'quarter'] }],
    }));
    // Roll-ups and the dashboard group a plan's tasks by lead department (and scope department users to theirs).
    await q.createIndex('tasks', new TableIndex({ name: 'idx_tasks_plan_lead', columnNames: ['plan_id', 'lead_department_id'] }));
    // Figure sums: official figures of a plan within a quarter, by indicator and unit — covered by the index.
    await q.createIndex('progress_figures', new TableIndex({
      name: 'idx_progress_figures_rollup', columnNames: ['plan_id', 'is_official', 'reported_on', 'task_id', 'indicator', 'unit', 'value'],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('progress_figures', 'idx_progress_figures_rollup');
    await q.dropIndex('tasks', 'idx_tasks_plan_lead');
    await q.dropTable('quarterly_rollups');
  }
}
