// "Never lost, never doubled", with the worker as its own process (the compiled dist/src/worker.js):
// (1) the worker is killed in the middle of a batch, Redis is flushed and restarted, a new worker
//     starts — every reminder is delivered exactly once, in-app and to the department's webhook;
// (2) SIGTERM in the middle of a batch lets running jobs finish, the process exits 0, and a new
//     worker delivers the rest — again exactly once.
// The worker delivers 10 reminders a transaction here, so that the batch is really cut in the middle.
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { ShiftedClock } from '../../src/common/time/clock';
import { departmentWithUser } from '../factories/directory.factory';
import { PrivateRedis } from '../helpers/private-redis';
import { seedPlanText } from '../helpers/shared-docs';
import { bearer, startTestApp, TestApp, waitFor } from '../helpers/test-app';
import { WebhookReceiver } from '../helpers/webhook-receiver';

const WORKER = resolve(process.cwd(), 'dist/src/worker.js');
const USERS = 3;

/** An API process (rows only), a private Redis, a webhook receiver and N tasks all due at 09:00 on `day`. */
async function scenario(day: string, count: number) {
  // 08:59:40 in Shanghai: the assignment (1,200 tasks, their notifications and audit rows) must be
  // stored before 09:00 even on a loaded machine, or the due reminders would be in the past.
  const start = `${day}T00:59:40Z`;
  const redis = await PrivateRedis.start();
  const webhook = await WebhookReceiver.start();
  const t: TestApp = await startTestApp({ dbType: 'sqlite', clock: new ShiftedClock(new Date(start)), env: { REDIS_URL: redis.url, WORKER_IN_API: 'false' } });
  const d = await departmentWithUser(t, '区政府法制办', 'fzb0', ['法制办']);
  for (let i = 1; i < USERS; i++) {
    await t.http().post('/api/users').set(bearer(t.adminToken)).send({ username: `fzb${i}`, password: `fzb${i}-password`, role: 'department', departmentId: d.id });
  }
  const plan = await t.http().post('/api/plans/import').set(bearer(t.adminToken)).send({ text: seedPlanText().replace(/2016/g, day.slice(0, 4)) });
  const res = await t.http().post(`/api/plans/${plan.body.plan.id}/tasks`).set(bearer(t.adminToken))
    .send(Array.from({ length: count }, (_, i) => ({ itemNumber: (i % 30) + 1, title: `任务${i + 1}`, leadDepartment: '法制办', dueDate: day })));
  expect(res.status).toBe(201);
  // The robot is set up after the assignment, so its digests carry the due reminders only (not the assignment events).
  await t.http().patch(`/api/departments/${d.id}`).set(bearer(t.adminToken)).send({ webhookUrl: webhook.url, webhookKind: 'wecom' });

  let worker: ChildProcess | null = null;
  const ds = t.app.get(DataSource);
  const s = {
    t, redis, webhook,
    startWorker() {
      worker = spawn(process.execPath, [WORKER], {
        env: {
          ...process.env, ...t.dbEnv, NODE_ENV: 'test', REDIS_URL: redis.url, QUEUE_PREFIX: t.config.queue.prefix, CLOCK_START: start,
          DISPATCH_INTERVAL_MS: '300', REMINDER_DELIVERY_BATCH: '10', JWT_SECRET: 'test-only-jwt-secret-not-for-use',
          WEBHOOK_ALLOW_LOCAL_FOR_TESTS: 'true',
        },
        stdio: 'ignore',
      });
      return worker;
    },
    async stopWorker(signal: NodeJS.Signals): Promise<number | null> {
      const w = worker;
      worker = null;
      if (!w || w.exitCode !== null) return w?.exitCode ?? null;
      return new Promise((r) => {
        w.once('exit', (code) => r(code));
        w.kill(signal);
      });
    },
    async sent(): Promise<number> {
      return Number((await ds.query(`SELECT COUNT(*) AS n FROM reminders WHERE kind = 'due' AND status = 'sent'`))[0].n);
    },
    async assertExactlyOnce(): Promise<void> {
      await waitFor(async () => (await s.sent()) === count, 90_000, 'all reminders sent');
      const [{ n }] = await ds.query(`SELECT COUNT(*) AS n FROM notifications WHERE kind = 'due'`);
      expect(Number(n)).toBe(count * USERS);
      const [{ dup }] = await ds.query(`SELECT COUNT(*) AS dup FROM (SELECT reminder_id, user_id FROM notifications WHERE reminder_id IS NOT NULL GROUP BY reminder_id, user_id HAVING COUNT(*) > 1) d`);
      expect(Number(dup)).toBe(0);
      // Every reminder appears in exactly one webhook digest, whatever batches the digests took.
      await waitFor(() => webhook.reminderLines().length >= count, 90_000, 'all webhook lines');
      await new Promise((r) => setTimeout(r, 1500));
      const lines = webhook.reminderLines();
      expect(lines).toHaveLength(count);
      expect(new Set(lines).size).toBe(count);
      expect(webhook.messages.length).toBeLessThan(count / 5);
    },
    async close() {
      await s.stopWorker('SIGKILL');
      await t.close();
      await webhook.close();
      await redis.stop();
    },
  };
  return s;
}

describe('reminders with the worker as its own process (e2e)', () => {
  let current: Awaited<ReturnType<typeof scenario>> | null = null;

  beforeAll(() => {
    if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run npm run build first (npm run test:e2e does)`);
  });
  afterEach(async () => {
    await current?.close();
    current = null;
  });

  it('delivers every reminder exactly once across a worker kill, FLUSHALL and a Redis restart', async () => {
    const s = (current = await scenario('2026-06-29', 1200));
    s.startWorker();
    await waitFor(async () => (await s.sent()) >= 20, 60_000, 'the first deliveries');
    await s.stopWorker('SIGKILL');
    expect(await s.sent()).toBeLessThan(1200);

    await s.redis.flushAll();
    await s.redis.down();
    await s.redis.up();
    s.startWorker();
    await s.assertExactlyOnce();
  }, 240_000);

  it('finishes running jobs on SIGTERM, exits 0, and loses nothing', async () => {
    // On SIGTERM the 20 running jobs each finish their batch of 10 first.
    const s = (current = await scenario('2026-06-30', 1200));
    s.startWorker();
    await waitFor(async () => (await s.sent()) >= 20, 60_000, 'the first deliveries');
    expect(await s.stopWorker('SIGTERM')).toBe(0);
    expect(await s.sent()).toBeLessThan(1200);
    s.startWorker();
    await s.assertExactlyOnce();
  }, 240_000);
});
