// "Never lost, never doubled": a separate worker process is killed in the middle of a batch, Redis
// is flushed and restarted, a new worker starts — and every reminder is delivered exactly once, to
// the in-app notifications and to the department's webhook. Uses the compiled worker (npm run build).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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
const TASKS = 300;
const USERS = 3;

describe('reminders survive a worker crash and a Redis flush (e2e, worker process)', () => {
  // All reminders due at 09:00 Shanghai on 2026-06-29, a few seconds after the clock starts.
  const start = '2026-06-29T00:59:55Z';
  let redis: PrivateRedis;
  let webhook: WebhookReceiver;
  let t: TestApp;
  let worker: ChildProcess | null = null;

  const startWorker = () => {
    worker = spawn(process.execPath, [WORKER], {
      env: { ...process.env, ...t.dbEnv, NODE_ENV: 'test', REDIS_URL: redis.url, QUEUE_PREFIX: t.config.queue.prefix, CLOCK_START: start, DISPATCH_INTERVAL_MS: '300', JWT_SECRET: 'test-only-jwt-secret-not-for-use' },
      stdio: 'ignore',
    });
  };
  const killWorker = async () => {
    const w = worker;
    worker = null;
    if (!w || w.exitCode !== null) return;
    await new Promise<void>((r) => {
      w.once('exit', () => r());
      w.kill('SIGKILL');
    });
  };
  const sentCount = async () => Number((await t.app.get(DataSource).query(`SELECT COUNT(*) AS n FROM reminders WHERE kind = 'due' AND status = 'sent'`))[0].n);

  beforeAll(async () => {
    if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run npm run build first (npm test does)`);
    redis = await PrivateRedis.start();
    webhook = await WebhookReceiver.start();
    // The API process writes rows only; the worker process dispatches and delivers.
    t = await startTestApp({ dbType: 'sqlite', clock: new ShiftedClock(new Date(start)), env: { REDIS_URL: redis.url, WORKER_IN_API: 'false' } });
    const d = await departmentWithUser(t, '区政府法制办', 'fzb0', ['法制办']);
    for (let i = 1; i < USERS; i++) {
      await t.http().post('/api/users').set(bearer(t.adminToken)).send({ username: `fzb${i}`, password: `fzb${i}-password`, role: 'department', departmentId: d.id });
    }
    await t.http().patch(`/api/departments/${d.id}`).set(bearer(t.adminToken)).send({ webhookUrl: webhook.url, webhookKind: 'wecom' });
    const plan = await t.http().post('/api/plans/import').set(bearer(t.adminToken)).send({ text: seedPlanText().replace(/2016/g, '2026') });
    const res = await t.http().post(`/api/plans/${plan.body.plan.id}/tasks`).set(bearer(t.adminToken))
      .send(Array.from({ length: TASKS }, (_, i) => ({ itemNumber: (i % 30) + 1, title: `任务${i + 1}`, leadDepartment: '法制办', dueDate: '2026-06-29' })));
    expect(res.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await killWorker();
    await t?.close();
    await webhook?.close();
    await redis?.stop();
  });

  it('delivers every reminder exactly once', async () => {
    startWorker();
    // Kill the worker once part of the batch is delivered.
    await waitFor(async () => (await sentCount()) >= 20, 30_000, 'the first deliveries');
    await killWorker();
    const beforeCrash = await sentCount();
    expect(beforeCrash).toBeLessThan(TASKS);

    await redis.flushAll();
    await redis.down();
    await redis.up();
    startWorker();

    await waitFor(async () => (await sentCount()) === TASKS, 90_000, 'all reminders sent');
    const ds = t.app.get(DataSource);
    const [{ n }] = await ds.query(`SELECT COUNT(*) AS n FROM notifications WHERE kind = 'due'`);
    expect(Number(n)).toBe(TASKS * USERS);
    const perReminder: { c: number }[] = await ds.query(`SELECT COUNT(*) AS c FROM notifications WHERE kind = 'due' GROUP BY reminder_id, user_id`);
    expect(perReminder.every((r) => Number(r.c) === 1)).toBe(true);

    // Webhook: every reminder appears in exactly one digest, whatever batches the digests took.
    await waitFor(() => webhook.reminderLines().length >= TASKS, 90_000, 'all webhook lines');
    await new Promise((r) => setTimeout(r, 1500));
    const lines = webhook.reminderLines();
    expect(lines).toHaveLength(TASKS);
    expect(new Set(lines).size).toBe(TASKS);
    expect(webhook.messages.length).toBeLessThan(TASKS / 5);
  }, 240_000);
});
