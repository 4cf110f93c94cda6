// The ledger page (GET /api/tasks) is served from the read cache. Read caches are kept for ten
// minutes here, so only invalidation can explain a change showing: a write made through the API is
// in the very next list, and a department is never answered another department's cached page.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FixedClock } from '../../src/common/time/clock';
import { departmentWithUser, SeededDepartment } from '../factories/directory.factory';
import { seedPlanText } from '../helpers/shared-docs';
import { bearer, startTestApp, TestApp } from '../helpers/test-app';

interface Row {
  id: string;
  itemNumber: number;
  title: string;
  percent: number;
  status: string;
  light: string;
  leadDepartment: { id: string; name: string; acknowledgedAt: string | null };
}

describe('task list read cache (e2e)', () => {
  const clock = new FixedClock('2016-06-01T01:00:00Z');
  let t: TestApp;
  let planId: string;
  let fzb: SeededDepartment;
  let cg: SeededDepartment;
  const admin = () => bearer(t.adminToken);
  const list = async (token: string, query = '') => {
    const res = await t.http().get(`/api/tasks?planId=${planId}&pageSize=50${query}`).set(bearer(token));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    return res.body as { items: Row[]; total: number; page: number; pageSize: number };
  };

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { READ_CACHE_TTL_MS: '600000' } });
    fzb = await departmentWithUser(t, '区政府法制办', 'fzb', ['法制办']);
    cg = await departmentWithUser(t, '区城市管理局', 'cg', ['城管局']);
    planId = (await t.http().post('/api/plans/import').set(admin()).send({ text: seedPlanText() })).body.plan.id;
    const res = await t.http().post(`/api/plans/${planId}/tasks`).set(admin()).send([
      { itemNumber: 1, title: '编制权力清单', leadDepartment: '法制办', dueDate: '2016-06-30' },
      { itemNumber: 2, title: '审批制度改革', leadDepartment: '城管局', dueDate: '2016-09-30' },
    ]);
    expect(res.status).toBe(201);
  });
  afterAll(async () => t?.close());

  it('shows a task assigned, a progress report, an edit and a cancellation in the very next list', async () => {
    const before = await list(t.adminToken);
    expect(before.items.map((r) => r.itemNumber)).toEqual([1, 2]);
    expect(await list(t.adminToken)).toEqual(before); // served again (cached)

    const assigned = await t.http().post(`/api/plans/${planId}/tasks`).set(admin())
      .send([{ itemNumber: 3, title: '执法体制改革', leadDepartment: '城管局', dueDate: '2016-12-31' }]);
    expect(assigned.status).toBe(201);
    const afterAssign = await list(t.adminToken);
    expect(afterAssign.total).toBe(3);
    expect(afterAssign.items.map((r) => r.itemNumber)).toEqual([1, 2, 3]);

    const task = afterAssign.items.find((r) => r.itemNumber === 2)!;
    const report = await t.http().post(`/api/tasks/${task.id}/progress`).set(bearer(cg.token)).send({ percent: 40, narrative: '推进中' });
    expect(report.status).toBe(201);
    expect((await list(t.adminToken)).items.find((r) => r.id === task.id)!.percent).toBe(40);

    const current = (await t.http().get(`/api/tasks/${task.id}`).set(admin())).body as { version: number };
    const edit = await t.http().patch(`/api/tasks/${task.id}`).set(admin()).send({ title: '审批制度改革（修订）', version: current.version });
    expect(edit.status).toBe(200);
    expect((await list(t.adminToken)).items.find((r) => r.id === task.id)!.title).toBe('审批制度改革（修订）');

    const newest = afterAssign.items.find((r) => r.itemNumber === 3)!;
    const cancel = await t.http().post(`/api/tasks/${newest.id}/cancel`).set(admin()).send({ reason: '重复分工' });
    expect(cancel.status).toBe(200);
    const afterCancel = await list(t.adminToken);
    expect(afterCancel.items.map((r) => r.itemNumber)).toEqual([1, 2]);
    expect((await list(t.adminToken, '&status=cancelled')).items.map((r) => r.id)).toEqual([newest.id]);
  });

  it('shows 签收 by a department in its next list', async () => {
    const own = (await list(fzb.token)).items[0];
    expect(own.leadDepartment.acknowledgedAt).toBeNull();
    const ack = await t.http().post(`/api/tasks/${own.id}/acknowledge`).set(bearer(fzb.token));
    expect(ack.status).toBe(200);
    expect((await list(fzb.token)).items[0].leadDepartment.acknowledgedAt).not.toBeNull();
  });

  it('never answers a department with another department\'s cached page, nor with the office\'s', async () => {
    const all = await list(t.adminToken);
    expect(all.items.length).toBe(2);
    const ofFzb = await list(fzb.token);
    const ofCg = await list(cg.token);
    expect(ofFzb.items.map((r) => r.leadDepartment.id)).toEqual([fzb.id]);
    expect(ofCg.items.map((r) => r.leadDepartment.id)).toEqual([cg.id]);
    // The same URL once more for each, in the other order: each still gets only its own tasks.
    expect((await list(cg.token)).items.map((r) => r.leadDepartment.id)).toEqual([cg.id]);
    expect((await list(fzb.token)).items.map((r) => r.leadDepartment.id)).toEqual([fzb.id]);
    // A department filtering by the other department does not reach that department's tasks either.
    expect((await list(fzb.token, `&departmentId=${cg.id}`)).items).toEqual([]);
    expect((await list(t.adminToken, `&departmentId=${cg.id}`)).items.map((r) => r.leadDepartment.id)).toEqual([cg.id]);
  });

  it('computes the lights for today: the next day\'s list is not yesterday\'s cached page', async () => {
    const first = (await list(t.adminToken)).items.find((r) => r.itemNumber === 1)!;
    expect(first.light).not.toBe('red'); // due 2016-06-30, today 2016-06-01
    clock.set('2016-07-01T01:00:00Z');
    try {
      expect((await list(t.adminToken)).items.find((r) => r.itemNumber === 1)!.light).toBe('red');
    } finally {
      clock.set('2016-06-01T01:00:00Z');
    }
  });
});
