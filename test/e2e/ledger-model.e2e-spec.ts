// Roll-ups are folded from an in-memory ledger kept up to date on write (rollups/ledger-model.ts). This
// plays every kind of write a roll-up depends on through the API — assignment, progress of every
// indicator kind, cooperating entries, 补报, corrections, withdrawals, extensions, completions, 督办,
// cancellation, a changed lead department, items merged and moved to another chapter, indicators
// merged — and after each step checks the model against an independent recount from the tables in
// SQL (RollupsRepository.recount, lightCells, overdue, ProgressRepository.notReported), for every
// period of the plan, for the whole plan and for each department.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { businessDateOf, businessInstant, addDays, quarterEnd, quarterStart } from '../../src/common/time/business-date';
import { FixedClock } from '../../src/common/time/clock';
import { parsePeriod } from '../../src/common/time/reporting-period';
import { LedgerModel, ledgerFacts, ledgerLateEntries, ledgerLightCells, ledgerNotReported, ledgerOverdue } from '../../src/modules/rollups/ledger-model';
import type { IndicatorInfo } from '../../src/modules/rollups/rollup-fold';
import type { RollupFacts } from '../../src/modules/rollups/rollup.types';
import { RollupsRepository } from '../../src/modules/rollups/rollups.repository';
import { RollupsService, window } from '../../src/modules/rollups/rollups.service';
import { ProgressRepository } from '../../src/modules/tasks/progress.repository';
import { lightContext } from '../../src/modules/tasks/task-light';
import { startWorld, World } from '../factories/world.factory';
import { bearer } from '../helpers/test-app';

const PERIODS = ['2026Q1', '2026Q2', '2026Q3', '2026Q4', '2026', '2027Q1'];

/** Cells and figures in a stable order (their order carries no meaning); lines keep document order. */
function normalise(f: RollupFacts): RollupFacts {
  const key = (x: { chapterId: string; departmentId: string; indicatorId?: string }) => `${x.chapterId}|${x.departmentId}|${x.indicatorId ?? ''}`;
  const byKey = <T extends { chapterId: string; departmentId: string }>(xs: T[]) => [...xs].sort((a, b) => (key(a) < key(b) ? -1 : 1));
  return {
    tasks: byKey(f.tasks),
    figures: byKey(f.figures).map((c) => ({ ...c, value: Math.round(c.value * 1e6) / 1e6, texts: [...(c.texts ?? [])].sort() })),
    notices: byKey(f.notices),
    lines: f.lines,
  };
}

describe('the ledger model agrees with a recount after every kind of write (e2e)', () => {
  const clock = new FixedClock('2026-02-10T02:00:00Z');
  let w: World;
  let planId: string;
  let tasks: { id: string; itemNumber: number; itemId: string }[] = [];
  const on = (date: string) => clock.set(`${date}T02:00:00Z`);
  const admin = () => bearer(w.t.adminToken);
  const must = <T>(res: { status: number; body: T }, status: number, what: string): T => {
    if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  let checks = 0;
  let lateEntriesSeen = 0;

  async function agree(step: string): Promise<void> {
    const app = w.t.app;
    const rollups = app.get(RollupsService);
    const repo = app.get(RollupsRepository);
    const progress = app.get(ProgressRepository);
    const config = app.get<AppConfig>(APP_CONFIG);
    const canonical = await (rollups as unknown as { canonical(id: string): Promise<((id: string) => IndicatorInfo | undefined) & { version: string }> }).canonical(planId);
    const ledger = (await app.get(LedgerModel).fresh(planId))!;
    const today = businessDateOf(clock.now());
    const scopes = [null, ...Object.values(w.departments).map((d) => d.id)];
    for (const text of PERIODS) {
      const win = window(parsePeriod(text)!, today);
      for (const dept of scopes) {
        const expected = normalise(await repo.recount(planId, win, dept, true, canonical));
        // With the catalogue's version: folds remembered on unchanged tasks from earlier steps are reused.
        const actual = normalise(await ledgerFacts(ledger, win, dept, true, canonical, canonical.version));
        expect(normalise(await ledgerFacts(ledger, win, dept, true, canonical))).toEqual(actual);
        expect({ step, text, dept, facts: actual }).toEqual({ step, text, dept, facts: expected });
        checks++;
      }
    }
    const ctx = lightContext(today, config.lights);
    const sortLights = <T extends { chapterId: string; departmentId: string; light: string }>(xs: T[]) =>
      [...xs].sort((a, b) => (`${a.chapterId}${a.departmentId}${a.light}` < `${b.chapterId}${b.departmentId}${b.light}` ? -1 : 1));
    for (const dept of scopes) {
      expect({ step, dept, lights: sortLights(await ledgerLightCells(ledger, ctx, dept)) }).toEqual({ step, dept, lights: sortLights(await repo.lightCells(planId, ctx, dept)) });
      expect({ step, dept, overdue: await ledgerOverdue(ledger, today, dept) }).toEqual({ step, dept, overdue: await repo.overdue(planId, today, dept) });
    }
    for (const q of [1, 2, 3, 4] as const) {
      const quarter = { year: 2026, quarter: q };
      const args = [`2026Q${q}`, quarterStart(quarter), businessInstant(addDays(quarterEnd(quarter), 1)).toISOString()] as const;
      const byDept = <T extends { departmentId: string }>(xs: T[]) => [...xs].sort((a, b) => (a.departmentId < b.departmentId ? -1 : 1));
      expect({ step, q, notReported: byDept(await ledgerNotReported(ledger, ...args, null)) }).toEqual({ step, q, notReported: byDept(await progress.notReported(planId, ...args, null)) });
    }
    const yearPeriods = ['2026Q1', '2026Q2', '2026Q3', '2026Q4'];
    expect({ step, lateEntries: await ledgerLateEntries(ledger, yearPeriods) }).toEqual({ step, lateEntries: await progress.lateEntries(planId, yearPeriods) });
    lateEntriesSeen = Math.max(lateEntriesSeen, (await progress.lateEntries(planId, yearPeriods)).length);
  }

  const taskOf = (n: number) => tasks.find((x) => x.itemNumber === n)!;
  const dept = (k: keyof World['departments']) => w.departments[k];
  const progress = async (n: number, who: keyof World['departments'], body: Record<string, unknown>) =>
    must(await w.t.http().post(`/api/tasks/${taskOf(n).id}/progress`).set(bearer(dept(who).token)).send({ narrative: `第${n}项进展`, ...body }), 201, `progress ${n}`) as { id: string };

  beforeAll(async () => {
    w = await startWorld({ clock, year: 2026, env: { WORKER_IN_API: 'false' } });
    planId = w.planId;
  });

  afterAll(async () => {
    await w?.close();
  });

  it('agrees after assignment and a first round of entries with figures of every kind', async () => {
    const leads = ['法制办', '区城管局', '公安分局', '区审计局'];
    const dues = ['2026-03-20', '2026-05-31', '2026-06-30', '2026-08-31', '2026-09-30', '2026-11-30', '2026-12-31', '2026-04-15', '2026-07-31', '2026-10-31'];
    tasks = must(await w.t.http().post(`/api/plans/${planId}/tasks`).set(admin()).send(dues.map((dueDate, i) => ({
      itemNumber: i + 1, leadDepartment: leads[i % 4], cooperatingDepartments: [leads[(i + 1) % 4]], dueDate, deliverable: `成果${i + 1}`,
    }))), 201, 'assign') as typeof tasks;
    const indicator = async (name: string, unit: string, kind: string) =>
      (must(await w.t.http().post(`/api/plans/${planId}/indicators`).set(admin()).send({ name, unit, kind }), 201, `indicator ${name}`) as { id: string }).id;
    await agree('assigned'); // the model is loaded here: every later step is seen through its updates
    await indicator('审核文件', '件', 'count');
    await indicator('按时办结率', '%', 'rate');
    await indicator('累计培训', '人次', 'cumulative');
    await indicator('典型经验', '', 'text');
    await progress(1, 'fzb', { percent: 40, figures: [{ indicator: '审核文件', value: 5, unit: '件' }, { indicator: '按时办结率', value: 80, unit: '%', numerator: 8, denominator: 10 }] });
    await agree('an entry with figures');
    await progress(1, 'cg', { percent: 30, figures: [{ indicator: '审核文件', value: 99, unit: '件' }] }); // cooperating: not official
    await progress(2, 'cg', { percent: 20, figures: [{ indicator: '累计培训', value: 120, unit: '人次' }, { indicator: '典型经验', value: '集中培训' }] });
    await progress(3, 'ga', { percent: 10 });
    await agree('first entries');
  });

  it('agrees across a reporting window, a close, 补报, a correction and a withdrawal', async () => {
    on('2026-03-25');
    await progress(1, 'fzb', { percent: 60, figures: [{ indicator: '审核文件', value: 3, unit: '件' }, { indicator: '按时办结率', value: 90, unit: '%' }] });
    const wrong = await progress(4, 'sj', { percent: 35, figures: [{ indicator: '累计培训', value: 50, unit: '人次' }] });
    on('2026-04-05'); // Q1's window: counts for Q1 unless named
    await progress(2, 'cg', { percent: 45 });
    await progress(3, 'ga', { percent: 25, period: '2026Q2' });
    must(await w.t.http().post(`/api/progress/${wrong.id}/correction`).set(bearer(dept('sj').token)).send({ narrative: '更正', percent: 40, figures: [{ indicator: '累计培训', value: 55, unit: '人次' }] }), 201, 'correction');
    const withdrawn = await progress(5, 'fzb', { percent: 15 });
    must(await w.t.http().post(`/api/progress/${withdrawn.id}/withdraw`).set(bearer(dept('fzb').token)).send({ reason: '误报' }), 200, 'withdraw');
    await agree('window');
    clock.set('2026-04-20T16:05:00Z');
    await w.t.app.get(RollupsService).closeDueQuarters(clock.now());
    on('2026-05-06');
    const late = await progress(2, 'cg', { percent: 50, period: '2026Q1', figures: [{ indicator: '累计培训', value: 130, unit: '人次' }] });
    expect(late).toMatchObject({ late: true });
    await agree('补报 after the close');
  });

  it('agrees after extensions, completions, 督办, a cancellation and a changed lead department', async () => {
    on('2026-05-20');
    const ext = must(await w.t.http().post(`/api/tasks/${taskOf(3).id}/extension-requests`).set(bearer(dept('ga').token)).send({ requestedDueDate: '2026-09-15', reason: '需要协调' }), 201, 'extension') as { id: string };
    await agree('pending extension');
    must(await w.t.http().post(`/api/extension-requests/${ext.id}/approve`).set(admin()), 200, 'approve extension');
    must(await w.t.http().post(`/api/tasks/${taskOf(8).id}/completion-request`).set(bearer(dept('sj').token)).send({ summary: '已完成' }), 201, 'completion 8');
    must(await w.t.http().post(`/api/tasks/${taskOf(8).id}/completion/approve`).set(admin()), 200, 'approve 8'); // after its due date: late
    must(await w.t.http().post(`/api/tasks/${taskOf(2).id}/completion-request`).set(bearer(dept('cg').token)).send({ summary: '已完成' }), 201, 'completion 2');
    must(await w.t.http().post(`/api/tasks/${taskOf(2).id}/completion/approve`).set(admin()), 200, 'approve 2');
    const notice = must(await w.t.http().post(`/api/tasks/${taskOf(1).id}/supervision-notices`).set(admin()).send({ message: '请加快', respondBy: '2026-05-30' }), 201, 'notice') as { id: string };
    await w.t.http().post(`/api/tasks/${taskOf(6).id}/supervision-notices`).set(admin()).send({ message: '请加快', respondBy: '2026-05-30' });
    await agree('notices issued');
    on('2026-05-25');
    must(await w.t.http().post(`/api/supervision-notices/${notice.id}/response`).set(bearer(dept('fzb').token)).send({ response: '已落实' }), 200, 'response');
    must(await w.t.http().post(`/api/tasks/${taskOf(7).id}/cancel`).set(admin()).send({ reason: '任务调整' }), 200, 'cancel');
    const t9 = must(await w.t.http().get(`/api/tasks/${taskOf(9).id}`).set(admin()), 200, 'task 9') as { version: number };
    must(await w.t.http().patch(`/api/tasks/${taskOf(9).id}`).set(admin()).send({ version: t9.version, leadDepartment: '区审计局', dueDate: '2026-06-10' }), 200, 'patch 9');
    await agree('lifecycle');
  });

  it('agrees after items are merged or moved to another chapter and indicators are merged', async () => {
    on('2026-07-15');
    const plan = must(await w.t.http().get(`/api/plans/${planId}`).set(admin()), 200, 'plan') as { sections: { id: string; items: { id: string; number: number }[] }[] };
    const itemId = (n: number) => plan.sections.flatMap((s) => s.items).find((i) => i.number === n)!.id;
    must(await w.t.http().post(`/api/plans/${planId}/items/merge`).set(admin()).send({ itemIds: [itemId(4), itemId(5)] }), 200, 'merge items');
    const lastChapter = plan.sections.at(-1)!.id;
    must(await w.t.http().patch(`/api/plans/${planId}/items/${itemId(1)}`).set(admin()).send({ sectionId: lastChapter }), 200, 'move item');
    const catalogue = must(await w.t.http().get(`/api/plans/${planId}/indicators`).set(admin()), 200, 'indicators') as { id: string; name: string }[];
    const training = catalogue.find((i) => i.name === '累计培训')!;
    const other = (must(await w.t.http().post(`/api/plans/${planId}/indicators`).set(admin()).send({ name: '培训人次', unit: '人次', kind: 'cumulative' }), 201, 'indicator') as { id: string }).id;
    await progress(10, 'cg', { percent: 30, figures: [{ indicatorId: other, value: 20 }] });
    must(await w.t.http().patch(`/api/indicators/${other}`).set(admin()).send({ mergeInto: training.id }), 200, 'merge indicators');
    await agree('structure');
    on('2027-01-05');
    await agree('the next year');
    // The play covered what it claims: figures, notices, late entries and completions reached the counts.
    const ledger = (await w.t.app.get(LedgerModel).fresh(planId))!;
    const year = await ledgerFacts(ledger, window(parsePeriod('2026')!, '2027-01-05'), null, true, (id) => ({ id, name: id, unit: '', kind: 'count' }));
    expect(year.figures.length).toBeGreaterThan(0);
    expect(year.notices.reduce((s, c) => s + c.issued, 0)).toBe(2);
    expect(year.tasks.reduce((s, c) => s + c.completed, 0)).toBe(2);
    expect(year.tasks.reduce((s, c) => s + c.total, 0)).toBe(9); // one of ten cancelled
    expect(checks).toBeGreaterThan(100);
    expect(lateEntriesSeen).toBeGreaterThan(0); // the year's 补报 list was compared with something in it
  });

  // plans/ledger-changes.ts: what a process holding the ledger reloads is decided by these numbers.
  it('stamps a one-task write with the plan\'s next change number, and only that task', async () => {
    const ds = w.t.app.get(DataSource);
    const stamps = async () => {
      const [q, bound] = ds.driver.escapeQueryWithParameters('SELECT id, change_seq AS seq FROM tasks WHERE plan_id = :planId', { planId });
      return new Map((await ds.query<{ id: string; seq: number | string }[]>(q, bound)).map((r) => [r.id, Number(r.seq)]));
    };
    const repo = w.t.app.get(RollupsRepository);
    const before = (await repo.changeNumbers(planId))!;
    const stampsBefore = await stamps();
    await progress(3, 'ga', { percent: 70 });
    const after = (await repo.changeNumbers(planId))!;
    expect(after).toEqual({ change: before.change + 1, structure: before.structure });
    const stampsAfter = await stamps();
    for (const [id, seq] of stampsAfter) expect({ id, seq }).toEqual({ id, seq: id === taskOf(3).id ? after.change : stampsBefore.get(id) });
    await agree('one more entry'); // and the ledger reloads that task from the stamp
  });
});
