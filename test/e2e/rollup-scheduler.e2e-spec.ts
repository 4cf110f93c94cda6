import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FixedClock } from '../../src/common/time/clock';
import { RollupCloseScheduler, QUARTER_CLOSE_CRON } from '../../src/modules/rollups/rollup-close.scheduler';
import { RollupCloseProducer } from '../../src/queue/producers';
import { QueueConnection } from '../../src/queue/queue-connection';
import { QUEUES, ROLLUP_SCHEDULER_ID } from '../../src/queue/queues';
import { departmentWithUser } from '../factories/directory.factory';
import { seedPlanText } from '../helpers/shared-docs';
import { bearer, startTestApp, TestApp, waitFor } from '../helpers/test-app';

describe('closing quarters on schedule (e2e, real Redis)', () => {
  const clock = new FixedClock('2026-05-20T02:00:00Z');
  let t: TestApp;
  let planId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await departmentWithUser(t, '区政府法制办', 'fzb', ['法制办']);
    const plan = await t.http().post('/api/plans/import').set(bearer(t.adminToken)).send({ text: seedPlanText().replace(/2016/g, '2026') });
    planId = plan.body.plan.id;
    await t.http().post(`/api/plans/${planId}/tasks`).set(bearer(t.adminToken)).send([{ itemNumber: 1, leadDepartment: '法制办', dueDate: '2026-06-30' }]);
  });
  afterAll(async () => t?.close());

  it('keeps one daily job scheduler at 00:05 in Asia/Shanghai, however often it is upserted', async () => {
    const queue = t.app.get(QueueConnection).queue(QUEUES.rollups)!;
    // What the app registered at boot, before anything else touches the scheduler.
    await waitFor(async () => (await queue.getJobSchedulers()).length === 1, 10_000, 'the scheduler the app registered');
    // Every boot upserts it again (ten processes booting at once): still one.
    await Promise.all(Array.from({ length: 10 }, () => t.app.get(RollupCloseProducer).ensureScheduler()));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: ROLLUP_SCHEDULER_ID, pattern: QUARTER_CLOSE_CRON, tz: 'Asia/Shanghai' });
    // Daily at 00:05 Shanghai (16:05 UTC the day before): quarters close on a day that depends on the plan's policy.
    expect(QUARTER_CLOSE_CRON).toBe('5 0 * * *');
    expect(new Date(schedulers[0].next!).toISOString().slice(11, 16)).toBe('16:05');
  });

  it('closes each quarter once after its reporting window (10th + 3 working days), never on the 1st, and never a running one', async () => {
    const scheduler = t.app.get(RollupCloseScheduler);
    expect(await scheduler.catchUp('test')).toBe(1); // 2026Q1 closed on 04-16; Q2 still running on 20 May
    expect(await scheduler.catchUp('test')).toBe(0);
    const q1 = await t.http().get(`/api/plans/${planId}/rollups/2026Q1`).set(bearer(t.adminToken));
    const q2 = await t.http().get(`/api/plans/${planId}/rollups/2026Q2`).set(bearer(t.adminToken));
    expect(q1.body.closedAt).toEqual(expect.any(String));
    expect(q2.body.closedAt ?? null).toBeNull();
    expect(q2.body.window).toEqual({ end: '2026-07-10', closesOn: '2026-07-16' }); // Fri 10th + Mon, Tue, Wed
    clock.set('2026-06-30T16:10:00Z'); // 00:10 on 1 July in Shanghai: Q2's reporting window is open
    expect(await scheduler.catchUp('test')).toBe(0);
    clock.set('2026-07-14T16:10:00Z'); // 00:10 on 15 July: still within the grace days
    expect(await scheduler.catchUp('test')).toBe(0);
    clock.set('2026-07-15T16:10:00Z'); // 00:10 on 16 July
    expect(await scheduler.catchUp('test')).toBe(1);
    expect((await t.http().get(`/api/plans/${planId}/rollups/2026Q2`).set(bearer(t.adminToken))).body.closedAt).toEqual(expect.any(String));
  });
});
