import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { FixedClock } from '../../src/common/time/clock';
import { startWorld, World } from '../factories/world.factory';
import { bearer, TestApp } from '../helpers/test-app';

describe('working-day calendar (e2e)', () => {
  let w: World;
  let t: TestApp;
  let leader: string;
  let planId: string;
  let taskId: string;

  // A fresh app per test: entering a year's calendar is global state.
  beforeEach(async () => {
    // A 2027 plan, imported before any package knows the 2027 holidays.
    w = await startWorld({ clock: new FixedClock('2026-11-23T02:00:00Z'), year: 2027, departments: ['fzb'] });
    ({ t, leader, planId } = w);
    const tasks = await t.http().post(`/api/plans/${planId}/tasks`).set(bearer(t.adminToken)).send([{ itemNumber: 1, leadDepartment: '法制办', dueDate: '2027-01-04' }]);
    taskId = tasks.body[0].id;
  });
  afterEach(async () => w?.close());

  it('serves the official calendar of a year the package knows', async () => {
    const res = await t.http().get('/api/calendar/2025').set(bearer(leader));
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('official');
    expect(res.body.holidays).toEqual(expect.arrayContaining(['2025-10-01', '2025-10-08']));
    expect(res.body.workdays).toContain('2025-09-28');
  });

  it('falls back to Mon–Fri for 2027 and says so on the plan', async () => {
    expect((await t.http().get('/api/calendar/2027').set(bearer(leader))).body).toEqual({ year: 2027, source: 'fallback', holidays: [], workdays: [] });
    const plan = await t.http().get(`/api/plans/${planId}`).set(bearer(leader));
    expect(plan.body.calendar.source).toBe('fallback');
    expect(plan.body.calendar.warning).toContain('2027');
    const dashboard = await t.http().get(`/api/plans/${planId}/dashboard`).set(bearer(leader));
    expect(dashboard.body.calendar).toEqual(plan.body.calendar);
    const before = (await t.http().get(`/api/tasks/${taskId}/reminders`).set(bearer(t.adminToken))).body;
    // Under the Mon–Fri guess, 1 working day before Monday 4 January is Friday 1 January.
    expect(before.find((r: { kind: string; seq: number }) => r.kind === 'before_due' && r.seq === 1).fireAt).toBe('2027-01-01T01:00:00.000Z');
  });

  it('lets only the admin enter a year, rejects bad dates naming them, and replans that year’s reminders', async () => {
    expect((await t.http().put('/api/calendar/2027').set(bearer(leader)).send({ holidays: ['2027-01-01'], workdays: [] })).status).toBe(403);
    const bad = await t.http().put('/api/calendar/2027').set(bearer(t.adminToken)).send({ holidays: ['2027-02-30'], workdays: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('2027-02-30');
    const both = await t.http().put('/api/calendar/2027').set(bearer(t.adminToken)).send({ holidays: ['2027-01-01'], workdays: ['2027-01-01'] });
    expect(both.status).toBe(400);

    const ok = await t.http().put('/api/calendar/2027').set(bearer(t.adminToken)).send({ holidays: ['2027-01-01', '2027-02-06', '2027-02-07'], workdays: ['2027-02-20'] });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ year: 2027, source: 'entered', holidays: ['2027-01-01', '2027-02-06', '2027-02-07'], workdays: ['2027-02-20'] });
    const rows = (await t.http().get(`/api/tasks/${taskId}/reminders`).set(bearer(t.adminToken))).body as { kind: string; seq: number; fireAt: string; status: string }[];
    const open = rows.filter((r) => r.status === 'planned' || r.status === 'queued');
    expect(open.find((r) => r.kind === 'before_due' && r.seq === 1)!.fireAt).toBe('2026-12-31T01:00:00.000Z');
    expect(rows.find((r) => r.fireAt === '2027-01-01T01:00:00.000Z')!.status).toBe('cancelled');
    expect((await t.http().get(`/api/plans/${planId}`).set(bearer(leader))).body.calendar).toEqual({ source: 'entered', warning: null });
  });

  it('rejects a year out of range or not a number', async () => {
    expect((await t.http().get('/api/calendar/abc').set(bearer(leader))).status).toBe(400);
    expect((await t.http().get('/api/calendar/1999').set(bearer(leader))).status).toBe(400);
  });
});
