// Reminders (the outbox BullMQ is fed from), in-app notifications, the working-day calendar the
// legal office enters, per-department webhooks and per-plan reminder policies. Table API only.
import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions } from 'typeorm';

const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const instant = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '24', isNullable: nullable });
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });

export class RemindersAndCalendar1763900300000 implements MigrationInterface {
  name = 'RemindersAndCalendar1763900300000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'calendar_years',
      columns: [
        { name: 'year', type: 'integer', isPrimary: true },
        text('holidays'), text('workdays'), ref('entered_by', true), instant('updated_at'),
      ],
    }));
    await q.createTable(new Table({
      name: 'reminders',
      columns: [
        { ...ref('id'), isPrimary: true },
        { name: 'key', type: 'varchar', length: '160', isUnique: true },
        ref('plan_id'), ref('task_id', true), ref('department_id'),
        { name: 'kind', type: 'varchar', length: '16' },
        { name: 'seq', type: 'integer' },
        { name: 'due_date', type: 'varchar', length: '10', isNullable: true },
        instant('fire_at'),
        { name: 'status', type: 'varchar', length: '12' },
        { name: 'attempt', type: 'integer' },
        { name: 'job_id', type: 'varchar', length: '80', isNullable: true },
        { name: 'webhook_status', type: 'varchar', length: '12' },
        ref('webhook_claim', true),
        text('last_error', true), instant('sent_at', true), instant('created_at'), instant('updated_at'),
      ],
      foreignKeys: [{ columnNames: ['plan_id'], referencedTableName: 'plans', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      indices: [
        { name: 'idx_reminders_status_fire', columnNames: ['status', 'fire_at'] },
        { name: 'idx_reminders_task', columnNames: ['task_id'] },
        { name: 'idx_reminders_webhook', columnNames: ['webhook_status', 'department_id'] },
      ],
      checks: [
        { name: 'chk_reminders_status', expression: "status IN ('planned','queued','sent','cancelled','failed','skipped')" },
        { name: 'chk_reminders_kind', expression: "kind IN ('before_due','due','overdue','quarterly')" },
      ],
    }));
    await q.createTable(new Table({
      name: 'notifications',
      columns: [
        { ...ref('id'), isPrimary: true },
        ref('user_id'), ref('reminder_id', true), ref('task_id', true), ref('plan_id', true),
        { name: 'kind', type: 'varchar', length: '16' },
        { name: 'title', type: 'varchar', length: '200' },
        text('body'), instant('created_at'), instant('read_at', true),
      ],
      foreignKeys: [{ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      uniques: [{ name: 'uq_notifications_reminder_user', columnNames: ['reminder_id', 'user_id'] }],
      indices: [{ name: 'idx_notifications_user', columnNames: ['user_id', 'created_at'] }],
    }));
    await q.addColumns('departments', [
      new TableColumn({ name: 'webhook_url', type: 'varchar', length: '500', isNullable: true }),
      new TableColumn({ name: 'webhook_kind', type: 'varchar', length: '12', isNullable: true }),
      new TableColumn({ name: 'webhook_secret', type: 'varchar', length: '200', isNullable: true }),
    ]);
    await q.addColumn('plans', new TableColumn({ name: 'reminder_policy', type: 'text', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('plans', 'reminder_policy');
    await q.dropColumns('departments', ['webhook_secret', 'webhook_kind', 'webhook_url']);
    await q.dropTable('notifications');
    await q.dropTable('reminders');
    await q.dropTable('calendar_years');
  }
}
