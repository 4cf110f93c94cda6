// SIGTERM always completes: with Redis stopped under them, the API (which also runs the workers
// here) and a separate worker process exit 0 within SHUTDOWN_TIMEOUT_MS.
import { afterEach, describe, expect, it } from '@jest/globals';
import { PrivateRedis } from '../helpers/private-redis';
import { API_ENTRY, ServiceProcess, WORKER_ENTRY } from '../helpers/service-process';
import { createTestDatabase, TestDatabase } from '../helpers/test-database';

const BOUND_MS = 10_000;

describe('shutdown (e2e, real processes)', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function setup() {
    const redis = await PrivateRedis.start();
    cleanup.push(() => redis.stop());
    const db: TestDatabase = await createTestDatabase('sqlite');
    cleanup.push(() => db.drop());
    const env = { ...db.env, REDIS_URL: redis.url, ADMIN_PASSWORD: 'admin-test-pass', SHUTDOWN_TIMEOUT_MS: String(BOUND_MS), NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-for-the-test-only' };
    return { redis, env };
  }

  it('the API with its workers exits 0 within the bound on SIGTERM while Redis is down', async () => {
    const { redis, env } = await setup();
    const api = await ServiceProcess.start(API_ENTRY, { ...env, WORKER_IN_API: 'true' });
    cleanup.push(() => api.stop('SIGKILL'));
    await api.waitListening();
    await new Promise((r) => setTimeout(r, 500)); // workers connected
    await redis.down();
    await new Promise((r) => setTimeout(r, 1000)); // the connections notice and start retrying
    const exit = await api.stop('SIGTERM');
    expect(exit.code).toBe(0);
    expect(exit.ms).toBeLessThan(BOUND_MS);
  }, 60_000);

  it('a worker process exits 0 within the bound on SIGTERM while Redis is down', async () => {
    const { redis, env } = await setup();
    // The API creates the schema; the worker needs it.
    const api = await ServiceProcess.start(API_ENTRY, { ...env, WORKER_IN_API: 'false' });
    cleanup.push(() => api.stop('SIGKILL'));
    await api.waitListening();
    const worker = await ServiceProcess.start(WORKER_ENTRY, env);
    cleanup.push(() => worker.stop('SIGKILL'));
    await worker.waitForLine(/worker started/);
    await new Promise((r) => setTimeout(r, 500));
    await redis.down();
    await new Promise((r) => setTimeout(r, 1000));
    const exit = await worker.stop('SIGTERM');
    expect(exit.code).toBe(0);
    expect(exit.ms).toBeLessThan(BOUND_MS);
  }, 60_000);
});
