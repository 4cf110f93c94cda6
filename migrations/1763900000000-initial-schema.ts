// Written with the QueryRunner Table API only (no raw SQL, no driver-specific types) so that the
// same migration runs on SQLite and PostgreSQL. Instants are ISO-8601 UTC strings and calendar
// dates 'YYYY-MM-DD' strings: they compare and sort alike on both drivers, without date functions.
import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true });
const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const instant = (name: string): TableColumnOptions => ({ name, type: 'varchar', length: '24' });
const fk = (column: string, table: string, onDelete: 'CASCADE' | 'SET NULL' | 'RESTRICT' = 'CASCADE') => ({
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete,
});

export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'departments',
        columns: [
          id(),
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'short_name', type: 'varchar', length: '100', isNullable: true },
          { name: 'kind', type: 'varchar', length: '16', default: "'other'" },
          instant('created_at'),
          instant('updated_at'),
        ],
        checks: [{ name: 'chk_departments_kind', expression: "kind IN ('town','street','bureau','office','other')" }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'department_names',
        columns: [
          { name: 'key', type: 'varchar', length: '100', isPrimary: true },
          ref('department_id'),
          { name: 'text', type: 'varchar', length: '100' },
          { name: 'kind', type: 'varchar', length: '8' },
        ],
        foreignKeys: [fk('department_id', 'departments')],
        indices: [{ name: 'idx_department_names_department', columnNames: ['department_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          id(),
          { name: 'username', type: 'varchar', length: '64', isUnique: true },
          { name: 'password_hash', type: 'varchar', length: '100' },
          { name: 'role', type: 'varchar', length: '16' },
          ref('department_id', true),
          { name: 'disabled', type: 'boolean' },
          { name: 'token_version', type: 'integer', default: 0 },
          instant('created_at'),
          instant('updated_at'),
        ],
        checks: [{ name: 'chk_users_role', expression: "role IN ('admin','department','leader')" }],
        foreignKeys: [fk('department_id', 'departments', 'RESTRICT')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'plans',
        columns: [
          id(),
          { name: 'year', type: 'integer' },
          { name: 'title', type: 'varchar', length: '300' },
          { name: 'doc_number', type: 'varchar', length: '100', isNullable: true },
          { name: 'issuer', type: 'varchar', length: '200', isNullable: true },
          { name: 'issued_on', type: 'varchar', length: '10', isNullable: true },
          { name: 'lead_office', type: 'varchar', length: '200', isNullable: true },
          { name: 'supervising_office', type: 'varchar', length: '200', isNullable: true },
          { name: 'fingerprint', type: 'varchar', length: '64', isUnique: true },
          { name: 'source_name', type: 'varchar', length: '255', isNullable: true },
          { name: 'warnings', type: 'text' },
          ref('created_by', true),
          instant('created_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'plan_sections',
        columns: [
          id(),
          ref('plan_id'),
          ref('parent_id', true),
          { name: 'level', type: 'integer' },
          { name: 'ordinal', type: 'varchar', length: '16' },
          { name: 'title', type: 'varchar', length: '300' },
          { name: 'position', type: 'integer' },
          { name: 'line', type: 'integer' },
        ],
        foreignKeys: [fk('plan_id', 'plans')],
        indices: [{ name: 'idx_plan_sections_plan', columnNames: ['plan_id', 'position'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'plan_items',
        columns: [
          id(),
          ref('plan_id'),
          ref('section_id'),
          { name: 'number', type: 'integer' },
          { name: 'label', type: 'varchar', length: '16' },
          { name: 'title', type: 'varchar', length: '500' },
          { name: 'body', type: 'text' },
          { name: 'position', type: 'integer' },
          { name: 'line', type: 'integer' },
          { name: 'suggestions', type: 'text', isNullable: true },
        ],
        foreignKeys: [fk('plan_id', 'plans'), fk('section_id', 'plan_sections')],
        indices: [{ name: 'idx_plan_items_plan', columnNames: ['plan_id', 'position'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_logs',
        columns: [
          id(),
          ref('actor_id', true),
          { name: 'action', type: 'varchar', length: '64' },
          { name: 'entity_type', type: 'varchar', length: '32' },
          { name: 'entity_id', type: 'varchar', length: '36' },
          { name: 'before', type: 'text', isNullable: true },
          { name: 'after', type: 'text', isNullable: true },
          instant('created_at'),
        ],
        indices: [{ name: 'idx_audit_logs_entity', columnNames: ['entity_type', 'entity_id'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['audit_logs', 'plan_items', 'plan_sections', 'plans', 'users', 'department_names', 'departments']) {
      await q.dropTable(table);
    }
  }
}
