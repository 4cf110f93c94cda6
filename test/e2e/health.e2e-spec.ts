// Liveness, readiness and /api/health as a load balancer and an operator see them.
import { afterEach, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { Warmup } from '../../src/common/lifecycle/warmup';
import { LedgerModel } from '../../src/modules/rollups/ledger-model';
import { startWorld } from '../factories/world.factory';
import { PrivateRedis } from '../helpers/private-redis';
import { startTestApp, TestApp } from '../helpers/test-app';
import { postgresRequirement } from '../helpers/requirements';

const postgres = postgresRequirement();

describe('health (e2e)', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it('is live and ready on a migrated database; Redis down leaves it ready but degraded', async () => {
    const redis = await PrivateRedis.start();
    cleanup.push(() => redis.stop());
    const t = await startTestApp({ dbType: 'sqlite', env: { REDIS_URL: redis.url } });
    cleanup.push(() => t.close());
    expect((await t.http().get('/api/health/live')).body).toEqual({ status: 'ok' });
    const ready = await t.http().get('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', db: 'up', redis: 'up', pendingMigrations: [], warming: [] });

    await redis.down();
    const degraded = await t.http().get('/api/health/ready');
    expect(degraded.status).toBe(200);
    expect(degraded.body).toMatchObject({ status: 'degraded', db: 'up', redis: 'down' });
    const health = await t.http().get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', db: 'up', redis: 'down' });
  });

  it('is not ready while a migration of this version is pending, and ready once it is applied', async () => {
    // As a process of a newer version sees a database the deploy step has not migrated yet.
    const migrated = await startTestApp({ dbType: 'sqlite' });
    cleanup.push(() => migrated.close());
    const ds = migrated.app.get(DataSource);
    const last = ds.migrations[ds.migrations.length - 1].name!;
    await ds.query(`DELETE FROM migrations WHERE name = ?`, [last]);
    const notReady = await migrated.http().get('/api/health/ready');
    expect(notReady.status).toBe(503);
    expect(notReady.body).toMatchObject({ status: 'error', pendingMigrations: [last] });
    // /api/health speaks of the database only: it is up.
    expect((await migrated.http().get('/api/health')).status).toBe(200);
    await ds.query(`INSERT INTO migrations (timestamp, name) VALUES (?, ?)`, [Number(last.match(/\d{13}/)![0]), last]);
    expect((await migrated.http().get('/api/health/ready')).status).toBe(200);
  });

  it('loads the plans’ ledgers at boot with LEDGER_PRELOAD and is not ready until they are loaded', async () => {
    const world = await startWorld({ dbType: 'sqlite', env: { WORKER_IN_API: 'false' } });
    cleanup.push(() => world.close());
    await world.t.http().post(`/api/plans/${world.planId}/tasks`).set({ Authorization: `Bearer ${world.t.adminToken}` })
      .send([{ itemNumber: 1, leadDepartment: '法制办', dueDate: '2016-06-30' }]).expect(201);
    // A second process on the same database, booting with the preload on.
    const b = await createApp({ ...world.t.config, rollups: { ...world.t.config.rollups, preloadLedgers: true } }, { logger: false, docsUi: false });
    cleanup.push(() => b.close());
    await b.getHttpAdapter().getInstance().ready();
    await b.get(Warmup).settled();
    expect(b.get(LedgerModel).holds(world.planId)).toBe(true);
    expect((await request(b.getHttpServer()).get('/api/health/ready')).body).toMatchObject({ status: 'ok', warming: [] });

    // While something is still loading, readiness says so (503) and names it; liveness is unaffected.
    let release!: () => void;
    b.get(Warmup).hold('ledgers', new Promise<void>((r) => (release = r)));
    const loading = await request(b.getHttpServer()).get('/api/health/ready');
    expect(loading.status).toBe(503);
    expect(loading.body).toMatchObject({ status: 'starting', db: 'up', warming: ['ledgers'] });
    expect((await request(b.getHttpServer()).get('/api/health/live')).status).toBe(200);
    release();
    await b.get(Warmup).settled();
    expect((await request(b.getHttpServer()).get('/api/health/ready')).status).toBe(200);
    // Without the preload (the default in tests) nothing is loaded before first use.
    expect(world.t.app.get(LedgerModel).holds(world.planId)).toBe(false);
  });

  postgres.it(postgres.title('answers 503 on /api/health and /api/health/ready while PostgreSQL refuses connections, 200 again after'), async () => {
    const t: TestApp = await startTestApp({ dbType: 'postgres' });
    cleanup.push(() => t.close());
    const name = new URL(t.dbEnv.DATABASE_URL).pathname.slice(1);
    const admin = new pg.Client({ connectionString: process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    cleanup.push(async () => {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`).catch(() => undefined);
      await admin.end();
    });
    expect((await t.http().get('/api/health/ready')).status).toBe(200);

    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
    const ready = await t.http().get('/api/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'error', db: 'down' });
    const health = await t.http().get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'error', db: 'down' });

    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    const back = await t.http().get('/api/health/ready');
    expect(back.status).toBe(200);
  });
});
