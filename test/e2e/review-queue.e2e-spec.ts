// The legal office's 待办 review queue: one call per card lists a plan's pending 延期申请 or 办结申请
// with the task's title, item number and department, paged on the server (no call per task).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FixedClock } from '../../src/common/time/clock';
import { createUser, departmentWithUser, SeededDepartment } from '../factories/directory.factory';
import { seedPlanText } from '../helpers/shared-docs';
import { bearer, startTestApp, TestApp } from '../helpers/test-app';

interface QueueRow {
  kind: string;
  id: string;
  status: string;
  createdAt: string;
  task: { id: string; title: string; itemNumber: number | null; dueDate: string };
  department: { id: string; name: string };
  requestedDueDate?: string;
  reason?: string;
  summary?: string;
}
interface QueuePage { items: QueueRow[]; total: number; page: number; pageSize: number }

describe('review queue of a plan (e2e)', () => {
  const clock = new FixedClock('2016-06-01T01:00:00Z');
  let t: TestApp;
  let planId: string;
  let fzb: SeededDepartment;
  let cg: SeededDepartment;
  let leaderToken: string;
  let taskIds: string[];
  const admin = () => bearer(t.adminToken);
  const queue = async (query: string, token = t.adminToken) => t.http().get(`/api/plans/${planId}/review-requests?${query}`).set(bearer(token));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    fzb = await departmentWithUser(t, '区政府法制办', 'fzb', ['法制办']);
    cg = await departmentWithUser(t, '区城市管理局', 'cg', ['城管局']);
    leaderToken = await createUser(t, 'leader1', 'leader');
    planId = (await t.http().post('/api/plans/import').set(admin()).send({ text: seedPlanText() })).body.plan.id;
    const res = await t.http().post(`/api/plans/${planId}/tasks`).set(admin()).send([
      { itemNumber: 1, title: '编制权力清单', leadDepartment: '法制办', dueDate: '2016-06-30' },
      { itemNumber: 2, title: '审批制度改革', leadDepartment: '城管局', dueDate: '2016-09-30' },
      { itemNumber: 3, title: '执法体制改革', leadDepartment: '城管局', dueDate: '2016-10-31' },
      { itemNumber: 4, title: '行政复议规范化', leadDepartment: '法制办', dueDate: '2016-08-31' },
      { itemNumber: 5, title: '法律顾问制度', leadDepartment: '法制办', dueDate: '2016-10-31' },
    ]);
    expect(res.status).toBe(201);
    taskIds = res.body.map((x: { id: string }) => x.id);
    const tokenOf = [fzb.token, cg.token, cg.token, fzb.token, fzb.token];
    // Four extension requests a minute apart (oldest first in the queue); the fourth is then approved.
    for (const i of [0, 1, 2, 3]) {
      clock.advance(60_000);
      const ext = await t.http().post(`/api/tasks/${taskIds[i]}/extension-requests`).set(bearer(tokenOf[i]))
        .send({ requestedDueDate: '2016-11-30', reason: `理由${i + 1}` });
      expect(ext.status).toBe(201);
    }
    const pending4 = (await t.http().get(`/api/tasks/${taskIds[3]}/extension-requests`).set(admin())).body[0].id;
    expect((await t.http().post(`/api/extension-requests/${pending4}/approve`).set(admin())).status).toBe(200);
    // One completion request, one returned completion request.
    expect((await t.http().post(`/api/tasks/${taskIds[4]}/completion-request`).set(bearer(fzb.token)).send({ summary: '已办结' })).status).toBe(201);
    expect((await t.http().post(`/api/tasks/${taskIds[2]}/completion-request`).set(bearer(cg.token)).send({ summary: '先报办结' })).status).toBe(201);
    expect((await t.http().post(`/api/tasks/${taskIds[2]}/completion/return`).set(admin()).send({ reason: '材料不全' })).status).toBe(200);
  });
  afterAll(async () => t?.close());

  it('lists only the pending extension requests, oldest first, with task title, item number and department', async () => {
    const res = await queue('kind=extension&status=pending');
    expect(res.status).toBe(200);
    const body = res.body as QueuePage;
    expect(body.total).toBe(3);
    expect(body.items.map((r) => r.task.itemNumber)).toEqual([1, 2, 3]);
    expect(body.items.every((r) => r.status === 'pending' && r.kind === 'extension')).toBe(true);
    expect(body.items[1]).toMatchObject({
      task: { id: taskIds[1], title: '审批制度改革', itemNumber: 2, dueDate: '2016-09-30' },
      department: { id: cg.id, name: '区城市管理局' },
      requestedDueDate: '2016-11-30', reason: '理由2',
    });
    // Pending is the default.
    expect(((await queue('kind=extension')).body as QueuePage).total).toBe(3);
  });

  it('lists pending completion requests apart from returned ones', async () => {
    const pending = (await queue('kind=completion')).body as QueuePage;
    expect(pending.items.map((r) => [r.task.itemNumber, r.summary, r.department.name])).toEqual([[5, '已办结', '区政府法制办']]);
    const returned = (await queue('kind=completion&status=returned')).body as QueuePage;
    expect(returned.items.map((r) => r.task.itemNumber)).toEqual([3]);
  });

  it('pages on the server', async () => {
    const first = (await queue('kind=extension&pageSize=2&page=1')).body as QueuePage;
    const second = (await queue('kind=extension&pageSize=2&page=2')).body as QueuePage;
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.items.map((r) => r.task.itemNumber)).toEqual([1, 2]);
    expect(second.items.map((r) => r.task.itemNumber)).toEqual([3]);
    expect((await queue('pageSize=101')).status).toBe(400);
    expect((await queue('kind=other')).status).toBe(400);
  });

  it('drops a request once its task is cancelled (it can no longer be reviewed)', async () => {
    expect((await t.http().post(`/api/tasks/${taskIds[0]}/cancel`).set(admin()).send({ reason: '合并到其他任务' })).status).toBe(200);
    const body = (await queue('kind=extension')).body as QueuePage;
    expect(body.items.map((r) => r.task.itemNumber)).toEqual([2, 3]);
  });

  it('is for the legal office only: departments and leaders get 403, an unknown plan 404', async () => {
    expect((await queue('kind=extension', cg.token)).status).toBe(403);
    expect((await queue('kind=extension', leaderToken)).status).toBe(403);
    expect((await t.http().get('/api/plans/00000000-0000-4000-8000-000000000000/review-requests').set(admin())).status).toBe(404);
  });
});
