// The task ledger's filters as the legal office uses them from the web page: keyword, due range,
// pending extensions and sorting, on top of the plan / department / status / light filters.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FixedClock } from '../../src/common/time/clock';
import { departmentWithUser, SeededDepartment } from '../factories/directory.factory';
import { seedPlanText } from '../helpers/shared-docs';
import { bearer, startTestApp, TestApp } from '../helpers/test-app';

interface Row {
  id: string;
  itemNumber: number;
  title: string;
  dueDate: string;
  percent: number;
  pendingExtension: boolean;
}

describe('task ledger filters and sorting (e2e)', () => {
  const clock = new FixedClock('2016-06-01T01:00:00Z');
  let t: TestApp;
  let planId: string;
  let fzb: SeededDepartment;
  let cg: SeededDepartment;
  const admin = () => bearer(t.adminToken);
  const list = async (query: string, token = t.adminToken) => {
    const res = await t.http().get(`/api/tasks?planId=${planId}&pageSize=100&${query}`).set(bearer(token));
    expect(res.status).toBe(200);
    return res.body as { items: Row[]; total: number };
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    fzb = await departmentWithUser(t, '区政府法制办', 'fzb', ['法制办']);
    cg = await departmentWithUser(t, '区城市管理局', 'cg', ['城管局']);
    planId = (await t.http().post('/api/plans/import').set(admin()).send({ text: seedPlanText() })).body.plan.id;
    const res = await t.http().post(`/api/plans/${planId}/tasks`).set(admin()).send([
      { itemNumber: 1, title: '编制权力清单', leadDepartment: '法制办', dueDate: '2016-06-30', deliverable: '权力清单文本' },
      { itemNumber: 2, title: '审批制度改革', leadDepartment: '城管局', dueDate: '2016-09-30', deliverable: '改革方案' },
      { itemNumber: 3, title: '执法体制 100%_覆盖', leadDepartment: '城管局', dueDate: '2016-12-31', deliverable: '执法清单' },
      { itemNumber: 12, title: 'Legal Advisers 制度', leadDepartment: '法制办', dueDate: '2016-08-31' },
    ]);
    expect(res.status).toBe(201);
    const ext = await t.http().post(`/api/tasks/${res.body[1].id}/extension-requests`).set(bearer(cg.token))
      .send({ requestedDueDate: '2016-11-30', reason: '需要补充调研' });
    expect(ext.status).toBe(201);
    const progress = await t.http().post(`/api/tasks/${res.body[2].id}/progress`).set(bearer(cg.token))
      .send({ percent: 60, narrative: '已完成过半' });
    expect(progress.status).toBe(201);
  });
  afterAll(async () => t?.close());

  it('finds tasks by a word of the title or the deliverable, or by item number', async () => {
    expect((await list(`q=${encodeURIComponent('清单')}`)).items.map((r) => r.itemNumber).sort()).toEqual([1, 3]);
    expect((await list(`q=${encodeURIComponent('方案')}`)).items.map((r) => r.itemNumber)).toEqual([2]);
    expect((await list('q=12')).items.map((r) => r.itemNumber)).toEqual([12]);
    expect((await list('q=legal%20ADVISERS')).items.map((r) => r.itemNumber)).toEqual([12]);
    expect((await list(`q=${encodeURIComponent('没有这个词')}`)).total).toBe(0);
  });

  it('takes % and _ in a keyword literally', async () => {
    expect((await list(`q=${encodeURIComponent('100%_')}`)).items.map((r) => r.itemNumber)).toEqual([3]);
    expect((await list(`q=${encodeURIComponent('%')}`)).items.map((r) => r.itemNumber)).toEqual([3]);
  });

  it('limits by a due range, both ends included', async () => {
    const r = await list('dueFrom=2016-08-31&dueTo=2016-09-30');
    expect(r.items.map((x) => x.dueDate).sort()).toEqual(['2016-08-31', '2016-09-30']);
    expect((await list('dueTo=2016-06-30')).items.map((x) => x.itemNumber)).toEqual([1]);
  });

  it('lists the tasks waiting for an extension review', async () => {
    const r = await list('pendingExtension=true');
    expect(r.items.map((x) => x.itemNumber)).toEqual([2]);
    expect(r.items[0].pendingExtension).toBe(true);
    expect((await list('pendingExtension=false')).total).toBe(3);
  });

  it('sorts by due date or percent in either direction, paging on the server', async () => {
    expect((await list('sort=dueDate&order=desc')).items.map((x) => x.dueDate)).toEqual(['2016-12-31', '2016-09-30', '2016-08-31', '2016-06-30']);
    expect((await list('sort=percent&order=desc')).items[0].itemNumber).toBe(3);
    const page2 = await t.http().get(`/api/tasks?planId=${planId}&sort=dueDate&page=2&pageSize=3`).set(admin());
    expect(page2.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page2.body.items.map((x: Row) => x.dueDate)).toEqual(['2016-12-31']);
  });

  it('keeps a department to its own tasks whatever the keyword', async () => {
    const r = await list(`q=${encodeURIComponent('清单')}`, cg.token);
    expect(r.items.map((x) => x.itemNumber)).toEqual([3]);
    expect((await list('q=12', fzb.token)).items.map((x) => x.itemNumber)).toEqual([12]);
  });

  it('rejects bad filter values with a message naming the parameter', async () => {
    for (const [query, field] of [
      ['dueFrom=2016-6-1', 'dueFrom'], ['dueTo=yesterday', 'dueTo'], ['pendingExtension=yes', 'pendingExtension'],
      ['sort=title', 'sort'], ['order=up', 'order'], [`q=${'字'.repeat(101)}`, 'q'],
    ]) {
      const res = await t.http().get(`/api/tasks?planId=${planId}&${encodeURI(query)}`).set(admin());
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(field);
    }
  });
});
