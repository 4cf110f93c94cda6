// Task cancellation (撤销) and acknowledgement (签收); reminders that carry their own text (events
// sent to a department's robot) and the acknowledgement reminder; notifications with a link and an
// event key (one notification per event and user). Existing rows keep their values: the new
// columns are nullable, and the widened CHECKs accept every value the old ones did. Table API only.
import { MigrationInterface, QueryRunner, TableCheck, TableColumn, TableUnique } from 'typeorm';

const TASK_STATUS_OLD = "status IN ('in_progress','completion_requested','completed')";
const TASK_STATUS_NEW = "status IN ('in_progress','completion_requested','completed','cancelled')";
const REMINDER_KIND_OLD = "kind IN ('before_due','due','overdue','quarterly')";
const REMINDER_KIND_NEW = "kind IN ('before_due','due','overdue','quarterly','acknowledge','event')";

/** Tables whose rows hang on a task (ON DELETE CASCADE), parents before children. */
const TASK_CHILDREN = ['task_departments', 'progress_reports', 'progress_figures', 'extension_requests', 'completion_requests', 'supervision_notices'];

/**
 * SQLite changes a CHECK or drops a column by rebuilding the table, and TypeORM reverts inside a
 * transaction where PRAGMA foreign_keys = OFF has no effect: dropping the old tasks table would
 * cascade to every row hanging on a task. Those rows are kept aside and put back.
 */
async function keepingTaskChildren(q: QueryRunner, rebuild: () => Promise<void>): Promise<void> {
  if (q.connection.driver.options.type === 'postgres') return rebuild();
  const existing = new Set((await q.query(`SELECT name FROM sqlite_master WHERE type = 'table'`) as { name: string }[]).map((r) => r.name));
  const kept = TASK_CHILDREN.filter((t) => existing.has(t));
  for (const t of kept) await q.query(`CREATE TEMP TABLE "keep_${t}" AS SELECT * FROM "${t}"`);
  await rebuild();
  for (const t of kept) {
    await q.query(`DELETE FROM "${t}"`);
    await q.query(`INSERT INTO "${t}" SELECT * FROM "keep_${t}"`);
    await q.query(`DROP TABLE "keep_${t}"`);
  }
}

export class TaskLifecycleAndEvents1764300000000 implements MigrationInterface {
  name = 'TaskLifecycleAndEvents1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('tasks', [
      new TableColumn({ name: 'cancelled_at', type: 'varchar', length: '24', isNullable: true }),
      new TableColumn({ name: 'cancelled_by', type: 'varchar', length: '36', isNullable: true }),
      new TableColumn({ name: 'cancel_reason', type: 'text', isNullable: true }),
    ]);
    await q.dropCheckConstraint('tasks', 'chk_tasks_status');
    await q.createCheckConstraint('tasks', new TableCheck({ name: 'chk_tasks_status', expression: TASK_STATUS_NEW }));

    await q.addColumns('task_departments', [
      new TableColumn({ name: 'acknowledged_at', type: 'varchar', length: '24', isNullable: true }),
      new TableColumn({ name: 'acknowledged_by', type: 'varchar', length: '36', isNullable: true }),
    ]);

    await q.addColumns('reminders', [
      new TableColumn({ name: 'title', type: 'varchar', length: '200', isNullable: true }),
      new TableColumn({ name: 'body', type: 'text', isNullable: true }),
    ]);
    await q.dropCheckConstraint('reminders', 'chk_reminders_kind');
    await q.createCheckConstraint('reminders', new TableCheck({ name: 'chk_reminders_kind', expression: REMINDER_KIND_NEW }));

    await q.addColumns('notifications', [
      new TableColumn({ name: 'link', type: 'varchar', length: '200', isNullable: true }),
      new TableColumn({ name: 'event_key', type: 'varchar', length: '160', isNullable: true }),
    ]);
    await q.createUniqueConstraint('notifications', new TableUnique({ name: 'uq_notifications_event_user', columnNames: ['event_key', 'user_id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropUniqueConstraint('notifications', 'uq_notifications_event_user');
    await q.dropColumns('notifications', ['event_key', 'link']);
    // Rows of the new kinds cannot live under the old CHECK: they go first.
    await q.manager.createQueryBuilder().delete().from('reminders').where('kind IN (:...kinds)', { kinds: ['acknowledge', 'event'] }).execute();
    await q.dropCheckConstraint('reminders', 'chk_reminders_kind');
    await q.createCheckConstraint('reminders', new TableCheck({ name: 'chk_reminders_kind', expression: REMINDER_KIND_OLD }));
    await q.dropColumns('reminders', ['body', 'title']);
    await q.dropColumns('task_departments', ['acknowledged_by', 'acknowledged_at']);
    // A cancelled task has no place under the old CHECK: it comes back as in progress (its cancellation stays in the audit trail).
    await q.manager.createQueryBuilder().update('tasks').set({ status: 'in_progress' }).where('status = :s', { s: 'cancelled' }).execute();
    await keepingTaskChildren(q, async () => {
      await q.dropCheckConstraint('tasks', 'chk_tasks_status');
      await q.createCheckConstraint('tasks', new TableCheck({ name: 'chk_tasks_status', expression: TASK_STATUS_OLD }));
      await q.dropColumns('tasks', ['cancel_reason', 'cancelled_by', 'cancelled_at']);
    });
  }
}
