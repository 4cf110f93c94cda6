// Real databases for integration and e2e tests: a fresh SQLite file, or a fresh PostgreSQL
// database created on the server at TEST_PG_URL (default: the local server, trust auth).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type TestDbType = 'sqlite' | 'postgres';

export interface TestDatabase {
  type: TestDbType;
  env: Record<string, string>;
  drop(): Promise<void>;
}

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The driver e2e suites run on: TEST_DB_TYPE=postgres switches them (CI runs both). */
export function e2eDbType(): TestDbType {
  return process.env.TEST_DB_TYPE === 'postgres' ? 'postgres' : 'sqlite';
}

export async function createTestDatabase(type: TestDbType): Promise<TestDatabase> {
  if (type === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'duban-test-'));
    return {
      type,
      env: { DB_TYPE: 'sqlite', DATABASE_PATH: join(dir, 'test.sqlite'), DATA_DIR: dir },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `duban_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(join(tmpdir(), 'duban-test-'));
  return {
    type,
    env: { DB_TYPE: 'postgres', DATABASE_URL: url.toString(), DATA_DIR: dir },
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
