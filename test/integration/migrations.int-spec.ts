import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/app-config';
import { buildDataSourceOptions } from '../../config/typeorm-options';
import { databaseRequirement } from '../helpers/requirements';
import { createTestDatabase, TestDatabase, TestDbType } from '../helpers/test-database';

const APP_TABLES = [
  'users', 'departments', 'department_names', 'plans', 'plan_sections', 'plan_items', 'audit_logs',
  'tasks', 'task_departments', 'progress_reports', 'progress_figures', 'extension_requests', 'completion_requests', 'supervision_notices',
  'calendar_years', 'reminders', 'notifications', 'quarterly_rollups', 'indicators', 'rollup_snapshot_parts',
];

async function tableNames(ds: DataSource): Promise<string[]> {
  const rows: { name: string }[] =
    ds.options.type === 'postgres'
      ? await ds.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`)
      : await ds.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
  return rows.map((r) => r.name).filter((n) => n !== 'migrations');
}

for (const type of ['sqlite', 'postgres'] as TestDbType[]) {
  const need = databaseRequirement(type);
  need.describe(need.title(`migrations on ${type}`), () => {
    let db: TestDatabase;
    let ds: DataSource;

    beforeAll(async () => {
      db = await createTestDatabase(type);
      ds = new DataSource(buildDataSourceOptions(loadConfig({ ...db.env, NODE_ENV: 'test' })));
      await ds.initialize();
    });

    afterAll(async () => {
      if (ds?.isInitialized) await ds.destroy();
      await db?.drop();
    });

    it('runs up to a schema that matches the entities exactly, and down to nothing', async () => {
      const applied = await ds.runMigrations({ transaction: 'each' });
      expect(applied.length).toBe(ds.migrations.length);
      expect((await tableNames(ds)).sort()).toEqual([...APP_TABLES].sort());

      // No drift: the schema builder finds nothing to change between entities and migrated schema.
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);

      // Running again applies nothing.
      expect(await ds.runMigrations()).toEqual([]);

      for (let i = 0; i < ds.migrations.length; i++) await ds.undoLastMigration({ transaction: 'each' });
      expect(await tableNames(ds)).toEqual([]);

      // And up again after a full revert.
      expect((await ds.runMigrations()).length).toBe(ds.migrations.length);
    });
  });
}
