// Two API processes and a worker started at the same moment on an empty PostgreSQL database: the
// migrations and the first admin run once under the boot lock; everyone boots, nobody logs an error.
import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { API_ENTRY, ServiceProcess, WORKER_ENTRY } from '../helpers/service-process';
import { postgresRequirement } from '../helpers/requirements';
import { createTestDatabase, TestDatabase } from '../helpers/test-database';

const postgres = postgresRequirement();
import { startTestRedis } from '../helpers/test-redis';
import type { RedisHandle } from '../../src/queue/redis-launcher';

describe('concurrent first boot on PostgreSQL (e2e, real processes)', () => {
  const procs: ServiceProcess[] = [];
  let db: TestDatabase | null = null;
  let redis: RedisHandle | null = null;
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop('SIGKILL')));
    await db?.drop();
    await redis?.stop();
  });

  postgres.it(postgres.title('boots two APIs and a worker at once: one set of migrations, exactly one admin, no error logged'), async () => {
    db = await createTestDatabase('postgres');
    redis = await startTestRedis();
    const env = {
      ...db.env, REDIS_URL: redis.url!, QUEUE_PREFIX: `boot-${Date.now()}`, NODE_ENV: 'production', LOG_LEVEL: 'info',
      JWT_SECRET: 'a-production-secret-for-the-test-only', ADMIN_PASSWORD: 'first-admin-password',
    };
    procs.push(...(await Promise.all([
      ServiceProcess.start(API_ENTRY, env),
      ServiceProcess.start(API_ENTRY, env),
      ServiceProcess.start(WORKER_ENTRY, env),
    ])));
    const [a, b, w] = procs;
    await Promise.all([a.waitListening(60_000), b.waitListening(60_000), w.waitForLine(/worker started/, 60_000)]);

    const client = new pg.Client({ connectionString: db.env.DATABASE_URL });
    await client.connect();
    const users = await client.query(`SELECT username, role FROM users`);
    const migrations = await client.query(`SELECT name, COUNT(*) AS n FROM migrations GROUP BY name HAVING COUNT(*) > 1`);
    await client.end();
    expect(users.rows).toEqual([{ username: 'admin', role: 'admin' }]);
    expect(migrations.rows).toEqual([]);
    for (const p of [a, b]) {
      const login = await fetch(`${p.url}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'first-admin-password' }),
      });
      expect(login.status).toBe(200);
    }
    for (const p of procs) {
      expect(p.running).toBe(true);
      // Production logs are JSON lines; none of them is an error.
      const errors = p.lines.filter((l) => /"level":"(error|fatal)"|"level":(50|60)\b/.test(l) || !l.startsWith('{'));
      expect(errors).toEqual([]);
    }
  }, 120_000);
});
