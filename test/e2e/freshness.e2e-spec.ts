// Two instances on one database and one Redis, read caches kept for ten minutes: a change made
// through one shows in the other's dashboard within a second, and a calendar entered through one is
// used by the other (a worker) at once. Only the change feed (Redis pub/sub) can explain either.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { FixedClock } from '../../src/common/time/clock';
import { CalendarService } from '../../src/modules/calendar/calendar.service';
import { departmentWithUser } from '../factories/directory.factory';
import { seedPlanText } from '../helpers/shared-docs';
import { PrivateRedis } from '../helpers/private-redis';
import { ADMIN, bearer, startTestApp, TestApp, waitFor } from '../helpers/test-app';

describe('freshness across instances (e2e, real Redis)', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function twoInstances(runsWorker: boolean, env: Record<string, string> = {}): Promise<{ a: TestApp; b: NestFastifyApplication; bToken: string }> {
    const clock = new FixedClock('2026-05-20T02:00:00Z');
    const a = await startTestApp({ clock, env: { READ_CACHE_TTL_MS: '600000', WORKER_IN_API: 'false', ...env } });
    cleanup.push(() => a.close());
    const b = await createApp({ ...a.config, queue: { ...a.config.queue, runsWorker } }, { clock, logger: false, docsUi: false });
    await b.getHttpAdapter().getInstance().ready();
    cleanup.push(() => b.close());
    const login = await request(b.getHttpServer()).post('/api/auth/login').send(ADMIN);
    return { a, b, bToken: login.body.accessToken as string };
  }

  it('shows a task assigned through one instance in the other’s cached dashboard within 1 s', async () => {
    const { a, b, bToken } = await twoInstances(false);
    await departmentWithUser(a, '区政府法制办', 'fzb', ['法制办']);
    const plan = await a.http().post('/api/plans/import').set(bearer(a.adminToken)).send({ text: seedPlanText().replace(/2016/g, '2026') });
    const planId = plan.body.plan.id as string;
    await a.http().post(`/api/plans/${planId}/tasks`).set(bearer(a.adminToken)).send([{ itemNumber: 1, leadDepartment: '法制办', dueDate: '2026-06-30' }]);
    const total = (d: { lights: { overall: { green: number; yellow: number; red: number } } }) => d.lights.overall.green + d.lights.overall.yellow + d.lights.overall.red;
    const dashboardOfB = async () => JSON.parse((await request(b.getHttpServer()).get(`/api/plans/${planId}/dashboard`).set(bearer(bToken))).text);
    await new Promise((r) => setTimeout(r, 300)); // B has seen the first change
    expect(total(await dashboardOfB())).toBe(1); // now cached in B for ten minutes

    const res = await a.http().post(`/api/plans/${planId}/tasks`).set(bearer(a.adminToken)).send([{ itemNumber: 2, leadDepartment: '法制办', dueDate: '2026-09-30' }]);
    expect(res.status).toBe(201);
    const t0 = Date.now();
    let seen = 1;
    while (Date.now() - t0 < 1000 && seen !== 2) {
      seen = total(await dashboardOfB());
      if (seen !== 2) await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen).toBe(2);
  });

  it('shows a task assigned through one instance in the other’s cached task list within 1 s', async () => {
    const { a, b, bToken } = await twoInstances(false);
    await departmentWithUser(a, '区政府法制办', 'fzb', ['法制办']);
    const plan = await a.http().post('/api/plans/import').set(bearer(a.adminToken)).send({ text: seedPlanText().replace(/2016/g, '2026') });
    const planId = plan.body.plan.id as string;
    await a.http().post(`/api/plans/${planId}/tasks`).set(bearer(a.adminToken)).send([{ itemNumber: 1, leadDepartment: '法制办', dueDate: '2026-06-30' }]);
    const listOfB = async () => JSON.parse((await request(b.getHttpServer()).get(`/api/tasks?planId=${planId}&pageSize=50`).set(bearer(bToken))).text).total as number;
    await new Promise((r) => setTimeout(r, 300)); // B has seen the first change
    expect(await listOfB()).toBe(1); // now cached in B for ten minutes

    const res = await a.http().post(`/api/plans/${planId}/tasks`).set(bearer(a.adminToken)).send([{ itemNumber: 2, leadDepartment: '法制办', dueDate: '2026-09-30' }]);
    expect(res.status).toBe(201);
    const t0 = Date.now();
    let seen = 1;
    while (Date.now() - t0 < 1000 && seen !== 2) {
      seen = await listOfB();
      if (seen !== 2) await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen).toBe(2);
  });

  it('catches up at once when its Redis connection comes back after changes it could not hear of', async () => {
    const redis = await PrivateRedis.start();
    cleanup.push(() => redis.stop());
    const { a, b, bToken } = await twoInstances(false, { REDIS_URL: redis.url });
    await departmentWithUser(a, '区政府法制办', 'fzb', ['法制办']);
    const plan = await a.http().post('/api/plans/import').set(bearer(a.adminToken)).send({ text: seedPlanText().replace(/2016/g, '2026') });
    const planId = plan.body.plan.id as string;
    const tasksOfB = async () => JSON.parse((await request(b.getHttpServer()).get(`/api/plans/${planId}/dashboard`).set(bearer(bToken))).text).lights.overall.green as number;
    await new Promise((r) => setTimeout(r, 300));
    expect(await tasksOfB()).toBe(0); // cached in B

    await redis.down();
    await a.http().post(`/api/plans/${planId}/tasks`).set(bearer(a.adminToken)).send([{ itemNumber: 1, leadDepartment: '法制办', dueDate: '2026-06-30' }]);
    await new Promise((r) => setTimeout(r, 500));
    expect(await tasksOfB()).toBe(0); // nobody could tell B: still its cached answer
    await redis.up();
    await waitFor(async () => (await tasksOfB()) === 1, 5000, 'B to catch up after reconnecting');
  });

  it('uses a calendar entered through one instance in the other (a worker) at once', async () => {
    const { a, b } = await twoInstances(true);
    const other = b.get(CalendarService);
    expect(other.get(2027).source).toBe('fallback');
    const res = await a.http().put('/api/calendar/2027').set(bearer(a.adminToken)).send({ holidays: ['2027-01-01', '2027-02-06'], workdays: ['2027-02-20'] });
    expect(res.status).toBe(200);
    const t0 = Date.now();
    while (Date.now() - t0 < 1000 && other.get(2027).source !== 'entered') await new Promise((r) => setTimeout(r, 20));
    expect(other.get(2027)).toMatchObject({ source: 'entered', holidays: ['2027-01-01', '2027-02-06'], workdays: ['2027-02-20'] });
    expect(other.current().isWorkingDay('2027-02-20')).toBe(true);
  });
});
