// Reminders against a real Redis (a private redis-server this file may stop and flush), with the
// worker and dispatcher running in the API process as by default.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/time/clock';
import { QueueConnection } from '../../src/queue/queue-connection';
import { QUEUES } from '../../src/queue/queues';
import { ReminderDeliveryService } from '../../src/modules/reminders/reminder-delivery.service';
import { ReminderDispatcher } from '../../src/modules/reminders/reminder-dispatcher.service';
import { departmentWithUser, SeededDepartment } from '../factories/directory.factory';
import { importPlan, seedPlanFor } from '../factories/world.factory';
import { PrivateRedis } from '../helpers/private-redis';
import { bearer, startTestApp, TestApp, waitFor } from '../helpers/test-app';
import { WebhookReceiver } from '../helpers/webhook-receiver';

interface ReminderRow { id: string; kind: string; seq: number; fireAt: string; status: string; jobId: string | null; webhookStatus: string; lastError: string | null }

describe('deadline reminders in BullMQ (e2e, real Redis)', () => {
  // 2026-06-29 (Monday) 08:59:58 in Shanghai. Each test starts there and assigns tasks of its own.
  const START = '2026-06-29T00:59:58Z';
  const clock = new FixedClock(START);
  let redis: PrivateRedis;
  let webhook: WebhookReceiver;
  let t: TestApp;
  let planId: string;
  let dept: SeededDepartment;
  let queue: Queue;

  const reminders = async (taskId: string): Promise<ReminderRow[]> =>
    (await t.http().get(`/api/tasks/${taskId}/reminders`).set(bearer(t.adminToken))).body;
  const notifications = async () => (await t.http().get('/api/me/notifications?limit=200').set(bearer(dept.token))).body.items as { title: string; body: string; reminderId: string }[];
  const assign = async (rows: object[]) => {
    // Many tasks on the same items on purpose: append past the duplicate check.
    const res = await t.http().post(`/api/plans/${planId}/tasks?mode=append`).set(bearer(t.adminToken)).send(rows);
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    return res.body as { id: string; version: number; dueDate: string }[];
  };
  const jobIdsInRedis = async () => new Set(await queue.getRanges(['delayed', 'wait', 'waiting', 'prioritized', 'active'], 0, -1));
  const settle = () => t.app.get(ReminderDispatcher).pass();

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    webhook = await WebhookReceiver.start();
    // Date reminders only: no 签收 reminders in the rows these tests count.
    t = await startTestApp({ clock, env: { REDIS_URL: redis.url, DISPATCH_INTERVAL_MS: '300', REMINDER_ACKNOWLEDGE_WORKING_DAYS: '0' } });
    dept = await departmentWithUser(t, '区政府法制办', 'fzb', ['法制办']);
    await departmentWithUser(t, '区司法局', 'sfj', ['司法局']);
    await t.http().patch(`/api/departments/${dept.id}`).set(bearer(t.adminToken)).send({ webhookUrl: webhook.url, webhookKind: 'dingtalk', webhookSecret: 'SECtest' });
    // The seed plan is for 2016; this file plans 2026 tasks, so it imports the plan moved to 2026.
    planId = await importPlan(t, seedPlanFor(2026));
    queue = t.app.get(QueueConnection).queue(QUEUES.reminders)!;
  });
  beforeEach(async () => {
    clock.set(START);
    if (!(await redis.isUp())) await redis.up();
  });
  afterAll(async () => {
    await t?.close();
    await webhook?.close();
    await redis?.stop();
  });

  it('plans reminders before, on and after the due date, each with exactly one delayed job', async () => {
    const [task] = await assign([{ itemNumber: 1, leadDepartment: '法制办', dueDate: '2026-12-31' }]);
    await settle();
    const rows = await reminders(task.id);
    expect(rows.map((r) => `${r.kind}${r.seq}`)).toEqual(['before_due5', 'before_due1', 'due0', 'overdue1']);
    // 5 and 1 working days before Thursday 31 December, 09:00 Shanghai.
    expect(rows.map((r) => r.fireAt)).toEqual([
      '2026-12-24T01:00:00.000Z', '2026-12-30T01:00:00.000Z', '2026-12-31T01:00:00.000Z', '2027-01-05T01:00:00.000Z',
    ]);
    expect(rows.every((r) => r.status === 'queued' && r.jobId)).toBe(true);
    const jobs = await jobIdsInRedis();
    for (const r of rows) expect(jobs.has(r.jobId!)).toBe(true);
    const job = await queue.getJob(rows[0].jobId!);
    expect(job!.data).toEqual({ reminderId: rows[0].id, attempt: 1 });
    expect(job!.opts.delay).toBe(new Date(rows[0].fireAt).getTime() - clock.now().getTime());
  });

  it('moves the reminders when the due date moves, and removes the old jobs', async () => {
    const [task] = await assign([{ itemNumber: 2, leadDepartment: '法制办', dueDate: '2026-11-30' }]);
    await settle();
    const before = await reminders(task.id);
    const res = await t.http().patch(`/api/tasks/${task.id}`).set(bearer(t.adminToken)).send({ version: task.version, dueDate: '2026-12-15' });
    expect(res.status).toBe(200);
    await settle();
    const after = await reminders(task.id);
    const open = after.filter((r) => r.status === 'queued');
    expect(open.map((r) => r.fireAt)).toEqual(['2026-12-08T01:00:00.000Z', '2026-12-14T01:00:00.000Z', '2026-12-15T01:00:00.000Z', '2026-12-18T01:00:00.000Z']);
    expect(after.filter((r) => before.some((b) => b.id === r.id)).every((r) => r.status === 'cancelled')).toBe(true);
    const jobs = await jobIdsInRedis();
    for (const r of before) expect(jobs.has(r.jobId!)).toBe(false);
    for (const r of open) expect(jobs.has(r.jobId!)).toBe(true);
  });

  it('sends the reminders still to come to the new lead department when the lead changes', async () => {
    const [task] = await assign([{ itemNumber: 7, leadDepartment: '法制办', dueDate: '2026-11-27' }]);
    await settle();
    const res = await t.http().patch(`/api/tasks/${task.id}`).set(bearer(t.adminToken)).send({ version: task.version, leadDepartment: '司法局' });
    expect(res.status).toBe(200);
    const rows = (await t.http().get(`/api/tasks/${task.id}/reminders`).set(bearer(t.adminToken))).body as (ReminderRow & { departmentId: string })[];
    const open = rows.filter((r) => r.status === 'queued');
    expect(open.length).toBe(4);
    expect(open.every((r) => r.departmentId === res.body.leadDepartment.id && res.body.leadDepartment.name === '区司法局')).toBe(true);
  });

  it('cancels the reminders of a completed task and drops their jobs', async () => {
    const [task] = await assign([{ itemNumber: 3, leadDepartment: '法制办', dueDate: '2026-10-30' }]);
    await settle();
    const planned = await reminders(task.id);
    await t.http().post(`/api/tasks/${task.id}/completion-request`).set(bearer(dept.token)).send({ summary: '已完成' });
    await t.http().post(`/api/tasks/${task.id}/completion/approve`).set(bearer(t.adminToken));
    await settle();
    const after = await reminders(task.id);
    expect(after.every((r) => r.status === 'cancelled')).toBe(true);
    const jobs = await jobIdsInRedis();
    for (const r of planned) expect(jobs.has(r.jobId!)).toBe(false);
  });

  it('fires a reminder at its time: one in-app notification per user and one webhook digest', async () => {
    const [task] = await assign([{ itemNumber: 4, leadDepartment: '法制办', dueDate: '2026-06-29', title: '今日到期的任务' }]);
    await settle();
    // Due today at 09:00 Shanghai, two seconds from the clock's now: only the due-date reminder fires.
    const due = (await reminders(task.id)).find((r) => r.kind === 'due')!;
    expect(due.fireAt).toBe('2026-06-29T01:00:00.000Z');
    clock.set('2026-06-29T01:00:00.500Z');
    const sent = await waitFor(async () => (await reminders(task.id)).find((r) => r.kind === 'due' && r.status === 'sent'), 15_000, 'the due reminder');
    expect(sent.webhookStatus).toMatch(/pending|sent/);
    const mine = (await notifications()).filter((n) => n.reminderId === due.id);
    expect(mine).toHaveLength(1);
    expect(mine[0].title).toBe('任务今日到期');
    expect(mine[0].body).toContain('今日到期的任务');
    await waitFor(() => webhook.reminderLines().some((l) => l.includes('今日到期的任务')), 15_000, 'the webhook digest');
    const msg = webhook.messages.find((m) => (m.body.markdown.text ?? '').includes('今日到期的任务'))!;
    expect(msg.body.msgtype).toBe('markdown');
    expect(msg.url).toMatch(/timestamp=\d+&sign=/);
    await waitFor(async () => (await reminders(task.id)).find((r) => r.id === due.id)!.webhookStatus === 'sent', 10_000, 'webhook status');
    // Running the same job again delivers nothing more.
    await t.app.get(ReminderDeliveryService).deliver(due.id, 1);
    expect((await notifications()).filter((n) => n.reminderId === due.id)).toHaveLength(1);
  });

  it('delivers reminders falling due together once each, however many jobs fire them at the same moment', async () => {
    // Each delivery also takes the other reminders due by then (a batch). On PostgreSQL concurrent jobs
    // (the worker runs twenty) each took the others' rows into their batches and marked them again; a
    // transaction that committed after the first digest had gone out set its rows back to 'pending', and
    // the robot got them again (a loaded CI run: 29 lines for 25). On an idle machine the overlap is
    // there (ten of these thirty returned 'sent' for their row with every batch holding all thirty) but
    // is masked: notifications insert with ON CONFLICT, and all commits land before the one digest.
    // So this checks exactly-once under concurrent delivery; the lock that keeps batches apart is
    // RemindersRepository.findForDelivery / dueQueued.
    const tasks = await assign(Array.from({ length: 30 }, (_, i) => ({ itemNumber: 5, leadDepartment: '法制办', dueDate: '2026-06-29', title: `同时到期的任务${i + 1}` })));
    await settle();
    const ids = new Set(tasks.map((x) => x.id));
    const rows = (await t.app.get(DataSource).query(`SELECT id, task_id AS "taskId", attempt FROM reminders WHERE kind = 'due' AND status = 'queued'`) as { id: string; taskId: string; attempt: number }[])
      .filter((r) => ids.has(r.taskId));
    expect(rows).toHaveLength(30);
    clock.set('2026-06-29T01:00:00.500Z');
    // Thirty deliveries at once (beside the worker's own jobs for the same rows): none fails, each row is delivered by one.
    const delivery = t.app.get(ReminderDeliveryService);
    const outcomes = await Promise.allSettled(rows.map((r) => delivery.deliver(r.id, Number(r.attempt))));
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
    const mine = (await notifications()).filter((n) => rows.some((r) => r.id === n.reminderId));
    expect(mine.map((n) => n.reminderId).sort()).toEqual(rows.map((r) => r.id).sort());
    const lines = () => webhook.reminderLines().filter((l) => l.includes('任务今日到期') && l.includes('同时到期的任务'));
    await waitFor(async () => lines().length >= 30 && (await Promise.all(tasks.map(async (x) => (await reminders(x.id)).find((r) => r.kind === 'due')!)))
      .every((r) => r.status === 'sent' && r.webhookStatus === 'sent'), 20_000, 'all sent, to the robot too');
    await new Promise((r) => setTimeout(r, 2000)); // a second digest, if any, would come within this
    for (let i = 1; i <= 30; i++) expect(lines().filter((l) => l.includes(`「同时到期的任务${i}」`))).toHaveLength(1);
  });

  it('keeps answering 2xx with Redis down; the reminders are queued once Redis returns', async () => {
    await redis.down();
    const started = Date.now();
    const health = await t.http().get('/api/health');
    expect(health.body.redis).toBe('down');
    const created = await assign([{ itemNumber: 5, leadDepartment: '法制办', dueDate: '2026-12-01' }]);
    expect(Date.now() - started).toBeLessThan(3000);
    await t.app.get(ReminderDispatcher).pass();
    const waiting = await reminders(created[0].id);
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((r) => r.status === 'planned')).toBe(true);
    await redis.up();
    const queued = await waitFor(async () => {
      const rows = await reminders(created[0].id);
      return rows.every((r) => r.status === 'queued') ? rows : null;
    }, 20_000, 'reminders queued after Redis returned');
    const jobs = await waitFor(async () => { try { return await jobIdsInRedis(); } catch { return null; } }, 10_000, 'redis');
    for (const r of queued) expect(jobs.has(r.jobId!)).toBe(true);
  });

  it('rebuilds lost jobs from the database after FLUSHALL, and drops jobs without a row', async () => {
    const [task] = await assign([{ itemNumber: 6, leadDepartment: '法制办', dueDate: '2026-12-10' }]);
    await settle();
    await redis.flushAll();
    await queue.add('reminder.fire', { reminderId: '00000000-0000-4000-8000-000000000000', attempt: 1 }, { jobId: 'rem-orphan-a1', delay: 60_000 });
    await t.app.get(ReminderDispatcher).reconcile();
    await settle();
    const rows = (await reminders(task.id)).filter((r) => r.status === 'queued');
    expect(rows.length).toBe(4);
    expect(rows.every((r) => r.jobId!.endsWith('-a2'))).toBe(true);
    const jobs = await jobIdsInRedis();
    for (const r of rows) expect(jobs.has(r.jobId!)).toBe(true);
    expect(jobs.has('rem-orphan-a1')).toBe(false);
  });

  it('gives exactly one job per planned reminder for 10,000 tasks', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ({ itemNumber: (i % 30) + 1, leadDepartment: '法制办', dueDate: `2026-${String(7 + (i % 6)).padStart(2, '0')}-15` }));
    for (let i = 0; i < 5; i++) await assign(rows);
    await settle();
    const ds = t.app.get(DataSource);
    const [{ n }] = await ds.query(`SELECT COUNT(*) AS n FROM tasks`);
    expect(Number(n)).toBeGreaterThanOrEqual(10_000);
    const queuedRows: { job_id: string }[] = await ds.query(`SELECT job_id FROM reminders WHERE status = 'queued' AND kind <> 'event'`);
    const planned = await ds.query(`SELECT COUNT(*) AS n FROM reminders WHERE status = 'planned' AND kind <> 'event'`);
    expect(Number(planned[0].n)).toBe(0);
    // Event rows (task assigned → the robot) go out at once; jobs of rows a batch already delivered may still wait, as no-ops.
    const eventJobs = new Set((await ds.query(`SELECT id, attempt FROM reminders WHERE kind = 'event'`) as { id: string; attempt: number }[]).map((r) => `rem-${r.id}-a${r.attempt}`));
    const jobs = await jobIdsInRedis();
    const remJobs = [...jobs].filter((id) => id.startsWith('rem-') && !eventJobs.has(id));
    expect(remJobs.length).toBe(queuedRows.length);
    expect(new Set(queuedRows.map((r) => r.job_id))).toEqual(new Set(remJobs));
    expect(queuedRows.length).toBeGreaterThanOrEqual(40_000);
  }, 180_000);
});
