import { describe, expect, it } from '@jest/globals';
import { importPlan, seedPlanFor, startWorld, World } from '../factories/world.factory';
import { AuditService } from '../../src/modules/audit/audit.service';
import { bearer } from '../helpers/test-app';

type Item = { id: string; number: number; label: string; title: string; body: string };
type Section = { id: string; items: Item[]; sections: Section[] };

const itemsOf = (view: { sections: Section[] }): Item[] => {
  const walk = (s: Section): Item[] => [...s.items, ...s.sections.flatMap(walk)];
  return view.sections.flatMap(walk);
};

async function withWorld(run: (w: World) => Promise<void>): Promise<void> {
  const w = await startWorld({ year: 2026, departments: ['fzb', 'cg'] });
  try {
    await run(w);
  } finally {
    await w.close();
  }
}

describe('correcting a misread plan (e2e)', () => {
  it('the office corrects an item’s title and body; the change is kept and audited', async () => {
    await withWorld(async ({ t, planId }) => {
      const plan = await t.http().get(`/api/plans/${planId}`).set(bearer(t.adminToken));
      const item = itemsOf(plan.body)[0];
      const res = await t.http().patch(`/api/plans/${planId}/items/${item.id}`).set(bearer(t.adminToken)).send({ title: '规范行政权力运行（更正）', body: '更正后的正文。' });
      expect(res.status).toBe(200);
      const again = itemsOf((await t.http().get(`/api/plans/${planId}`).set(bearer(t.adminToken))).body)[0];
      expect(again).toMatchObject({ id: item.id, title: '规范行政权力运行（更正）', body: '更正后的正文。', number: 1 });
      const trail = await t.app.get(AuditService).listFor('plan', planId);
      expect(trail.find((e) => e.action === 'plan.item.update')).toMatchObject({
        before: { itemId: item.id, title: item.title, body: item.body }, after: { itemId: item.id, title: '规范行政权力运行（更正）' },
      });
    });
  });

  it('an empty or wrongly typed correction is refused naming the field, and changes nothing', async () => {
    await withWorld(async ({ t, planId }) => {
      const item = itemsOf((await t.http().get(`/api/plans/${planId}`).set(bearer(t.adminToken))).body)[0];
      const empty = await t.http().patch(`/api/plans/${planId}/items/${item.id}`).set(bearer(t.adminToken)).send({ title: '' });
      expect(empty.status).toBe(400);
      expect(JSON.stringify(empty.body.message)).toContain('title');
      const wrong = await t.http().patch(`/api/plans/${planId}/items/${item.id}`).set(bearer(t.adminToken)).send({ number: 'x' });
      expect(wrong.status).toBe(400);
      expect(JSON.stringify(wrong.body.message)).toContain('number');
      const after = itemsOf((await t.http().get(`/api/plans/${planId}`).set(bearer(t.adminToken))).body)[0];
      expect(after).toEqual(item);
    });
  });

  it('a department user or a leader cannot correct a plan', async () => {
    await withWorld(async ({ t, planId, leader, departments }) => {
      const item = itemsOf((await t.http().get(`/api/plans/${planId}`).set(bearer(t.adminToken))).body)[0];
      for (const token of [leader, departments.fzb.token]) {
        expect((await t.http().patch(`/api/plans/${planId}/items/${item.id}`).set(bearer(token)).send({ title: 'x' })).status).toBe(403);
        expect((await t.http().post(`/api/plans/${planId}/archive`).set(bearer(token)).send({})).status).toBe(403);
      }
    });
  });

  it('splits an item read as one into two in document order, then merges them back, moving tasks onto the kept item', async () => {
    await withWorld(async ({ t, planId }) => {
      const before = itemsOf((await t.http().get(`/api/plans/${planId}`).set(bearer(t.adminToken))).body);
      const target = before[28];
      const collides = await t.http().post(`/api/plans/${planId}/items/${target.id}/split`).set(bearer(t.adminToken)).send({
        parts: [{ number: 29, body: '第一部分。' }, { number: 30, body: '第二部分。' }],
      });
      expect(collides.status).toBe(400);
      expect(collides.body.message).toContain('number: 本计划已有编号为 30');
      const split = await t.http().post(`/api/plans/${planId}/items/${target.id}/split`).set(bearer(t.adminToken)).send({
        parts: [{ number: 29, body: '第一部分。后文' }, { number: 31, title: '第二部分', body: '第二部分的正文。' }],
      });
      expect(split.status).toBe(200);
      const after = itemsOf(split.body);
      expect(after).toHaveLength(before.length + 1);
      expect(after[28]).toMatchObject({ id: target.id, number: 29, title: '第一部分', body: '第一部分。后文' });
      expect(after[29]).toMatchObject({ number: 31, title: '第二部分', label: target.label.replace(/^\d+/, '31') });
      expect(after[30].id).toBe(before[29].id);

      const assign = await t.http().post(`/api/plans/${planId}/tasks`).set(bearer(t.adminToken)).send([{ itemNumber: 31, leadDepartment: '法制办', dueDate: '2026-12-31' }]);
      expect(assign.status).toBe(201);
      const taskId = assign.body[0]?.id ?? assign.body.tasks?.[0]?.id;
      const merged = await t.http().post(`/api/plans/${planId}/items/merge`).set(bearer(t.adminToken)).send({ itemIds: [after[29].id, target.id] });
      expect(merged.status).toBe(200);
      const final = itemsOf(merged.body);
      expect(final).toHaveLength(before.length);
      expect(final[28]).toMatchObject({ id: target.id, body: '第一部分。后文\n第二部分的正文。' });
      const task = await t.http().get(`/api/tasks/${taskId}`).set(bearer(t.adminToken));
      expect(task.status).toBe(200);
      expect(task.body.itemId ?? task.body.item?.id).toBe(target.id);
    });
  });

  it('a split with fewer than two parts or an item of another plan is refused', async () => {
    await withWorld(async ({ t, planId }) => {
      const item = itemsOf((await t.http().get(`/api/plans/${planId}`).set(bearer(t.adminToken))).body)[0];
      const one = await t.http().post(`/api/plans/${planId}/items/${item.id}/split`).set(bearer(t.adminToken)).send({ parts: [{ number: 1, body: 'x。' }] });
      expect(one.status).toBe(400);
      expect(JSON.stringify(one.body.message)).toContain('parts');
      const other = await importPlan(t, seedPlanFor(2026, 36).replace('惠济区2026年', '惠济区2026年第二份'));
      const foreign = itemsOf((await t.http().get(`/api/plans/${other}`).set(bearer(t.adminToken))).body)[0];
      expect((await t.http().patch(`/api/plans/${planId}/items/${foreign.id}`).set(bearer(t.adminToken)).send({ title: 'x' })).status).toBe(404);
      expect((await t.http().post(`/api/plans/${planId}/items/merge`).set(bearer(t.adminToken)).send({ itemIds: [item.id, foreign.id] })).status).toBe(404);
    });
  });

  it('replaces a stored plan from a corrected document while it has no tasks, keeping its id; refused once tasks exist', async () => {
    await withWorld(async ({ t, planId }) => {
      const corrected = seedPlanFor(2026).replace('规范行政权力运行。', '规范行政权力运行（更正稿）。');
      const res = await t.http().put(`/api/plans/${planId}/document`).set(bearer(t.adminToken)).send({ text: corrected });
      expect(res.status).toBe(200);
      expect(res.body.plan.id).toBe(planId);
      expect(itemsOf(res.body)[0].title).toBe('规范行政权力运行（更正稿）');
      expect(itemsOf(res.body)).toHaveLength(30);
      const list = await t.http().get('/api/plans').set(bearer(t.adminToken));
      expect(list.body).toHaveLength(1);

      await t.http().post(`/api/plans/${planId}/tasks`).set(bearer(t.adminToken)).send([{ itemNumber: 1, leadDepartment: '法制办', dueDate: '2026-12-31' }]).expect(201);
      const refused = await t.http().put(`/api/plans/${planId}/document`).set(bearer(t.adminToken)).send({ text: seedPlanFor(2026) });
      expect(refused.status).toBe(409);
      expect(refused.body.message).toContain('任务');
      expect(itemsOf((await t.http().get(`/api/plans/${planId}`).set(bearer(t.adminToken))).body)[0].title).toBe('规范行政权力运行（更正稿）');
    });
  });

  it('an archived plan leaves the list, is read-only, and no longer blocks a corrected import of the same 文号', async () => {
    await withWorld(async ({ t, planId }) => {
      expect((await t.http().post('/api/plans/import').set(bearer(t.adminToken)).send({ text: seedPlanFor(2026) })).status).toBe(409);
      const archived = await t.http().post(`/api/plans/${planId}/archive`).set(bearer(t.adminToken)).send({ reason: '误读，重新导入' });
      expect(archived.status).toBe(200);
      expect(archived.body.plan.archivedAt).toEqual(expect.any(String));
      expect((await t.http().get('/api/plans').set(bearer(t.adminToken))).body).toHaveLength(0);
      expect((await t.http().get('/api/plans?includeArchived=true').set(bearer(t.adminToken))).body).toHaveLength(1);
      const item = itemsOf(archived.body)[0];
      const edit = await t.http().patch(`/api/plans/${planId}/items/${item.id}`).set(bearer(t.adminToken)).send({ title: 'x' });
      expect(edit.status).toBe(409);
      expect(edit.body.message).toContain('归档');
      const again = await t.http().post('/api/plans/import').set(bearer(t.adminToken)).send({ text: seedPlanFor(2026) });
      expect(again.status).toBe(200);
      expect(again.body.plan.id).not.toBe(planId);
    });
  });
});
