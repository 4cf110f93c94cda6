// Roll-ups are kept up to date on write (rollups/ledger-model.ts): every transaction that changes what a
// roll-up counts stamps the plan with the next change number and the tasks it touched with the same
// number, so a process holding a plan's ledger in memory reloads exactly the tasks changed since it
// last looked (one indexed read) instead of recounting the plan. `structure_seq` is stamped when the
// plan's chapters or items change, which every task of the plan depends on (a full reload).
// Closed quarters keep their overall figures beside the snapshot (`overall`), so the trend of the
// dashboard reads four small values instead of parsing four whole snapshots.
import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

export class LedgerChangeSequence1764410000000 implements MigrationInterface {
  name = 'LedgerChangeSequence1764410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('plans', new TableColumn({ name: 'change_seq', type: 'integer', default: 0 }));
    await q.addColumn('plans', new TableColumn({ name: 'structure_seq', type: 'integer', default: 0 }));
    // Nullable, no default: see Task.changeSeq. Existing tasks (null) are loaded with the plan's first load.
    await q.addColumn('tasks', new TableColumn({ name: 'change_seq', type: 'integer', isNullable: true }));
    await q.createIndex('tasks', new TableIndex({ name: 'idx_tasks_plan_change', columnNames: ['plan_id', 'change_seq'] }));
    // The ledger model loads a task's figures by task.
    await q.createIndex('progress_figures', new TableIndex({ name: 'idx_progress_figures_task', columnNames: ['task_id'] }));
    await q.addColumn('quarterly_rollups', new TableColumn({ name: 'overall', type: 'text', isNullable: true }));
    // Existing snapshots: their overall figures, read once from the stored view.
    const rows: { id: string; data: string | object }[] = await q.query('SELECT id, data FROM quarterly_rollups');
    for (const r of rows) {
      const data = (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as { view?: { overall?: unknown } };
      if (!data?.view?.overall) continue;
      const [sql, params] = q.connection.driver.escapeQueryWithParameters(
        'UPDATE quarterly_rollups SET overall = :overall WHERE id = :id', { overall: JSON.stringify(data.view.overall), id: r.id });
      await q.query(sql, params);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    // Native DROP COLUMN (PostgreSQL; SQLite 3.35+, as bundled by better-sqlite3 12). TypeORM's dropColumn
    // rebuilds the table on SQLite, and dropping the old tasks or plans table would cascade to every row
    // hanging on it (the revert runs in a transaction, where PRAGMA foreign_keys = OFF has no effect).
    await q.query('ALTER TABLE "quarterly_rollups" DROP COLUMN "overall"');
    await q.dropIndex('progress_figures', 'idx_progress_figures_task');
    await q.dropIndex('tasks', 'idx_tasks_plan_change');
    await q.query('ALTER TABLE "tasks" DROP COLUMN "change_seq"');
    await q.query('ALTER TABLE "plans" DROP COLUMN "structure_seq"');
    await q.query('ALTER TABLE "plans" DROP COLUMN "change_seq"');
  }
}
