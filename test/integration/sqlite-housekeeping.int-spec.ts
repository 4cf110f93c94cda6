// The SQLite WAL stays bounded: a burst of writes (one large transaction) leaves a large -wal file,
// which the next automatic checkpoint truncates to the journal size limit, and the periodic TRUNCATE
// checkpoint empties; sustained small writes never grow it past the limit.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import 'reflect-metadata';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/app-config';
import { buildDataSourceOptions, WAL_SIZE_LIMIT_BYTES } from '../../config/typeorm-options';
import { SqliteHousekeeping } from '../../src/common/database/sqlite-housekeeping';
import { TransactionRunner } from '../../src/common/database/transaction-runner';

const MB = 1024 * 1024;

describe('SQLite WAL housekeeping', () => {
  let dir: string;
  let path: string;
  let ds: DataSource;
  let tx: TransactionRunner;
  let housekeeping: SqliteHousekeeping;
  const walSize = () => {
    try {
      return statSync(`${path}-wal`).size;
    } catch {
      return 0;
    }
  };
  const payload = 'x'.repeat(1000);
  const writeRows = (n: number) =>
    tx.run(async (em) => {
      for (let i = 0; i < n; i += 500) {
        const count = Math.min(500, n - i);
        await em.query(`INSERT INTO filler (body) VALUES ${Array(count).fill('(?)').join(',')}`, Array(count).fill(payload));
      }
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'duban-wal-'));
    path = join(dir, 'wal.sqlite');
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_PATH: path });
    ds = new DataSource({ ...buildDataSourceOptions(config), migrations: [] });
    await ds.initialize();
    await ds.query('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    tx = new TransactionRunner(ds);
    housekeeping = new SqliteHousekeeping(ds, tx);
  });
  afterAll(async () => {
    await ds?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the -wal file under the limit through 300 write transactions', async () => {
    let largest = 0;
    for (let i = 0; i < 300; i++) {
      await writeRows(100); // ~100 KB each, 30 MB in all
      largest = Math.max(largest, walSize());
    }
    expect(largest).toBeLessThanOrEqual(WAL_SIZE_LIMIT_BYTES);
  });

  it('shrinks the -wal file after a burst: to the limit at the next commit, to nothing at the periodic checkpoint', async () => {
    const rowsBefore = Number((await ds.query('SELECT count(*) AS n FROM filler'))[0].n);
    await writeRows(40_000); // one ~40 MB transaction: the WAL must hold all of it until commit
    expect(walSize()).toBeGreaterThan(30 * MB);
    await writeRows(1); // the next commit runs the automatic checkpoint and applies journal_size_limit
    expect(walSize()).toBeLessThanOrEqual(WAL_SIZE_LIMIT_BYTES);
    const result = await housekeeping.checkpoint();
    expect(result).toMatchObject({ busy: 0 });
    expect(walSize()).toBe(0);
    expect(Number((await ds.query('SELECT count(*) AS n FROM filler'))[0].n)).toBe(rowsBefore + 40_001);
  });
});
