// Tasks, their departments, the append-only ledger (progress, extension and completion requests,
// 督办 notices). Table API only, so it runs unchanged on SQLite and PostgreSQL.
import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

const id = (): TableColumnOptions => ({ name: 'id', type: 'varchar', length: '36', isPrimary: true });
const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const date = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '10', isNullable: nullable });
const instant = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '24', isNullable: nullable });
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const int = (name: string): TableColumnOptions => ({ name, type: 'integer' });
const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean' });
const fk = (column: string, table: string, onDelete: 'CASCADE' | 'RESTRICT' = 'CASCADE') => ({
  columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete,
});
const reviewColumns = (): TableColumnOptions[] => [
  { name: 'status', type: 'varchar', length: '12' },
  text('review_reason', true),
  ref('reviewed_by', true),
  instant('reviewed_at', true),
  instant('created_at'),
];

export class TasksAndLedger1763900100000 implements MigrationInterface {
  name = 'TasksAndLedger1763900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'tasks',
      columns: [
        id(), ref('plan_id'), ref('item_id'), int('seq'),
        { name: 'title', type: 'varchar', length: '500' },
        ref('lead_department_id'),
        { name: 'deliverable', type: 'varchar', length: '500', isNullable: true },
        text('milestones', true),
        date('start_date'), date('due_date'), int('start_day'), int('due_day'), date('original_due_date'),
        { name: 'status', type: 'varchar', length: '24' },
        int('percent'), date('last_reported_on', true), instant('last_report_at', true), text('latest_narrative', true),
        bool('pending_extension'), date('completed_on', true), int('version'), instant('created_at'), instant('updated_at'),
      ],
      foreignKeys: [fk('plan_id', 'plans'), fk('item_id', 'plan_items'), fk('lead_department_id', 'departments', 'RESTRICT')],
      indices: [
        { name: 'idx_tasks_plan', columnNames: ['plan_id', 'seq'] },
        { name: 'idx_tasks_lead_due', columnNames: ['lead_department_id', 'due_date'] },
        { name: 'idx_tasks_status_due', columnNames: ['status', 'due_date'] },
      ],
      checks: [{ name: 'chk_tasks_status', expression: "status IN ('in_progress','completion_requested','completed')" }],
    }));
    await q.createTable(new Table({
      name: 'task_departments',
      columns: [
        { ...ref('task_id'), isPrimary: true }, { ...ref('department_id'), isPrimary: true },
        { name: 'role', type: 'varchar', length: '12' },
      ],
      foreignKeys: [fk('task_id', 'tasks'), fk('department_id', 'departments', 'RESTRICT')],
      indices: [{ name: 'idx_task_departments_department', columnNames: ['department_id', 'task_id'] }],
    }));
    await q.createTable(new Table({
      name: 'progress_reports',
      columns: [
        id(), ref('task_id'), ref('department_id'), ref('author_id'), bool('is_official'), date('reported_on'),
        int('percent'), text('narrative'), text('figures'), text('evidence'), instant('created_at'),
      ],
      foreignKeys: [fk('task_id', 'tasks')],
      indices: [{ name: 'idx_progress_reports_task', columnNames: ['task_id', 'created_at'] }],
    }));
    await q.createTable(new Table({
      name: 'progress_figures',
      columns: [
        id(), ref('report_id'), ref('task_id'), ref('plan_id'), ref('department_id'), bool('is_official'), date('reported_on'),
        { name: 'indicator', type: 'varchar', length: '100' },
        { name: 'value', type: 'double precision' },
        { name: 'unit', type: 'varchar', length: '20' },
      ],
      foreignKeys: [fk('report_id', 'progress_reports')],
      indices: [{ name: 'idx_progress_figures_plan', columnNames: ['plan_id', 'reported_on'] }],
    }));
    await q.createTable(new Table({
      name: 'extension_requests',
      columns: [
        id(), ref('task_id'), ref('department_id'), ref('requested_by'), date('requested_due_date'), date('previous_due_date'),
        text('reason'), ...reviewColumns(),
      ],
      foreignKeys: [fk('task_id', 'tasks')],
      indices: [{ name: 'idx_extension_requests_task', columnNames: ['task_id', 'created_at'] }],
      checks: [{ name: 'chk_extension_requests_status', expression: "status IN ('pending','approved','returned')" }],
    }));
    await q.createTable(new Table({
      name: 'completion_requests',
      columns: [id(), ref('task_id'), ref('department_id'), ref('requested_by'), text('summary'), ...reviewColumns()],
      foreignKeys: [fk('task_id', 'tasks')],
      indices: [{ name: 'idx_completion_requests_task', columnNames: ['task_id', 'created_at'] }],
      checks: [{ name: 'chk_completion_requests_status', expression: "status IN ('pending','approved','returned')" }],
    }));
    await q.createTable(new Table({
      name: 'supervision_notices',
      columns: [
        id(), ref('plan_id'), ref('task_id'), ref('department_id'), int('seq'),
        { name: 'number', type: 'varchar', length: '40' },
        { name: 'level', type: 'varchar', length: '8' },
        text('message'), date('respond_by'), ref('issued_by', true), date('issued_on'),
        text('response', true), ref('responded_by', true), date('responded_on', true), instant('created_at'),
      ],
      foreignKeys: [fk('task_id', 'tasks')],
      uniques: [{ name: 'uq_supervision_notices_plan_seq', columnNames: ['plan_id', 'seq'] }],
      indices: [{ name: 'idx_supervision_notices_task', columnNames: ['task_id'] }],
      checks: [{ name: 'chk_supervision_notices_level', expression: "level IN ('blue','yellow','red')" }],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['supervision_notices', 'completion_requests', 'extension_requests', 'progress_figures', 'progress_reports', 'task_departments', 'tasks']) {
      await q.dropTable(t);
    }
  }
}
