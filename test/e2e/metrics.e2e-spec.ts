// GET /metrics as Prometheus scrapes it: protected, Prometheus text, the figures an operator watches.
import { describe, expect, it } from '@jest/globals';
import { FixedClock } from '../../src/common/time/clock';
import { departmentWithUser } from '../factories/directory.factory';
import { seedPlanText } from '../helpers/shared-docs';
import { bearer, startTestApp } from '../helpers/test-app';

const METRICS_TOKEN = 'prometheus-scrape-token-0123456789';

/** The value of one sample line, e.g. sample(text, 'reminders{status="planned",webhook_status="none"}'). */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

describe('GET /metrics (e2e)', () => {
  it('answers Prometheus text to the metrics token or an admin, and nobody else', async () => {
    const t = await startTestApp({ clock: new FixedClock('2026-03-02T02:00:00Z'), env: { METRICS_TOKEN, WORKER_IN_API: 'false' } });
    try {
      const d = await departmentWithUser(t, '区政府法制办', 'fzb', ['法制办']);
      const plan = await t.http().post('/api/plans/import').set(bearer(t.adminToken)).send({ text: seedPlanText().replace(/2016/g, '2026') });
      const planId = plan.body.plan.id as string;
      const assigned = await t.http().post(`/api/plans/${planId}/tasks`).set(bearer(t.adminToken))
        .send([{ itemNumber: 1, leadDepartment: '法制办', dueDate: '2026-06-30' }, { itemNumber: 2, leadDepartment: '法制办', dueDate: '2026-09-30' }]);
      expect(assigned.status).toBe(201);
      expect((await t.http().get(`/api/plans/${planId}/rollups/2026Q1`).set(bearer(t.adminToken))).status).toBe(200);

      expect((await t.http().get('/metrics')).status).toBe(401);
      expect((await t.http().get('/metrics').set(bearer('wrong-token-of-the-same-length-xx'))).status).toBe(401);
      const forbidden = await t.http().get('/metrics').set(bearer(d.token));
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.message).not.toMatch(/department|admin\b/);
      expect((await t.http().get('/api/metrics').set(bearer(METRICS_TOKEN))).status).toBe(404);

      const res = await t.http().get('/metrics').set(bearer(METRICS_TOKEN));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = res.text;
      // Latency by route pattern, never by raw path.
      expect(sample(text, 'http_request_duration_seconds_count{method="POST",route="/api/plans/:planId/tasks",status_code="201"}')).toBe(1);
      expect(text).not.toContain(`route="/api/plans/${planId}`);
      expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/metrics",status_code="401"}')).toBe(2);
      // Reminders by state: the two tasks' reminders wait as planned rows (no worker here).
      expect(sample(text, 'reminders{status="planned",webhook_status="none"}')).toBeGreaterThanOrEqual(2);
      // Queue depths, Redis up.
      expect(sample(text, 'redis_up')).toBe(1);
      expect(sample(text, 'queue_jobs{queue="reminders",state="delayed"}')).toBe(0);
      expect(sample(text, 'queue_jobs{queue="webhooks",state="failed"}')).toBe(0);
      // Roll-up compute time: one live roll-up computed.
      expect(sample(text, 'rollup_compute_seconds_count')).toBe(1);
      expect(text).toContain('# TYPE webhook_delivery_failures_total counter');

      const byAdmin = await t.http().get('/metrics').set(bearer(t.adminToken));
      expect(byAdmin.status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
