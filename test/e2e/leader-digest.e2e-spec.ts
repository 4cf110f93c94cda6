// The leaders' weekly digest: the app registers a job scheduler (Monday 08:30 Asia/Shanghai) at
// boot, and a run sends each leader one digest per plan and week however often it runs.
import { describe, expect, it } from '@jest/globals';
import { FixedClock } from '../../src/common/time/clock';
import { LeaderDigestScheduler } from '../../src/modules/rollups/leader-digest.scheduler';
import { LEADER_DIGEST_CRON } from '../../src/queue/producers';
import { QueueConnection } from '../../src/queue/queue-connection';
import { JOBS, LEADER_DIGEST_SCHEDULER_ID, QUEUES } from '../../src/queue/queues';
import { createUser, departmentWithUser } from '../factories/directory.factory';
import { seedPlanText } from '../helpers/shared-docs';
import { bearer, startTestApp, waitFor } from '../helpers/test-app';

describe('weekly digest for leaders (e2e, real Redis)', () => {
  it('registers at boot one job scheduler for Monday 08:30 in Asia/Shanghai', async () => {
    const t = await startTestApp({ clock: new FixedClock('2026-06-03T02:00:00Z') });
    try {
      const queue = t.app.get(QueueConnection).queue(QUEUES.digests)!;
      const registered = await waitFor(async () => { const r = await queue.getJobSchedulers(); return r.length ? r : null; }, 10_000, 'the digest scheduler');
      expect(registered).toHaveLength(1);
      expect(registered[0]).toMatchObject({ key: LEADER_DIGEST_SCHEDULER_ID, name: JOBS.leaderDigest, pattern: LEADER_DIGEST_CRON, tz: 'Asia/Shanghai' });
      expect(new Date(registered[0].next!).toISOString().slice(11, 16)).toBe('00:30'); // 08:30 Shanghai
    } finally {
      await t.close();
    }
  });

  it('sends each leader one digest a week, from Monday 08:30, whatever the number of runs', async () => {
    const clock = new FixedClock('2026-06-01T00:00:00Z'); // Monday 08:00 in Shanghai: not yet
    const t = await startTestApp({ clock, env: { WORKER_IN_API: 'false' } });
    try {
      await departmentWithUser(t, '区城市管理局', 'cg', ['城管局']);
      const leaders = [await createUser(t, 'leader1', 'leader'), await createUser(t, 'leader2', 'leader')];
      const plan = await t.http().post('/api/plans/import').set(bearer(t.adminToken)).send({ text: seedPlanText().replace(/2016/g, '2026') });
      const planId = plan.body.plan.id;
      await t.http().post(`/api/plans/${planId}/tasks`).set(bearer(t.adminToken))
        .send([{ itemNumber: 1, title: '已逾期的任务', leadDepartment: '城管局', dueDate: '2026-05-29' }, { itemNumber: 2, leadDepartment: '城管局', dueDate: '2026-12-31' }]);
      const digests = async (token: string) => ((await t.http().get('/api/me/notifications').set(bearer(token))).body.items as { kind: string; body: string; link: string }[])
        .filter((n) => n.kind === 'weekly_digest');
      const scheduler = t.app.get(LeaderDigestScheduler);

      expect(await scheduler.run('test')).toBe(0);
      clock.set('2026-06-01T00:31:00Z'); // 08:31
      expect(await scheduler.run('test')).toBe(1);
      expect(await scheduler.run('test')).toBe(1); // a second run the same week adds nothing
      for (const token of leaders) {
        const got = await digests(token);
        expect(got).toHaveLength(1);
        expect(got[0].body).toContain('共 2 项任务');
        expect(got[0].body).toContain('当前逾期 1 项：「已逾期的任务」');
        expect(got[0].link).toBe(`/plans/${planId}/dashboard`);
      }
      expect(await digests(t.adminToken)).toEqual([]);
      clock.set('2026-06-08T01:00:00Z'); // the next Monday
      await scheduler.run('test');
      expect(await digests(leaders[0])).toHaveLength(2);
    } finally {
      await t.close();
    }
  });
});
