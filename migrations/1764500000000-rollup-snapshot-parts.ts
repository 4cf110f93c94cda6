// A closed quarter's snapshot is stored compressed and in parts (rollups.repository.ts): at province
// scale its JSON is ~33 MB, and one INSERT of it held SQLite's only connection — and with it every
// writer — for about a second. The parts are written one statement at a time before the closing
// transaction, which then inserts only the small quarterly_rollups row that points at them (its `data`
// is `{"parts": n, "encoding": "gzip"}`). Existing snapshots keep their inline JSON and read as before.
import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

export class RollupSnapshotParts1764500000000 implements MigrationInterface {
  name = 'RollupSnapshotParts1764500000000';

  async up(q: QueryRunner): Promise<void> {
    const binary = q.connection.driver.options.type === 'postgres' ? 'bytea' : 'blob';
    await q.createTable(new Table({
      name: 'rollup_snapshot_parts',
      columns: [
        { name: 'snapshot_id', type: 'varchar', length: '36', isPrimary: true },
        { name: 'seq', type: 'integer', isPrimary: true },
        { name: 'plan_id', type: 'varchar', length: '36' },
        { name: 'data', type: binary },
        { name: 'created_at', type: 'varchar', length: '24' },
      ],
      foreignKeys: [{ columnNames: ['plan_id'], referencedTableName: 'plans', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
    }));
    await q.createIndex('rollup_snapshot_parts', new TableIndex({ name: 'idx_rollup_snapshot_parts_plan', columnNames: ['plan_id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    // Snapshots stored in parts are brought back inline first, so reverting loses none.
    const heads: { id: string; data: string }[] = await q.query(`SELECT id, data FROM quarterly_rollups WHERE data LIKE '{"parts":%'`);
    const { gunzipSync } = await import('node:zlib');
    for (const h of heads) {
      const [sql, params] = q.connection.driver.escapeQueryWithParameters(
        'SELECT data FROM rollup_snapshot_parts WHERE snapshot_id = :id ORDER BY seq', { id: h.id });
      const parts: { data: Buffer }[] = await q.query(sql, params);
      const json = gunzipSync(Buffer.concat(parts.map((p) => Buffer.from(p.data)))).toString('utf8');
      const [update, updateParams] = q.connection.driver.escapeQueryWithParameters(
        'UPDATE quarterly_rollups SET data = :json WHERE id = :id', { json, id: h.id });
      await q.query(update, updateParams);
    }
    await q.dropIndex('rollup_snapshot_parts', 'idx_rollup_snapshot_parts_plan');
    await q.dropTable('rollup_snapshot_parts');
  }
}
