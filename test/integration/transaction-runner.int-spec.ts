// PITFALLS C2: TypeORM's SQLite driver shares one connection, so concurrent transactions entangle and
// one request's rollback can undo another's write. TransactionRunner serialises them; these tests
// show the trap on a raw DataSource and its absence through the runner, on a real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import 'reflect-metadata';
import { DataSource, EntityManager } from 'typeorm';
import { loadConfig } from '../../config/app-config';
import { buildDataSourceOptions } from '../../config/typeorm-options';
import { newId } from '../../src/common/database/ids';
import { TransactionRunner } from '../../src/common/database/transaction-runner';
import { Department } from '../../src/modules/departments/department.entity';
import { databaseRequirement } from '../helpers/requirements';
import { createTestDatabase, TestDatabase, TestDbType } from '../helpers/test-database';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function dept(name: string): Department {
  const now = new Date(0).toISOString();
  return { id: newId(), name, shortName: null, kind: 'other', createdAt: now, updatedAt: now };
}

/** 20 writers; every 3rd inserts, waits (so others interleave) and then fails. */
async function concurrentWrites(transaction: <T>(fn: (em: EntityManager) => Promise<T>) => Promise<T>) {
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) =>
      transaction(async (em) => {
        await em.insert(Department, dept(`dept-${i}`));
        await pause(i % 3 === 0 ? 20 : 1);
        if (i % 3 === 0) throw new Error(`writer ${i} fails after its insert`);
        return `dept-${i}`;
      }),
    ),
  );
  return results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<string>).value).sort();
}

async function storedNames(ds: DataSource): Promise<string[]> {
  return (await ds.getRepository(Department).find()).map((d) => d.name).sort();
}

for (const type of ['sqlite', 'postgres'] as TestDbType[]) {
  const need = databaseRequirement(type);
  need.describe(need.title(`TransactionRunner on ${type}`), () => {
    let db: TestDatabase;
    let ds: DataSource;

    beforeAll(async () => {
      db = await createTestDatabase(type);
      ds = new DataSource({ ...buildDataSourceOptions(loadConfig({ ...db.env, NODE_ENV: 'test' })), migrationsRun: true });
      await ds.initialize();
    });
    afterAll(async () => {
      if (ds?.isInitialized) await ds.destroy();
      await db?.drop();
    });

    it('commits exactly the transactions that succeeded while others roll back concurrently', async () => {
      await ds.createQueryBuilder().delete().from(Department).execute();
      const runner = new TransactionRunner(ds);
      const succeeded = await concurrentWrites((fn) => runner.run(fn));
      expect(succeeded.length).toBe(13);
      expect(await storedNames(ds)).toEqual(succeeded);
    });

    it('joins an outer transaction when run() is nested, so an inner failure rolls back the whole', async () => {
      await ds.createQueryBuilder().delete().from(Department).execute();
      const runner = new TransactionRunner(ds);
      await expect(
        runner.run(async (em) => {
          await em.insert(Department, dept('outer'));
          await runner.run(async (inner) => {
            expect(inner).toBe(em);
            await inner.insert(Department, dept('inner'));
          });
          throw new Error('outer fails');
        }),
      ).rejects.toThrow('outer fails');
      expect(await storedNames(ds)).toEqual([]);
    });

    if (type === 'sqlite') {
      it('documents the trap: raw concurrent dataSource.transaction() calls on SQLite lose or corrupt writes', async () => {
          await ds.createQueryBuilder().delete().from(Department).execute();
        const succeeded = await concurrentWrites((fn) => ds.transaction(fn));
        // Without serialisation the committed rows differ from the successful calls (rolled back with
        // a failing neighbour, or the calls themselves fail with nested-transaction errors).
        const stored = await storedNames(ds);
        const consistent = succeeded.length === 13 && JSON.stringify(stored) === JSON.stringify(succeeded);
        expect(consistent).toBe(false);
      });
    }
  });
}
