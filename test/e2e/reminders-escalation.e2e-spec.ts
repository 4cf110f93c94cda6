// Overdue reminders repeat every N working days and, after M of them, a 督办 notice is issued
// automatically; per-plan policy overrides replan; a failing webhook is visible on the reminder row.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer, Server } from 'node:http';
import { FixedClock } from '../../src/common/time/clock';
import { ReminderDispatcher } from '../../src/modules/reminders/reminder-dispatcher.service';
import { departmentWithUser, SeededDepartment } from '../factories/directory.factory';
import { importPlan, seedPlanFor } from '../factories/world.factory';
import { bearer, startTestApp, TestApp, waitFor } from '../helpers/test-app';

interface ReminderRow { id: string; kind: string; seq: number; fireAt: string; status: string; webhookStatus: string; lastError: string | null }

describe('overdue escalation, plan policy and webhook failures (e2e, real Redis)', () => {
  const START = '2026-06-01T02:00:00Z';
  const clock = new FixedClock(START);
  let t: TestApp;
  let planId: string;
  let dept: SeededDepartment;
  let failing: Server;
  let failingUrl: string;

  const reminders = async (taskId: string): Promise<ReminderRow[]> =>
    (await t.http().get(`/api/tasks/${taskId}/reminders`).set(bearer(t.adminToken))).body;
  // The reminder's job was queued days ahead (a real delay); moving the clock past its time plus
  // REMINDER_LOST_AFTER_MS makes the sweeper queue it again to run now — the late-job recovery path.
  const fireAt = async (instant: string) => {
    clock.set(new Date(new Date(instant).getTime() + 1500));
    await t.app.get(ReminderDispatcher).pass();
  };
  const assign = async (row: object) => (await t.http().post(`/api/plans/${planId}/tasks`).set(bearer(t.adminToken)).send([row])).body[0] as { id: string };
  /** A task of 城管局 due Friday 5 June, and its first overdue reminder, sent. */
  const overdueTask = async (itemNumber: number, title: string) => {
    const task = await assign({ itemNumber, leadDepartment: '城管局', dueDate: '2026-06-05', title });
    const first = (await reminders(task.id)).find((r) => r.kind === 'overdue')!;
    expect(first).toMatchObject({ seq: 1, fireAt: '2026-06-10T01:00:00.000Z' }); // 3 working days after Friday 5 June
    await fireAt(first.fireAt);
    await waitFor(async () => (await reminders(task.id)).find((r) => r.id === first.id)!.status === 'sent', 15_000, 'first overdue reminder');
    return task;
  };

  beforeAll(async () => {
    failing = createServer((_req, res) => { res.statusCode = 500; res.end('robot down'); });
    await new Promise<void>((r) => failing.listen(0, '127.0.0.1', () => r()));
    failingUrl = `http://127.0.0.1:${(failing.address() as { port: number }).port}/robot`;
    t = await startTestApp({ clock, env: { DISPATCH_INTERVAL_MS: '200', REMINDER_LOST_AFTER_MS: '1000' } });
    dept = await departmentWithUser(t, '区城市管理局', 'cg', ['城管局']);
    await t.http().patch(`/api/departments/${dept.id}`).set(bearer(t.adminToken)).send({ webhookUrl: failingUrl, webhookKind: 'dingtalk' });
    planId = await importPlan(t, seedPlanFor(2026));
  });
  beforeEach(() => clock.set(START));
  afterAll(async () => {
    await t?.close();
    await new Promise((r) => failing.close(() => r(null)));
  });

  it('applies a plan’s own reminder policy and replans its open tasks', async () => {
    // A plan of its own: the policy set here must not reach the other tests' tasks.
    const ownPlan = await importPlan(t, seedPlanFor(2026, 36));
    const [task] = (await t.http().post(`/api/plans/${ownPlan}/tasks`).set(bearer(t.adminToken)).send([{ itemNumber: 2, leadDepartment: '城管局', dueDate: '2026-09-30' }])).body;
    expect((await reminders(task.id)).filter((r) => r.kind === 'before_due').map((r) => r.seq)).toEqual([5, 1]);
    const bad = await t.http().put(`/api/plans/${ownPlan}/reminder-policy`).set(bearer(t.adminToken)).send({ hour: 25 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('hour');
    const leader = await t.http().put(`/api/plans/${ownPlan}/reminder-policy`).set(bearer(dept.token)).send({ hour: 8 });
    expect(leader.status).toBe(403);
    const res = await t.http().put(`/api/plans/${ownPlan}/reminder-policy`).set(bearer(t.adminToken)).send({ beforeWorkingDays: [10, 3], hour: 8 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ beforeWorkingDays: [10, 3], hour: 8, overdueEveryWorkingDays: 3 });
    const open = (await reminders(task.id)).filter((r) => r.status === 'planned' || r.status === 'queued');
    expect(open.filter((r) => r.kind === 'before_due').map((r) => r.seq)).toEqual([10, 3]);
    expect(open.every((r) => r.fireAt.endsWith('T00:00:00.000Z'))).toBe(true); // 08:00 Shanghai
  });

  it('repeats overdue reminders and issues a 督办 notice automatically after the second', async () => {
    const task = await overdueTask(1, '逾期任务');
    const second = await waitFor(async () => (await reminders(task.id)).find((r) => r.kind === 'overdue' && r.seq === 2), 5_000, 'second overdue planned');
    expect(second.fireAt).toBe('2026-06-15T01:00:00.000Z');
    expect((await t.http().get(`/api/tasks/${task.id}/supervision-notices`).set(bearer(t.adminToken))).body).toHaveLength(0);

    await fireAt(second.fireAt);
    await waitFor(async () => (await reminders(task.id)).find((r) => r.id === second.id)!.status === 'sent', 15_000, 'second overdue reminder');
    const notices = (await t.http().get(`/api/tasks/${task.id}/supervision-notices`).set(bearer(dept.token))).body;
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ level: 'red', issuedBy: null, number: expect.stringMatching(/^督办〔2026〕\d+号$/) });
    const inbox = (await t.http().get('/api/me/notifications?unread=true&limit=200').set(bearer(dept.token))).body.items as { id: string; title: string; taskId: string }[];
    expect(inbox.filter((n) => n.taskId === task.id && n.title === '任务已逾期')).toHaveLength(2);
    const read = await t.http().post(`/api/me/notifications/${inbox[0].id}/read`).set(bearer(dept.token));
    expect(read.status).toBe(200);
    expect((await t.http().get('/api/me/notifications?unread=true&limit=200').set(bearer(dept.token))).body.items).toHaveLength(inbox.length - 1);
    expect((await t.http().post(`/api/me/notifications/${inbox[1].id}/read`).set(bearer(t.adminToken))).status).toBe(404);
  });

  it('shows a failed webhook send on the reminder row, while the in-app notification stands', async () => {
    const task = await overdueTask(3, '机器人发送失败的任务');
    const rows = await waitFor(async () => {
      const r = (await reminders(task.id)).filter((x) => x.status === 'sent');
      // Between retries (a retry in flight shows 'sending'; the department's other digests may claim it too).
      return r.some((x) => x.lastError && x.webhookStatus !== 'sending') ? r : null;
    }, 20_000, 'a webhook failure recorded');
    const failed = rows.find((x) => x.lastError && x.webhookStatus !== 'sending')!;
    expect(failed.lastError).toContain('500');
    expect(['pending', 'failed']).toContain(failed.webhookStatus);
  });
});
