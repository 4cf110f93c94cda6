import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { FixedClock } from '../../src/common/time/clock';
import { RollupCloseScheduler, QUARTER_CLOSE_CRON } from '../../src/modules/rollups/rollup-close.scheduler';
import { RollupCloseProducer } from '../../src/queue/producers';
import { QueueConnection } from '../../src/queue/queue-connection';
import { JOBS, QUEUES, ROLLUP_SCHEDULER_ID } from '../../src/queue/queues';
import { startWorld, World } from '../factories/world.factory';
import { bearer, startTestApp, TestApp, waitFor } from '../helpers/test-app';

describe('closing quarters on schedule (e2e, real Redis)', () => {
  const START = '2026-05-20T02:00:00Z';
  const clock = new FixedClock(START);
  let w: World;
  let t: TestApp;
  let planId: string;

  const schedulers = () => t.app.get(QueueConnection).queue(QUEUES.rollups)!.getJobSchedulers();

  beforeAll(async () => {
    w = await startWorld({ clock, year: 2026, departments: ['fzb'], leader: false });
    ({ t, planId } = w);
    await t.http().post(`/api/plans/${planId}/tasks`).set(bearer(t.adminToken)).send([{ itemNumber: 1, leadDepartment: '法制办', dueDate: '2026-06-30' }]);
  });
  beforeEach(() => clock.set(START));
  afterAll(async () => w?.close());

  it('registers at boot one daily job scheduler at 00:05 in Asia/Shanghai', async () => {
    // What the app registered at boot; nothing in this test upserts it.
    const registered = await waitFor(async () => { const r = await schedulers(); return r.length ? r : null; }, 10_000, 'the scheduler the app registered');
    expect(registered).toHaveLength(1);
    expect(registered[0]).toMatchObject({ key: ROLLUP_SCHEDULER_ID, name: JOBS.rollupCloseQuarters, pattern: QUARTER_CLOSE_CRON, tz: 'Asia/Shanghai' });
    // Daily at 00:05 Shanghai (16:05 UTC the day before): quarters close on a day that depends on the plan's policy.
    expect(QUARTER_CLOSE_CRON).toBe('5 0 * * *');
    expect(new Date(registered[0].next!).toISOString().slice(11, 16)).toBe('16:05');
  });

  it('still has one scheduler after the service restarts on the same Redis, and when ten processes boot at once', async () => {
    await waitFor(async () => (await schedulers()).length === 1, 10_000, 'the scheduler the app registered');
    const again = await startTestApp({ clock, env: { QUEUE_PREFIX: t.config.queue.prefix } });
    try {
      await Promise.all(Array.from({ length: 10 }, () => again.app.get(RollupCloseProducer).ensureScheduler()));
      const registered = await again.app.get(QueueConnection).queue(QUEUES.rollups)!.getJobSchedulers();
      expect(registered.map((s) => s.key)).toEqual([ROLLUP_SCHEDULER_ID]);
    } finally {
      await again.close();
    }
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
