// Migration 1764500000000 stores closed quarters compressed in parts; reverting it brings every snapshot
// stored that way back inline in quarterly_rollups.data, so no closed quarter is lost by a rollback.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import 'reflect-metadata';
import { gzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/app-config';
import { buildDataSourceOptions } from '../../config/typeorm-options';
import { MIGRATIONS } from '../../migrations/index';
import { databaseRequirement } from '../helpers/requirements';
import { createTestDatabase, TestDatabase, TestDbType } from '../helpers/test-database';

for (const type of ['sqlite', 'postgres'] as TestDbType[]) {
  const need = databaseRequirement(type);
  need.describe(need.title(`the snapshot parts migration on ${type}`), () => {
    let db: TestDatabase;
    let ds: DataSource;

    beforeAll(async () => {
      db = await createTestDatabase(type);
      const options = buildDataSourceOptions(loadConfig({ ...db.env, NODE_ENV: 'test' }));
      ds = new DataSource({ ...options, migrations: MIGRATIONS } as typeof options);
      await ds.initialize();
      await ds.runMigrations({ transaction: 'each' });
    });
    afterAll(async () => {
      if (ds?.isInitialized) await ds.destroy();
      await db?.drop();
    });

    it('brings snapshots stored in parts back inline when reverted, and leaves inline ones as they were', async () => {
      expect(MIGRATIONS.at(-1)!.name).toBe('RollupSnapshotParts1764500000000');
      const q = async (sql: string, params: Record<string, unknown> = {}) => {
        const [query, bound] = ds.driver.escapeQueryWithParameters(sql, params);
        return ds.query(query, bound);
      };
      const at = '2026-07-01T00:00:00.000Z';
      await q(`INSERT INTO plans (id, year, title, fingerprint, warnings, created_at) VALUES ('p1', 2026, '要点', 'f', '[]', :at)`, { at });
      const data = { view: { overall: { total: 3 }, byDepartment: [{ name: '区司法局' }] }, meta: { quarter: '2026Q2' }, facts: { lines: ['x'.repeat(3000)] } };
      const packed = gzipSync(JSON.stringify(data));
      const half = Math.ceil(packed.length / 2);
      for (const [seq, part] of [packed.subarray(0, half), packed.subarray(half)].entries()) {
        await q('INSERT INTO rollup_snapshot_parts (snapshot_id, seq, plan_id, data, created_at) VALUES (:id, :seq, :plan, :data, :at)', { id: 's2', seq, plan: 'p1', data: part, at });
      }
      const insert = (id: string, quarter: string, json: string) =>
        q(`INSERT INTO quarterly_rollups (id, plan_id, quarter, period_start, period_end, data, closed_by, closed_at) VALUES (:id, 'p1', :quarter, '2026-04-01', '2026-06-30', :json, NULL, :at)`,
          { id, quarter, json, at });
      await insert('s1', '2026Q1', JSON.stringify({ view: { overall: { total: 1 } } }));
      await insert('s2', '2026Q2', JSON.stringify({ parts: 2, encoding: 'gzip' }));

      await ds.undoLastMigration({ transaction: 'each' });
      const rows: { id: string; data: string }[] = await q('SELECT id, data FROM quarterly_rollups ORDER BY id');
      expect(rows.map((r) => [r.id, JSON.parse(r.data)])).toEqual([['s1', { view: { overall: { total: 1 } } }], ['s2', data]]);
      await ds.runMigrations({ transaction: 'each' });
    });
  });
}
