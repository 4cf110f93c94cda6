// Two API processes and a worker started at the same moment on an empty PostgreSQL database: the
// migrations and the first admin run once under the boot lock; everyone boots, nobody logs an error.
// Then, with read caches kept for ten minutes, a task assigned through one API shows in the other's
// dashboard within a second, and a calendar entered through one is reloaded by the worker at once.
import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { API_ENTRY, ServiceProcess, WORKER_ENTRY } from '../helpers/service-process';
import { postgresRequirement } from '../helpers/requirements';
import { createTestDatabase, TestDatabase } from '../helpers/test-database';
import { seedPlanText } from '../helpers/shared-docs';

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
      JWT_SECRET: 'a-production-secret-for-the-test-only', ADMIN_PASSWORD: 'first-admin-password', READ_CACHE_TTL_MS: '600000',
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
    const tokens: string[] = [];
    for (const p of [a, b]) {
      const login = await fetch(`${p.url}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'first-admin-password' }),
      });
      expect(login.status).toBe(200);
      tokens.push(((await login.json()) as { accessToken: string }).accessToken);
    }
    const call = async (p: ServiceProcess, token: string, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${p.url}${path}`, {
        method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json()) as Record<string, unknown>;
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };

    // A change made through A shows in B's cached dashboard within a second.
    await call(a, tokens[0], 'POST', '/api/departments', { name: '区政府法制办', aliases: ['法制办'] });
    const imported = await call(a, tokens[0], 'POST', '/api/plans/import', { text: seedPlanText().replace(/2016/g, '2026') });
    const planId = (imported.plan as { id: string }).id;
    const total = async () => ((await call(b, tokens[1], 'GET', `/api/plans/${planId}/dashboard`)).lights as { overall: { total: number } }).overall.total;
    expect(await total()).toBe(0); // now cached in B for ten minutes
    await call(a, tokens[0], 'POST', `/api/plans/${planId}/tasks`, [{ itemNumber: 1, leadDepartment: '法制办', dueDate: '2026-12-31' }]);
    const assignedAt = Date.now();
    let seen = 0;
    while ((seen = await total()) !== 1 && Date.now() - assignedAt < 1000) await new Promise((r) => setTimeout(r, 25));
    expect({ seen, withinOneSecond: Date.now() - assignedAt < 1000 }).toEqual({ seen: 1, withinOneSecond: true });

    // A calendar entered through B is reloaded by the worker at once.
    await call(b, tokens[1], 'PUT', '/api/calendar/2027', { holidays: ['2027-01-01', '2027-02-06', '2027-02-07'], workdays: ['2027-02-20'] });
    const enteredAt = Date.now();
    const line = await w.waitForLine(/"msg":"calendar reloaded"/, 1000);
    expect(Date.now() - enteredAt).toBeLessThan(1000);
    expect(JSON.parse(line)).toMatchObject({ msg: 'calendar reloaded', entered: [2027] });
    for (const p of procs) {
      expect(p.running).toBe(true);
      // Production logs are JSON lines; none of them is an error.
      const errors = p.lines.filter((l) => /"level":"(error|fatal)"|"level":(50|60)\b/.test(l) || !l.startsWith('{'));
      expect(errors).toEqual([]);
    }
  }, 120_000);
});
