// The deliveries view: failed robot digests (logged when they fail) and reminders stuck past their
// time, listed for the admin and retried.
import { describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/time/clock';
import { ReminderDeliveryService } from '../../src/modules/reminders/reminder-delivery.service';
import { departmentWithUser } from '../factories/directory.factory';
import { seedPlanText } from '../helpers/shared-docs';
import { bearer, startTestApp } from '../helpers/test-app';
import { WebhookReceiver } from '../helpers/webhook-receiver';

describe('deliveries (e2e)', () => {
  it('lists failed and late deliveries to the admin and retries them', async () => {
    const log: Record<string, unknown>[] = [];
    const receiver = await WebhookReceiver.start();
    const t = await startTestApp({
      clock: new FixedClock('2026-06-29T02:00:00Z'),
      env: { WORKER_IN_API: 'false', LOG_LEVEL: 'info', WEBHOOK_TIMEOUT_MS: '1000' },
      logDestination: { write: (l: string) => void log.push(JSON.parse(l)) },
    });
    const ds = t.app.get(DataSource);
    const sql = (text: string, params: unknown[]) => ds.query(ds.options.type === 'postgres' ? text.replace(/\?/g, (() => { let i = 0; return () => `$${++i}`; })()) : text, params);
    try {
      const d = await departmentWithUser(t, '区政府法制办', 'fzb', ['法制办']);
      // A robot nobody answers.
      await t.http().patch(`/api/departments/${d.id}`).set(bearer(t.adminToken)).send({ webhookUrl: 'http://127.0.0.1:1/robot/send?access_token=x', webhookKind: 'wecom' });
      const plan = await t.http().post('/api/plans/import').set(bearer(t.adminToken)).send({ text: seedPlanText().replace(/2016/g, '2026') });
      await t.http().post(`/api/plans/${plan.body.plan.id}/tasks`).set(bearer(t.adminToken)).send([{ itemNumber: 1, leadDepartment: '法制办', dueDate: '2026-07-20' }]);
      const rows: { id: string }[] = await sql(`SELECT id FROM reminders WHERE status = ? ORDER BY fire_at`, ['planned']);
      expect(rows.length).toBeGreaterThanOrEqual(2);
      const [delivered, stuck] = rows.map((r) => r.id);
      // One reminder was delivered in-app and waits for its robot digest; another is stuck 10 minutes past its time.
      await sql(`UPDATE reminders SET status = ?, sent_at = ?, webhook_status = ? WHERE id = ?`, ['sent', '2026-06-29T01:00:00.000Z', 'pending', delivered]);
      await sql(`UPDATE reminders SET fire_at = ? WHERE id = ?`, ['2026-06-29T01:50:00.000Z', stuck]);

      const delivery = t.app.get(ReminderDeliveryService);
      await expect(delivery.sendDigest(d.id, true)).rejects.toThrow();
      expect(log.find((l) => l.msg === 'webhook delivery failed')).toMatchObject({ departmentId: d.id, kind: 'wecom', reminders: 1, finalAttempt: true });

      const failed = await t.http().get('/api/deliveries?status=failed').set(bearer(t.adminToken));
      expect(failed.status).toBe(200);
      expect(failed.body.items).toEqual([expect.objectContaining({ id: delivered, status: 'sent', webhookStatus: 'failed', retry: 'webhook', lastError: expect.any(String) })]);
      const late = await t.http().get('/api/deliveries?status=late').set(bearer(t.adminToken));
      expect(late.body.items).toEqual([expect.objectContaining({ id: stuck, status: 'planned', retry: 'reminder' })]);

      expect((await t.http().get('/api/deliveries?status=failed').set(bearer(d.token))).status).toBe(403);
      const bad = await t.http().get('/api/deliveries?status=lost').set(bearer(t.adminToken));
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/^status: .*[\u4e00-\u9fff]/);
      expect(bad.body.message).toContain('failed');

      // The robot is fixed; the retry puts the digest back and the next send delivers it.
      await t.http().patch(`/api/departments/${d.id}`).set(bearer(t.adminToken)).send({ webhookUrl: receiver.url });
      const retried = await t.http().post(`/api/deliveries/${delivered}/retry`).set(bearer(t.adminToken));
      expect(retried.status).toBe(202);
      expect(retried.body).toMatchObject({ id: delivered, webhookStatus: 'pending', lastError: null });
      expect(await delivery.sendDigest(d.id, true)).toBe(1);
      expect(receiver.messages).toHaveLength(1);
      expect((await t.http().get('/api/deliveries?status=failed').set(bearer(t.adminToken))).body.items).toEqual([]);
      // Nothing left to retry on it.
      const again = await t.http().post(`/api/deliveries/${delivered}/retry`).set(bearer(t.adminToken));
      expect(again.status).toBe(409);
      expect(again.body.message).toMatch(/^id: 该提醒无需重试/);

      const stuckRetry = await t.http().post(`/api/deliveries/${stuck}/retry`).set(bearer(t.adminToken));
      expect(stuckRetry.status).toBe(202);
      expect(stuckRetry.body).toMatchObject({ status: 'planned', attempt: 2 });
      const audit: { n: number | string }[] = await sql(`SELECT COUNT(*) AS n FROM audit_logs WHERE action = ?`, ['delivery.retry']);
      expect(Number(audit[0].n)).toBe(2);
    } finally {
      await t.close();
      await receiver.close();
    }
  });

  it("lists one plan's failed deliveries with ?planId=, filtered in the query", async () => {
    const t = await startTestApp({ clock: new FixedClock('2026-06-29T02:00:00Z'), env: { WORKER_IN_API: 'false' } });
    const ds = t.app.get(DataSource);
    const sql = (text: string, params: unknown[]) => ds.query(ds.options.type === 'postgres' ? text.replace(/\?/g, (() => { let i = 0; return () => `$${++i}`; })()) : text, params);
    const admin = bearer(t.adminToken);
    try {
      const d = await departmentWithUser(t, '区政府法制办', 'fzb', ['法制办']);
      const planIds: string[] = [];
      for (const year of ['2026', '2027']) {
        const plan = await t.http().post('/api/plans/import').set(admin).send({ text: seedPlanText().replace(/2016/g, year) });
        expect(plan.status).toBe(200);
        planIds.push(plan.body.plan.id);
        const tasks = await t.http().post(`/api/plans/${plan.body.plan.id}/tasks`).set(admin).send([{ itemNumber: 1, leadDepartment: '法制办', dueDate: `${year}-07-20` }]);
        expect(tasks.status).toBe(201);
      }
      const [mine, other] = planIds;
      // Every reminder of both plans failed; the other plan's come first in the unfiltered list (later fire times).
      await sql(`UPDATE reminders SET status = ?, last_error = ? WHERE status = ?`, ['failed', 'boom', 'planned']);
      const ofPlan = async (planId: string): Promise<string[]> =>
        ((await sql(`SELECT id FROM reminders WHERE plan_id = ? AND status = ?`, [planId, 'failed'])) as { id: string }[]).map((r) => r.id).sort();
      const mineIds = await ofPlan(mine);
      const otherIds = await ofPlan(other);
      expect(mineIds.length).toBeGreaterThan(0);
      expect(otherIds.length).toBeGreaterThan(0);

      const all = await t.http().get('/api/deliveries').query({ status: 'failed' }).set(admin);
      expect(all.body.items).toHaveLength(mineIds.length + otherIds.length);
      const filtered = await t.http().get('/api/deliveries').query({ status: 'failed', planId: mine }).set(admin);
      expect(filtered.status).toBe(200);
      expect(filtered.body.items.map((r: { id: string }) => r.id).sort()).toEqual(mineIds);
      expect(filtered.body.items.every((r: { planId: string }) => r.planId === mine)).toBe(true);
      const late = await t.http().get('/api/deliveries').query({ status: 'late', planId: other }).set(admin);
      expect(late.body.items).toEqual([]);
      // A plan that does not exist has no deliveries.
      const none = await t.http().get('/api/deliveries').query({ status: 'failed', planId: '00000000-0000-4000-8000-000000000000' }).set(admin);
      expect(none.status).toBe(200);
      expect(none.body.items).toEqual([]);

      const bad = await t.http().get('/api/deliveries').query({ status: 'failed', planId: 'plan-1' }).set(admin);
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/^planId: .*[\u4e00-\u9fff]/);
      expect((await t.http().get('/api/deliveries').query({ status: 'failed', planId: mine }).set(bearer(d.token))).status).toBe(403);
    } finally {
      await t.close();
    }
  });
});
