// Boots the real application (fastify, helmet, validation, migrations) on a fresh database and a
// real Redis, for e2e tests over HTTP with supertest.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { AppConfig, loadConfig } from '../../config/app-config';
import { createApp } from '../../src/app.factory';
import { Clock } from '../../src/common/time/clock';
import { RedisHandle } from '../../src/queue/redis-launcher';
import { createTestDatabase, e2eDbType, TestDatabase, TestDbType } from './test-database';
import { startTestRedis } from './test-redis';

export const ADMIN = { username: 'admin', password: 'admin-test-pass' };

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  login(username: string, password: string): Promise<string>;
  adminToken: string;
  /** The database settings, for a worker process sharing the same database. */
  dbEnv: Record<string, string>;
  close(): Promise<void>;
}

/** Polls until `check` returns a truthy value (or throws after `timeoutMs`). */
export async function waitFor<T>(check: () => Promise<T> | T, timeoutMs = 15_000, what = 'condition'): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface TestAppOptions {
  dbType?: TestDbType;
  clock?: Clock;
  env?: Record<string, string>;
  /** Start without Redis (REDIS_URL pointing at a closed port). */
  noRedis?: boolean;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db: TestDatabase = await createTestDatabase(options.dbType ?? e2eDbType());
  const redis: RedisHandle | null = options.noRedis ? null : await startTestRedis();
  const config = loadConfig({
    NODE_ENV: 'test',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    REDIS_URL: redis?.url ?? 'redis://127.0.0.1:1',
    LOGIN_RATE_LIMIT: '1000',
    LOGIN_ADDRESS_RATE_LIMIT: '1000',
    // The tests' webhook receiver listens on http://127.0.0.1 (test-only switch, refused outside NODE_ENV=test).
    WEBHOOK_ALLOW_LOCAL_FOR_TESTS: 'true',
    // Each test app has its own BullMQ keys on the shared Redis.
    QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    ...db.env,
    ...options.env,
  });
  const app = await createApp(config, { clock: options.clock, logger: false, docsUi: false });
  await app.getHttpAdapter().getInstance().ready();
  const http = () => request(app.getHttpServer());
  const login = async (username: string, password: string) => {
    const res = await http().post('/api/auth/login').send({ username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  };
  const adminToken = await login(ADMIN.username, ADMIN.password);
  return {
    app, config, http, login, adminToken, dbEnv: db.env,
    close: async () => {
      await app.close();
      await redis?.stop();
      await db.drop();
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
