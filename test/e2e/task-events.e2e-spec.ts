// Task lifecycle and events, each test on its own app, database and clock: a 分工表 uploaded twice
// doubles nothing; 撤销 takes a task out of the statistics; 签收 and its reminder; every event
// reaches each intended recipient exactly once, in-app and through the robot; no automatic 督办
// while a notice is open; reminders delivered after downtime say what is true that day; entering
// the next year's calendar moves the overdue reminders already planned for it; quarterly reminders
// go only to departments that have not reported (未报送).
import { describe, expect, it } from '@jest/globals';
import { FixedClock } from '../../src/common/time/clock';
import { ReminderDispatcher } from '../../src/modules/reminders/reminder-dispatcher.service';
import { assignmentSheet, SheetRow } from '../factories/assignment-sheet.factory';
import { createUser, departmentWithUser, SeededDepartment } from '../factories/directory.factory';
import { seedPlanText } from '../helpers/shared-docs';
import { bearer, startTestApp, TestApp, waitFor } from '../helpers/test-app';
import { WebhookReceiver } from '../helpers/webhook-receiver';

interface Note { id: string; kind: string; title: string; body: string; link: string | null; taskId: string | null; reminderId: string | null; readAt: string | null }
interface ReminderRow { id: string; kind: string; seq: number; fireAt: string; status: string; departmentId: string }

interface Fixture {
  t: TestApp;
  clock: FixedClock;
  planId: string;
  lead: SeededDepartment;
  coop: SeededDepartment;
  close(): Promise<void>;
}

/** A fresh app on its own database, two departments with a user each, and the seed plan as a 2026 plan. */
async function fixture(start: string, env: Record<string, string> = {}): Promise<Fixture> {
  const clock = new FixedClock(start);
  const t = await startTestApp({ clock, env: { DISPATCH_INTERVAL_MS: '200', REMINDER_LOST_AFTER_MS: '1000', ...env } });
  const lead = await departmentWithUser(t, '区城市管理局', 'cg', ['城管局']);
  const coop = await departmentWithUser(t, '区司法局', 'sfj', ['司法局']);
  const plan = await t.http().post('/api/plans/import').set(bearer(t.adminToken)).send({ text: seedPlanText().replace(/2016/g, '2026') });
  if (!plan.body?.plan?.id) throw new Error(JSON.stringify(plan.body));
  return { t, clock, planId: plan.body.plan.id, lead, coop, close: () => t.close() };
}

const inbox = async (f: Fixture, token: string): Promise<Note[]> => {
  const res = await f.t.http().get('/api/me/notifications?limit=200').set(bearer(token));
  expect(res.status).toBe(200);
  return res.body.items;
};

const assignOne = async (f: Fixture, row: object): Promise<{ id: string; version: number }> => {
  const res = await f.t.http().post(`/api/plans/${f.planId}/tasks`).set(bearer(f.t.adminToken)).send([row]);
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body[0];
};

const reminders = async (f: Fixture, taskId: string): Promise<ReminderRow[]> =>
  (await f.t.http().get(`/api/tasks/${taskId}/reminders`).set(bearer(f.t.adminToken))).body;

/** Moves the clock past a reminder's time; the sweeper queues it again to run now (the late-job path). */
const fireAt = async (f: Fixture, instant: string) => {
  f.clock.set(new Date(new Date(instant).getTime() + 1500));
  await f.t.app.get(ReminderDispatcher).pass();
};

/** The seed plan's 30 items, one task each, plus a second task on item 1 for another department: 31 rows. */
function sheetRows(): SheetRow[] {
  const rows: SheetRow[] = Array.from({ length: 30 }, (_, i) => [i + 1, `任务${i + 1}`, '城管局', '司法局', '2026-12-31', '工作报告']);
  rows.push([1, '任务1之二', '司法局', '', '2026-11-30', '制度文件']);
  return rows;
}

describe('task lifecycle and events (e2e, real Redis)', () => {
  it('uploading the same 分工表 twice doubles nothing; replace swaps the unstarted tasks', async () => {
    const f = await fixture('2026-03-02T02:00:00Z');
    try {
      const sheet = await assignmentSheet(sheetRows());
      const upload = (mode?: string) => {
        const req = f.t.http().post(`/api/plans/${f.planId}/assignments/import${mode ? `?mode=${mode}` : ''}`).set(bearer(f.t.adminToken));
        return req.attach('file', sheet, { filename: '分工表.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
      };
      const count = async (status?: string) =>
        (await f.t.http().get(`/api/tasks?planId=${f.planId}&pageSize=100${status ? `&status=${status}` : ''}`).set(bearer(f.t.adminToken))).body.total;

      expect((await upload()).status).toBe(201);
      expect(await count()).toBe(31);

      const again = await upload();
      expect(again.status).toBe(409);
      expect(again.body.message).toContain('第2行');
      expect(again.body.message).toContain('mode=append');
      expect(again.body.details.duplicates).toHaveLength(31);
      expect(await count()).toBe(31);

      const bad = await upload('merge');
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain('mode');

      // Progress on one task: replace keeps it (started) and refuses the row that matches it.
      const [started] = (await f.t.http().get(`/api/tasks?planId=${f.planId}&pageSize=1`).set(bearer(f.t.adminToken))).body.items;
      expect((await f.t.http().post(`/api/tasks/${started.id}/progress`).set(bearer(f.lead.token)).send({ percent: 10, narrative: '已启动' })).status).toBe(201);
      const blocked = await upload('replace');
      expect(blocked.status).toBe(409);
      expect(blocked.body.message).toContain('已开始推进');
      expect(await count()).toBe(31);

      // Without the started task's row, replace cancels the 30 unstarted tasks of those items and creates the new rows.
      const rows = sheetRows().filter((r) => r[1] !== started.title);
      const replaced = await f.t.http().post(`/api/plans/${f.planId}/assignments/import?mode=replace`).set(bearer(f.t.adminToken))
        .attach('file', await assignmentSheet(rows), { filename: '分工表.xlsx' });
      expect(replaced.status).toBe(201);
      expect(replaced.body).toHaveLength(30);
      expect(await count()).toBe(31);
      expect(await count('cancelled')).toBe(30);
    } finally {
      await f.close();
    }
  }, 60_000);

  it('a bulk POST of rows already assigned is refused with every row listed, unless mode=append', async () => {
    const f = await fixture('2026-03-02T02:00:00Z');
    try {
      const rows = [{ itemNumber: 3, title: '建立清单', leadDepartment: '城管局', dueDate: '2026-09-30' }, { itemNumber: 4, leadDepartment: '司法局', dueDate: '2026-09-30' }];
      expect((await f.t.http().post(`/api/plans/${f.planId}/tasks`).set(bearer(f.t.adminToken)).send(rows)).status).toBe(201);
      // Row 1: same item and lead, another title; row 2: same item and title, another lead; row 3: new.
      const again = [
        { itemNumber: 3, title: '另一个标题', leadDepartment: '城管局', dueDate: '2026-09-30' },
        { itemNumber: 4, leadDepartment: '城管局', dueDate: '2026-09-30' },
        { itemNumber: 5, leadDepartment: '城管局', dueDate: '2026-09-30' },
      ];
      const refused = await f.t.http().post(`/api/plans/${f.planId}/tasks`).set(bearer(f.t.adminToken)).send(again);
      expect(refused.status).toBe(409);
      expect(refused.body.message).toMatch(/^row 1: .*; row 2: /);
      expect(refused.body.message).not.toContain('row 3');
      expect((await f.t.http().get(`/api/tasks?planId=${f.planId}`).set(bearer(f.t.adminToken))).body.total).toBe(2);
      const appended = await f.t.http().post(`/api/plans/${f.planId}/tasks?mode=append`).set(bearer(f.t.adminToken)).send(again);
      expect(appended.status).toBe(201);
      expect((await f.t.http().get(`/api/tasks?planId=${f.planId}`).set(bearer(f.t.adminToken))).body.total).toBe(5);
    } finally {
      await f.close();
    }
  }, 60_000);

  it('撤销 takes a task out of the lists, the dashboard and the roll-up, keeps it in the ledger, and cancels its reminders', async () => {
    const f = await fixture('2026-10-12T02:00:00Z');
    try {
      const late = await assignOne(f, { itemNumber: 1, title: '逾期任务', leadDepartment: '城管局', dueDate: '2026-10-12' });
      await assignOne(f, { itemNumber: 2, title: '正常任务', leadDepartment: '城管局', dueDate: '2026-12-31' });
      f.clock.set('2026-10-20T02:00:00Z');
      const leader = await createUser(f.t, 'leader1', 'leader');
      const dashboard = async () => (await f.t.http().get(`/api/plans/${f.planId}/dashboard`).set(bearer(leader))).body;
      const before = await dashboard();
      expect(before.lights.overall).toMatchObject({ total: 2, red: 1 });
      expect(before.overdue.map((o: { taskId: string }) => o.taskId)).toEqual([late.id]);
      expect((await f.t.http().get(`/api/plans/${f.planId}/rollups/2026Q4`).set(bearer(leader))).body.overall.total).toBe(2);

      expect((await f.t.http().post(`/api/tasks/${late.id}/cancel`).set(bearer(f.lead.token)).send({ reason: '不再需要' })).status).toBe(403);
      const empty = await f.t.http().post(`/api/tasks/${late.id}/cancel`).set(bearer(f.t.adminToken)).send({ reason: '' });
      expect(empty.status).toBe(400);
      expect(empty.body.message).toContain('reason');
      const res = await f.t.http().post(`/api/tasks/${late.id}/cancel`).set(bearer(f.t.adminToken)).send({ reason: '职能调整，任务取消' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'cancelled', cancelReason: '职能调整，任务取消' });
      expect((await f.t.http().post(`/api/tasks/${late.id}/cancel`).set(bearer(f.t.adminToken)).send({ reason: '再撤' })).status).toBe(409);

      const after = await dashboard();
      expect(after.lights.overall).toMatchObject({ total: 1, red: 0 });
      expect(after.overdue).toEqual([]);
      expect((await f.t.http().get(`/api/plans/${f.planId}/rollups/2026Q4`).set(bearer(leader))).body.overall.total).toBe(1);
      const list = (await f.t.http().get(`/api/tasks?planId=${f.planId}`).set(bearer(leader))).body;
      expect(list.items.map((x: { title: string }) => x.title)).toEqual(['正常任务']);
      expect((await f.t.http().get(`/api/tasks?planId=${f.planId}&status=cancelled`).set(bearer(leader))).body.total).toBe(1);
      // Audited, no more progress, reminders still to come cancelled.
      const audit = (await f.t.http().get(`/api/tasks/${late.id}/audit`).set(bearer(f.t.adminToken))).body as { action: string }[];
      expect(audit.map((a) => a.action)).toContain('task.cancel');
      expect((await f.t.http().post(`/api/tasks/${late.id}/progress`).set(bearer(f.lead.token)).send({ percent: 50, narrative: 'x' })).status).toBe(409);
      const rows = await reminders(f, late.id);
      expect(rows.filter((r) => r.status === 'planned' || r.status === 'queued')).toEqual([]);
      // The ledger keeps it, marked 已撤销.
      const ledger = await f.t.http().get(`/api/plans/${f.planId}/ledger.xlsx`).set(bearer(f.t.adminToken)).buffer(true)
        .parse((r, cb) => { const c: Buffer[] = []; r.on('data', (d: Buffer) => c.push(d)); r.on('end', () => cb(null, Buffer.concat(c))); });
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(ledger.body);
      const cells: string[] = [];
      wb.worksheets[0].eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
      expect(cells.some((c) => c.startsWith('已撤销'))).toBe(true);
      expect(cells).toContain('逾期任务');
    } finally {
      await f.close();
    }
  }, 60_000);

  it('签收: each department acknowledges its own part; one that has not after 2 working days is reminded', async () => {
    const f = await fixture('2026-06-01T02:00:00Z'); // Monday
    try {
      const task = await assignOne(f, { itemNumber: 1, leadDepartment: '城管局', cooperatingDepartments: ['司法局'], dueDate: '2026-12-31' });
      const ack = (await reminders(f, task.id)).filter((r) => r.kind === 'acknowledge');
      expect(ack.map((r) => r.fireAt)).toEqual(['2026-06-03T01:00:00.000Z', '2026-06-03T01:00:00.000Z']); // Wednesday 09:00

      expect((await f.t.http().post(`/api/tasks/${task.id}/acknowledge`).set(bearer(f.t.adminToken))).status).toBe(403);
      const leader = await createUser(f.t, 'leader1', 'leader');
      expect((await f.t.http().post(`/api/tasks/${task.id}/acknowledge`).set(bearer(leader))).status).toBe(403);
      const other = await departmentWithUser(f.t, '区财政局', 'czj');
      expect((await f.t.http().post(`/api/tasks/${task.id}/acknowledge`).set(bearer(other.token))).status).toBe(404);
      const first = await f.t.http().post(`/api/tasks/${task.id}/acknowledge`).set(bearer(f.coop.token));
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ departmentId: f.coop.id, alreadyAcknowledged: false });
      expect((await f.t.http().post(`/api/tasks/${task.id}/acknowledge`).set(bearer(f.coop.token))).body.alreadyAcknowledged).toBe(true);
      const view = (await f.t.http().get(`/api/tasks/${task.id}`).set(bearer(f.t.adminToken))).body;
      expect(view.cooperatingDepartments[0].acknowledgedAt).toBe(first.body.acknowledgedAt);
      expect(view.leadDepartment.acknowledgedAt).toBeNull();

      await fireAt(f, ack[0].fireAt);
      const got = await waitFor(async () => {
        const mine = (await inbox(f, f.lead.token)).filter((n) => n.kind === 'acknowledge');
        return mine.length ? mine : null;
      }, 15_000, 'acknowledge reminder');
      await new Promise((r) => setTimeout(r, 1000));
      expect((await inbox(f, f.lead.token)).filter((n) => n.kind === 'acknowledge')).toHaveLength(1);
      expect(got[0]).toMatchObject({ title: '任务待签收', taskId: task.id, link: `/tasks/${task.id}` });
      expect((await inbox(f, f.coop.token)).filter((n) => n.kind === 'acknowledge')).toEqual([]);
    } finally {
      await f.close();
    }
  }, 60_000);

  it('each event reaches each intended recipient exactly once, in-app with a link and through the robot', async () => {
    const f = await fixture('2026-06-01T02:00:00Z');
    const robot = await WebhookReceiver.start();
    try {
      const { t } = f;
      await t.http().patch(`/api/departments/${f.lead.id}`).set(bearer(t.adminToken)).send({ webhookUrl: robot.url, webhookKind: 'dingtalk' });
      const lead2 = await createUser(t, 'cg2', 'department', f.lead.id);
      const admin2 = await createUser(t, 'fzb-admin2', 'admin');
      const leader = await createUser(t, 'leader1', 'leader');
      const everyone = { lead: f.lead.token, lead2, coop: f.coop.token, admin: t.adminToken, admin2, leader };
      const step = () => f.clock.advance(60_000);
      const kinds = async () => Object.fromEntries(await Promise.all(Object.entries(everyone).map(async ([who, token]) => [who, (await inbox(f, token)).map((n) => n.kind).sort()])));

      const task = await assignOne(f, { itemNumber: 1, title: '事件任务', leadDepartment: '城管局', cooperatingDepartments: ['司法局'], dueDate: '2026-09-30' });
      step();
      const ext = await t.http().post(`/api/tasks/${task.id}/extension-requests`).set(bearer(f.lead.token)).send({ requestedDueDate: '2026-10-31', reason: '需要协调' });
      expect(ext.status).toBe(201);
      step();
      expect((await t.http().post(`/api/extension-requests/${ext.body.id}/approve`).set(bearer(t.adminToken))).status).toBe(200);
      step();
      expect((await t.http().post(`/api/tasks/${task.id}/completion-request`).set(bearer(f.lead.token)).send({ summary: '已完成' })).status).toBe(201);
      step();
      expect((await t.http().post(`/api/tasks/${task.id}/completion/return`).set(bearer(t.adminToken)).send({ reason: '材料不全' })).status).toBe(200);
      step();
      const notice = await t.http().post(`/api/tasks/${task.id}/supervision-notices`).set(bearer(t.adminToken)).send({ message: '请加快进度', respondBy: '2026-06-20' });
      expect(notice.status).toBe(201);
      step();
      expect((await t.http().post(`/api/supervision-notices/${notice.body.id}/response`).set(bearer(f.lead.token)).send({ response: '已整改' })).status).toBe(200);
      step();
      const current = (await t.http().get(`/api/tasks/${task.id}`).set(bearer(t.adminToken))).body;
      expect((await t.http().patch(`/api/tasks/${task.id}`).set(bearer(t.adminToken)).send({ version: current.version, dueDate: '2026-11-30' })).status).toBe(200);
      step();
      expect((await t.http().post(`/api/tasks/${task.id}/cancel`).set(bearer(t.adminToken)).send({ reason: '合并到其他任务' })).status).toBe(200);

      const departmentKinds = ['notice_issued', 'request_approved', 'request_returned', 'task_assigned', 'task_cancelled', 'task_changed'];
      const got = await kinds();
      expect(got.lead).toEqual(departmentKinds);
      expect(got.lead2).toEqual(departmentKinds);
      expect(got.coop).toEqual(['task_assigned', 'task_cancelled', 'task_changed']);
      expect(got.admin).toEqual(['notice_answered', 'request_new', 'request_new']);
      expect(got.admin2).toEqual(['notice_answered', 'request_new', 'request_new']);
      expect(got.leader).toEqual([]);
      const mine = await inbox(f, f.lead.token);
      expect(mine.every((n) => n.link === `/tasks/${task.id}` && n.taskId === task.id)).toBe(true);
      expect(mine.find((n) => n.kind === 'notice_issued')!.title).toContain(notice.body.number);

      // The lead department's robot: one line per event addressed to it, never twice.
      const lines = await waitFor(() => (robot.reminderLines().length >= departmentKinds.length ? robot.reminderLines() : null), 20_000, 'robot messages');
      await new Promise((r) => setTimeout(r, 1500));
      expect(robot.reminderLines()).toHaveLength(departmentKinds.length);
      expect(lines.filter((l) => l.includes('督办通知'))).toHaveLength(1);
      expect(lines.filter((l) => l.includes('任务已撤销'))).toHaveLength(1);
    } finally {
      await f.close();
      await robot.close();
    }
  }, 90_000);

  it('the notification inbox pages by cursor, counts unread, marks all read, and only the owner marks one', async () => {
    const f = await fixture('2026-06-01T02:00:00Z');
    try {
      for (let i = 1; i <= 5; i++) {
        await assignOne(f, { itemNumber: i, leadDepartment: '城管局', dueDate: '2026-12-31' });
        f.clock.advance(1000);
      }
      const page1 = (await f.t.http().get('/api/me/notifications?limit=2').set(bearer(f.lead.token))).body;
      expect(page1.items).toHaveLength(2);
      expect(page1.unread).toBe(5);
      const page2 = (await f.t.http().get(`/api/me/notifications?limit=2&cursor=${page1.nextCursor}`).set(bearer(f.lead.token))).body;
      const page3 = (await f.t.http().get(`/api/me/notifications?limit=2&cursor=${page2.nextCursor}`).set(bearer(f.lead.token))).body;
      expect(page3.items).toHaveLength(1);
      expect(page3.nextCursor).toBeNull();
      const ids = [...page1.items, ...page2.items, ...page3.items].map((n: Note) => n.id);
      expect(new Set(ids).size).toBe(5);
      expect((await f.t.http().get('/api/me/notifications?cursor=nonsense').set(bearer(f.lead.token))).status).toBe(400);
      expect((await f.t.http().get('/api/me/notifications?limit=0').set(bearer(f.lead.token))).status).toBe(400);

      expect((await f.t.http().post(`/api/me/notifications/${ids[0]}/read`).set(bearer(f.coop.token))).status).toBe(404);
      expect((await f.t.http().post(`/api/me/notifications/${ids[0]}/read`).set(bearer(f.lead.token))).status).toBe(200);
      const unread = (await f.t.http().get('/api/me/notifications?unread=true').set(bearer(f.lead.token))).body;
      expect(unread.items).toHaveLength(4);
      expect(unread.unread).toBe(4);
      const all = await f.t.http().post('/api/me/notifications/read-all').set(bearer(f.lead.token));
      expect(all.body).toEqual({ marked: 4, unread: 0 });
      expect((await f.t.http().get('/api/me/notifications?unread=true').set(bearer(f.lead.token))).body.items).toEqual([]);
    } finally {
      await f.close();
    }
  }, 60_000);

  it('issues no automatic 督办 while a notice on the task is open', async () => {
    const f = await fixture('2026-06-01T02:00:00Z');
    try {
      const task = await assignOne(f, { itemNumber: 1, title: '逾期任务', leadDepartment: '城管局', dueDate: '2026-06-05' });
      f.clock.set('2026-06-08T02:00:00Z');
      const manual = await f.t.http().post(`/api/tasks/${task.id}/supervision-notices`).set(bearer(f.t.adminToken)).send({ message: '请说明逾期原因', respondBy: '2026-06-30' });
      expect(manual.status).toBe(201);
      const first = (await reminders(f, task.id)).find((r) => r.kind === 'overdue')!;
      await fireAt(f, first.fireAt);
      const second = await waitFor(async () => (await reminders(f, task.id)).find((r) => r.kind === 'overdue' && r.seq === 2), 15_000, 'second overdue planned');
      await fireAt(f, second.fireAt);
      await waitFor(async () => (await reminders(f, task.id)).find((r) => r.id === second.id)!.status === 'sent', 15_000, 'second overdue sent');
      const notices = (await f.t.http().get(`/api/tasks/${task.id}/supervision-notices`).set(bearer(f.t.adminToken))).body;
      expect(notices).toHaveLength(1);
      expect(notices[0].id).toBe(manual.body.id);
    } finally {
      await f.close();
    }
  }, 60_000);

  it('after days of downtime a reminder is sent once, marked 补发, worded for the day it is sent', async () => {
    const f = await fixture('2026-12-28T02:00:00Z', { REMINDER_ACKNOWLEDGE_WORKING_DAYS: '0' });
    const robot = await WebhookReceiver.start();
    try {
      await f.t.http().patch(`/api/departments/${f.lead.id}`).set(bearer(f.t.adminToken)).send({ webhookUrl: robot.url, webhookKind: 'dingtalk' });
      const task = await assignOne(f, { itemNumber: 1, title: '年底任务', leadDepartment: '城管局', dueDate: '2026-12-31' });
      await f.t.app.get(ReminderDispatcher).pass();
      // Down from the 30th until Thursday 7 January: the 1-day, due-day and first overdue reminders all passed.
      f.clock.set('2027-01-07T02:00:00Z');
      await f.t.app.get(ReminderDispatcher).pass();
      const notes = await waitFor(async () => {
        const mine = (await inbox(f, f.lead.token)).filter((n) => n.taskId === task.id && n.reminderId);
        return mine.length ? mine : null;
      }, 15_000, 'late reminder');
      await new Promise((r) => setTimeout(r, 1000));
      // Reminders only (the assignment's own notification is an event).
      const after = (await inbox(f, f.lead.token)).filter((n) => n.taskId === task.id && n.reminderId);
      expect(after).toHaveLength(1);
      expect(notes[0].title).toBe('【补发】任务已逾期');
      expect(notes[0].body).toContain('已于 2026-12-31 到期（已逾期 7 天）');
      expect(notes[0].body).not.toContain('今日');
      const rows = await reminders(f, task.id);
      expect(rows.filter((r) => r.kind === 'before_due' || r.kind === 'due').every((r) => r.status === 'skipped' || r.status === 'cancelled')).toBe(true);
      // The next overdue reminder is the next one ahead, not the repeats that fell in the downtime.
      expect(rows.filter((r) => r.kind === 'overdue' && r.status === 'planned' || r.kind === 'overdue' && r.status === 'queued').map((r) => r.fireAt)).toEqual(['2027-01-08T01:00:00.000Z']);
      const lines = await waitFor(() => (robot.reminderLines().some((l) => l.includes('补发')) ? robot.reminderLines() : null), 15_000, 'robot digest');
      // Date reminder lines (not the assignment event nor the quarterly reminder that names the task).
      expect(lines.filter((l) => /^- \*\*(【补发】)?任务(即将到期|今日到期|已逾期)/.test(l))).toEqual([expect.stringContaining('【补发】「年底任务」已于 2026-12-31 到期（已逾期 7 天）')]);
      expect(lines.join('\n')).not.toMatch(/今日（2026-/);
      // The Q4 quarterly reminder, due by the 10th, still asks for what is true today.
      expect(lines.join('\n')).not.toMatch(/请于 2026-\d\d-\d\d 前/);
    } finally {
      await f.close();
      await robot.close();
    }
  }, 60_000);

  it('entering the 2027 calendar moves the overdue reminders already planned for January', async () => {
    const f = await fixture('2026-12-21T02:00:00Z', { REMINDER_ACKNOWLEDGE_WORKING_DAYS: '0' });
    try {
      const task = await assignOne(f, { itemNumber: 1, leadDepartment: '城管局', dueDate: '2026-12-31' });
      const open = (rows: ReminderRow[]) => rows.filter((r) => r.status === 'planned' || r.status === 'queued');
      // Under the Mon–Fri guess for 2027: Fri 1, Mon 4, Tue 5 January.
      expect(open(await reminders(f, task.id)).find((r) => r.kind === 'overdue')!.fireAt).toBe('2027-01-05T01:00:00.000Z');
      const res = await f.t.http().put('/api/calendar/2027').set(bearer(f.t.adminToken)).send({ holidays: ['2027-01-01', '2027-01-04'], workdays: [] });
      expect(res.status).toBe(200);
      const rows = await reminders(f, task.id);
      expect(open(rows).filter((r) => r.kind === 'overdue').map((r) => r.fireAt)).toEqual(['2027-01-07T01:00:00.000Z']);
      expect(rows.find((r) => r.fireAt === '2027-01-05T01:00:00.000Z')!.status).toBe('cancelled');
    } finally {
      await f.close();
    }
  }, 60_000);

  it('an edit that moves the due date and the lead together plans for the new date and the new lead', async () => {
    const f = await fixture('2026-06-01T02:00:00Z');
    try {
      const task = await assignOne(f, { itemNumber: 1, leadDepartment: '城管局', dueDate: '2026-09-30' });
      const res = await f.t.http().patch(`/api/tasks/${task.id}`).set(bearer(f.t.adminToken)).send({ version: task.version, dueDate: '2026-10-30', leadDepartment: '司法局' });
      expect(res.status).toBe(200);
      const open = (await reminders(f, task.id)).filter((r) => r.status === 'planned' || r.status === 'queued');
      const due = open.filter((r) => r.kind === 'due');
      expect(due.map((r) => r.fireAt)).toEqual(['2026-10-30T01:00:00.000Z']);
      expect(open.filter((r) => r.kind !== 'acknowledge').every((r) => r.departmentId === f.coop.id)).toBe(true);
      // The new lead joined after assignment: its 签收 reminder is planned from the assignment day, like the others.
      expect(open.filter((r) => r.kind === 'acknowledge').map((r) => r.departmentId)).toEqual([f.coop.id]);
    } finally {
      await f.close();
    }
  }, 60_000);

  it('quarterly reminders go only to departments that have not reported for the quarter (未报送)', async () => {
    const f = await fixture('2026-06-01T02:00:00Z', { REMINDER_ACKNOWLEDGE_WORKING_DAYS: '0' });
    try {
      const a = await assignOne(f, { itemNumber: 1, leadDepartment: '城管局', dueDate: '2026-12-31' });
      await assignOne(f, { itemNumber: 2, leadDepartment: '司法局', dueDate: '2026-12-31' });
      // 城管局 reports for Q2 on 2 July, inside the reporting window.
      f.clock.set('2026-07-02T02:00:00Z');
      expect((await f.t.http().post(`/api/tasks/${a.id}/progress`).set(bearer(f.lead.token)).send({ percent: 30, narrative: '二季度进展' })).status).toBe(201);
      // The Q2 reminder: 3 working days before 10 July (a Friday) is Tuesday 7 July, 09:00.
      await fireAt(f, '2026-07-07T01:00:00.000Z');
      const coopGot = await waitFor(async () => {
        const q = (await inbox(f, f.coop.token)).filter((n) => n.kind === 'quarterly');
        return q.length ? q : null;
      }, 15_000, 'quarterly reminder');
      expect(coopGot).toHaveLength(1);
      expect(coopGot[0].body).toContain('请于 2026-07-10 前填报第二季度工作进展');
      await new Promise((r) => setTimeout(r, 1000));
      expect((await inbox(f, f.lead.token)).filter((n) => n.kind === 'quarterly')).toEqual([]);
    } finally {
      await f.close();
    }
  }, 60_000);
});
