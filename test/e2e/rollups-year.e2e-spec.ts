// A simulated year on the seed plan (惠政文〔2016〕35号) with a fixed clock: assign the 30 items from a
// 任务分工表, report progress with figures, complete tasks on time and late, issue and answer 督办,
// close each quarter (by the scheduler's handler and by hand), then generate the year-end report
// and check that its numbers are the frozen snapshots' numbers.
//
// The year is one scenario, played once in beforeAll in date order (the only place the clock moves);
// it records what the API answered at each step, and each test checks one step's answers. So any
// test runs alone (`-t`), and none depends on another having run first.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { daysBetween } from '../../src/common/time/business-date';
import { FixedClock } from '../../src/common/time/clock';
import { chineseNumeral } from '../../src/common/text/chinese-numerals';
import { formatRate, PART_TITLES } from '../../src/modules/reports/report-builder';
import type { FigureSum, RollupResponse } from '../../src/modules/rollups/rollup.types';
import { RollupsRepository } from '../../src/modules/rollups/rollups.repository';
import { RollupsService } from '../../src/modules/rollups/rollups.service';
import { DataSource } from 'typeorm';
import { assignmentSheet, SheetRow } from '../factories/assignment-sheet.factory';
import type { SeededDepartment } from '../factories/directory.factory';
import { startWorld, World } from '../factories/world.factory';
import { libreOfficeBinary, libreOfficeRequirement } from '../helpers/requirements';
import { bearer, TestApp } from '../helpers/test-app';

const run = promisify(execFile);

interface TaskBody {
  id: string;
  itemNumber: number;
  title: string;
  version: number;
  leadDepartment: { id: string; name: string };
}

/** Due dates by item: a quarter's worth of items falls due at the end of each quarter. */
const dueOf = (n: number) => (n <= 8 ? '2016-03-31' : n <= 16 ? '2016-06-30' : n <= 23 ? '2016-09-30' : '2016-12-31');

/**
 * What each quarter's frozen roll-up must say overall (worked out by hand from the scenario below).
 * 按期 is judged against the approved due date: item 12, extended from 06-30 to 09-30 and completed
 * on 09-20, is neither overdue in Q2 nor late in Q3.
 */
const EXPECTED = {
  '2016Q1': { total: 30, due: 8, completed: 3, completedInQuarter: 3, completedOnTime: 3, completedLate: 0, overdue: 5, inProgress: 22 },
  '2016Q2': { total: 30, due: 15, completed: 7, completedInQuarter: 4, completedOnTime: 6, completedLate: 1, overdue: 9, inProgress: 14 },
  '2016Q3': { total: 30, due: 23, completed: 13, completedInQuarter: 6, completedOnTime: 10, completedLate: 3, overdue: 11, inProgress: 6 },
  '2016Q4': { total: 30, due: 30, completed: 17, completedInQuarter: 4, completedOnTime: 14, completedLate: 3, overdue: 13, inProgress: 0 },
} as const;

const plainFigures = (fs: FigureSum[]) => fs.map(({ indicator, unit, value }) => ({ indicator, unit, value }));

/** The .docx converted to PDF by LibreOffice, and that PDF's text. */
async function libreOfficeText(docx: Buffer): Promise<string> {
  const binary = libreOfficeBinary()!;
  const dir = mkdtempSync(join(tmpdir(), 'duban-report-'));
  try {
    writeFileSync(join(dir, 'report.docx'), docx);
    await run(binary, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'report.docx')], { timeout: 170_000 });
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', join(dir, 'report.pdf'), '-']);
    return stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const compact = (s: string) => s.replace(/\s+/g, '');

describe('quarterly roll-ups, the dashboard and the year-end report over a simulated year (e2e)', () => {
  const clock = new FixedClock('2016-01-04T01:00:00Z'); // 09:00 in Shanghai
  let w: World;
  let t: TestApp;
  let planId: string;
  let fzb: SeededDepartment; // 区政府法制办
  let cg: SeededDepartment; // 区城市管理局
  let ga: SeededDepartment; // 区公安分局
  let sj: SeededDepartment; // 区审计局
  let leader: string;
  let tasks: TaskBody[];
  const frozen: Record<string, RollupResponse> = {};

  /** What the API answered at each step of the scenario. */
  const seen = {} as {
    assignment: Response;
    badQuarters: Response[];
    nextYearQuarter: Response;
    q1SchedulerOnTheFirst: unknown[];
    q4SchedulerOnTheFirst: unknown[];
    q1Summary: Response;
    q1TasksMaybe: Response;
    unknownPlan: Response;
    q1Live: Response;
    q1EarlyClose: Response;
    closeByOthers: number[];
    q1StatusAfterRefusals: string;
    q1SchedulerRuns: unknown[][];
    q1SchedulerAgain: unknown[];
    q1: Response;
    q2StatusAfterQ1: string;
    q1AfterChanges: Response;
    q1LiveCgTotal: number;
    q1Reclose: Response;
    q2Closes: Response[];
    q2CloseAgain: Response;
    q3Close: Response;
    storage: { rows: { id: string; quarter: string; data: unknown }[]; partsOf: string[] };
    q2FromParts: Response;
    dashboard: Response;
    dashboardCg: Response;
    dashboardOverdue: Response;
    q4SchedulerRun: unknown[];
    q4: Response;
    earlierAfterQ4: Response[];
    q4Cg: Response;
    reportMd: Response;
    reportMdAfterLedgerChange: Response;
  };

  const admin = () => bearer(t.adminToken);
  const on = (date: string, hourUtc = 1) => clock.set(`${date}T${String(hourUtc).padStart(2, '0')}:00:00Z`);
  const taskOf = (n: number) => tasks.find((x) => x.itemNumber === n)!;
  const leadOf = (n: number) => [fzb, cg, ga, sj][(n - 1) % 4];
  const rollup = (quarter: string, token = t.adminToken) => t.http().get(`/api/plans/${planId}/rollups/${quarter}?tasks=true`).set(bearer(token));
  const must = (res: Response, status: number, what: string) => {
    if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };

  async function progress(n: number, date: string, percent: number, figures: { indicator: string; value: number; unit: string }[] = [], who = leadOf(n)) {
    on(date);
    must(await t.http().post(`/api/tasks/${taskOf(n).id}/progress`).set(bearer(who.token)).send({ percent, narrative: `第${n}项进展`, figures }), 201, `progress on ${n}`);
  }

  async function complete(n: number, date: string) {
    on(date);
    must(await t.http().post(`/api/tasks/${taskOf(n).id}/completion-request`).set(bearer(leadOf(n).token)).send({ summary: `第${n}项已完成` }), 201, `completion request ${n}`);
    must(await t.http().post(`/api/tasks/${taskOf(n).id}/completion/approve`).set(admin()), 200, `completion approval ${n}`);
  }

  async function notice(n: number, date: string, respondBy: string): Promise<string> {
    on(date);
    return must(await t.http().post(`/api/tasks/${taskOf(n).id}/supervision-notices`).set(admin()).send({ message: '请加快推进', respondBy }), 201, `notice on ${n}`).body.id;
  }

  async function respond(n: number, noticeId: string, date: string) {
    on(date);
    must(await t.http().post(`/api/supervision-notices/${noticeId}/response`).set(bearer(leadOf(n).token)).send({ response: '已落实' }), 200, `response on ${n}`);
  }

  function expectOverall(body: RollupResponse, quarter: keyof typeof EXPECTED) {
    const e = EXPECTED[quarter];
    expect(body.overall).toMatchObject(e);
    expect(body.overall.completionRate).toBeCloseTo(e.completed / e.total, 4);
    expect(body.overall.onTimeRate).toBeCloseTo(e.completedOnTime / (e.completed + e.overdue), 4);
    // The views add up: departments and chapters partition the plan's tasks.
    for (const key of ['total', 'completed', 'completedOnTime', 'overdue', 'inProgress', 'completedInQuarter'] as const) {
      expect(body.byDepartment.reduce((s, d) => s + d[key], 0)).toBe(body.overall[key]);
      expect(body.byChapter.reduce((s, c) => s + c[key], 0)).toBe(body.overall[key]);
    }
    expect(body.completedTasks).toHaveLength(e.completed);
    expect(body.openTasks).toHaveLength(e.total - e.completed);
    expect(body.openTasks!.filter((x) => x.overdue)).toHaveLength(e.overdue);
  }

  beforeAll(async () => {
    // No reminder worker: automatic 督办 after overdue reminders would make the notice counts depend on timing.
    w = await startWorld({ clock, env: { WORKER_IN_API: 'false' } });
    ({ t, planId, leader } = w);
    ({ fzb, cg, ga, sj } = w.departments);
    const rollups = t.app.get(RollupsService);

    // Assignment: the 30 items, due quarter by quarter.
    const leads = ['法制办', '区城管局', '公安分局', '区审计局'];
    const coops = ['城管局、公安分局', '法制办，区审计局', '区审计局; 法制办', '', '公安分局 城管局'];
    const rows: SheetRow[] = Array.from({ length: 30 }, (_, i) => [i + 1, '', leads[i % 4], coops[i % 5], dueOf(i + 1), `成果${i + 1}`]);
    seen.assignment = must(await t.http().post(`/api/plans/${planId}/assignments/import`).set(admin())
      .attach('file', await assignmentSheet(rows, { title: '惠济区2016年法治政府建设任务分工表' }), 'fengong.xlsx'), 201, 'assignment');
    tasks = seen.assignment.body;
    seen.badQuarters = [];
    for (const bad of ['2016Q5', '2016-Q1', 'Q1', '2018Q1', '2015Q4', '2017']) seen.badQuarters.push(await rollup(bad));
    seen.nextYearQuarter = await rollup('2017Q1');
    seen.q1Summary = await t.http().get(`/api/plans/${planId}/rollups/2016Q1`).set(admin());
    seen.q1TasksMaybe = await t.http().get(`/api/plans/${planId}/rollups/2016Q1?tasks=maybe`).set(admin());
    seen.unknownPlan = await t.http().get('/api/plans/00000000-0000-4000-8000-000000000000/rollups/2016Q1').set(admin());

    // Q1: work while the quarter runs, seen live on 25 March.
    await progress(1, '2016-02-15', 40, [{ indicator: '审核规范性文件', value: 5, unit: '件' }]);
    // A co-operating department's figures are consolidated by the lead: not counted on their own.
    await progress(1, '2016-02-15', 30, [{ indicator: '审核规范性文件', value: 99, unit: '件' }], cg);
    await progress(2, '2016-02-15', 30, [{ indicator: '拆除违法建设', value: 1200, unit: '平方米' }]);
    await progress(5, '2016-02-15', 50);
    const n5 = await notice(5, '2016-02-15', '2016-02-25');
    await respond(5, n5, '2016-02-20');
    for (const n of [1, 2, 3]) await complete(n, '2016-03-20');
    on('2016-03-25');
    seen.q1Live = await rollup('2016Q1', leader);

    // Closing too early, or as someone other than the admin.
    on('2016-03-31', 15); // 23:00 on 31 March in Shanghai
    seen.q1EarlyClose = await t.http().post(`/api/plans/${planId}/rollups/2016Q1/close?tasks=true`).set(admin());
    clock.set('2016-04-01T02:00:00Z');
    seen.closeByOthers = [
      (await t.http().post(`/api/plans/${planId}/rollups/2016Q2/close`).set(bearer(leader))).status,
      (await t.http().post(`/api/plans/${planId}/rollups/2016Q1/close`).set(bearer(leader))).status,
      (await t.http().post(`/api/plans/${planId}/rollups/2016Q1/close`).set(bearer(fzb.token))).status,
    ];
    seen.q1StatusAfterRefusals = (await rollup('2016Q1')).body.status;

    // Q1 closed by the scheduler's handler after its reporting window (not at 00:05 on 1 April), twice at the same moment.
    clock.set('2016-03-31T16:05:00Z'); // 2016-04-01 00:05 Asia/Shanghai: Q1's window is open through 04-10
    seen.q1SchedulerOnTheFirst = await rollups.closeDueQuarters(clock.now());
    clock.set('2016-04-13T16:05:00Z'); // 04-14 00:05: the 10th (a Sunday) + 3 working days has passed
    seen.q1SchedulerRuns = await Promise.all([rollups.closeDueQuarters(clock.now()), rollups.closeDueQuarters(clock.now())]);
    seen.q1SchedulerAgain = await rollups.closeDueQuarters(clock.now());
    seen.q1 = await rollup('2016Q1', leader);
    frozen['2016Q1'] = seen.q1.body;
    seen.q2StatusAfterQ1 = (await rollup('2016Q2')).body.status;

    // Q2: later work and changes to Q1 tasks.
    await complete(4, '2016-04-10'); // late: due 03-31
    await complete(24, '2016-05-10'); // early
    await progress(9, '2016-05-10', 50, [{ indicator: '审核规范性文件', value: 3, unit: '件' }, { indicator: '提出法律意见', value: 12.5, unit: '条' }]);
    await progress(13, '2016-05-10', 20, [{ indicator: '审核规范性文件', value: 4, unit: '件' }]);
    await progress(5, '2016-05-10', 70); // a Q1 task: its Q1 progress stays 50 in the snapshot
    await notice(11, '2016-05-10', '2016-05-20'); // never answered
    // Item 12 gets an extension to 09-30; its statistics still count against the original 06-30.
    on('2016-06-10');
    const ext = must(await t.http().post(`/api/tasks/${taskOf(12).id}/extension-requests`).set(bearer(leadOf(12).token))
      .send({ requestedDueDate: '2016-09-30', reason: '需补充调研' }), 201, 'extension request');
    must(await t.http().post(`/api/extension-requests/${ext.body.id}/approve`).set(admin()), 200, 'extension approval');
    // Item 6 (a Q1 task) moves from 城管局 to 审计局: the live Q1 split changes, the snapshot does not.
    const six = await t.http().get(`/api/tasks/${taskOf(6).id}`).set(admin());
    must(await t.http().patch(`/api/tasks/${taskOf(6).id}`).set(admin()).send({ version: six.body.version, leadDepartment: '区审计局' }), 200, 'lead change');
    for (const n of [9, 10]) await complete(n, '2016-06-20');
    seen.q1AfterChanges = await rollup('2016Q1', leader);
    seen.q1LiveCgTotal = (await rollups.live(planId, { year: 2016, quarter: 1 })).byDepartment.find((d) => d.departmentId === cg.id)!.total;
    seen.q1Reclose = await t.http().post(`/api/plans/${planId}/rollups/2016Q1/close?tasks=true`).set(admin());

    // Q2 closed by hand, twice at once and once more the next day.
    clock.set('2016-07-01T02:00:00Z');
    seen.q2Closes = await Promise.all([
      t.http().post(`/api/plans/${planId}/rollups/2016Q2/close?tasks=true`).set(admin()),
      t.http().post(`/api/plans/${planId}/rollups/2016Q2/close?tasks=true`).set(admin()),
    ]);
    clock.set('2016-07-02T02:00:00Z');
    seen.q2CloseAgain = await t.http().post(`/api/plans/${planId}/rollups/2016Q2/close?tasks=true`).set(admin());
    frozen['2016Q2'] = seen.q2Closes[0].body;

    // Q3: late and on-time completions; closed by hand.
    await complete(11, '2016-07-05');
    await progress(17, '2016-08-01', 60, [{ indicator: '审核规范性文件', value: 2, unit: '件' }]);
    await progress(18, '2016-08-01', 50, [{ indicator: '拆除违法建设', value: 800, unit: '平方米' }]);
    await complete(5, '2016-08-01');
    for (const n of [17, 18, 19]) await complete(n, '2016-09-10');
    await complete(12, '2016-09-20'); // within its extension, late against the original due date
    on('2016-10-08');
    seen.q3Close = await t.http().post(`/api/plans/${planId}/rollups/2016Q3/close?tasks=true`).set(admin());
    frozen['2016Q3'] = seen.q3Close.body;

    // How the snapshots are stored: compressed, in parts, none left by the closer that lost Q2's race;
    // read back whole from the database (not from the parsed snapshots the repository keeps).
    const ds = t.app.get(DataSource);
    seen.storage = {
      rows: (await ds.query('SELECT id, quarter, data FROM quarterly_rollups ORDER BY quarter')).map((r: { id: string; quarter: string; data: string }) => ({ ...r, data: JSON.parse(r.data) })),
      partsOf: (await ds.query('SELECT DISTINCT snapshot_id AS id FROM rollup_snapshot_parts')).map((r: { id: string }) => r.id).sort(),
    };
    (t.app.get(RollupsRepository) as unknown as { parsed: Map<string, unknown> }).parsed.clear();
    seen.q2FromParts = await rollup('2016Q2');

    // The dashboard on 20 November.
    await progress(25, '2016-11-15', 80, [{ indicator: '审核规范性文件', value: 6, unit: '件' }]);
    on('2016-11-20');
    seen.dashboard = await t.http().get(`/api/plans/${planId}/dashboard`).set(bearer(leader));
    seen.dashboardCg = await t.http().get(`/api/plans/${planId}/dashboard`).set(bearer(cg.token));
    seen.dashboardOverdue = await t.http().get(`/api/plans/${planId}/dashboard/overdue?pageSize=100`).set(bearer(leader));

    // Q4, closed by the scheduler's handler at 00:05 on 1 January.
    const n29 = await notice(29, '2016-12-10', '2016-12-20');
    for (const n of [25, 26, 27, 28]) await complete(n, '2016-12-15');
    await respond(29, n29, '2016-12-25'); // after its deadline
    clock.set('2016-12-31T16:05:00Z'); // 1 January: Q4's window is open through 01-10
    seen.q4SchedulerOnTheFirst = await rollups.closeDueQuarters(clock.now());
    clock.set('2017-01-13T16:05:00Z'); // 01-14 00:05: 01-10 + 3 working days has passed
    seen.q4SchedulerRun = await rollups.closeDueQuarters(clock.now());
    seen.q4 = await rollup('2016Q4', leader);
    frozen['2016Q4'] = seen.q4.body;
    seen.earlierAfterQ4 = [];
    for (const q of ['2016Q1', '2016Q2', '2016Q3']) seen.earlierAfterQ4.push(await rollup(q, leader));
    seen.q4Cg = await rollup('2016Q4', cg.token);

    // The year-end report in January, then again after the ledger changed.
    clock.set('2017-01-05T02:00:00Z');
    seen.reportMd = await t.http().get(`/api/plans/${planId}/report?format=md`).set(bearer(leader));
    await complete(29, '2017-01-10');
    seen.reportMdAfterLedgerChange = await t.http().get(`/api/plans/${planId}/report?format=md`).set(admin());
  }, 240_000);
  afterAll(async () => w?.close());

  it('assigns the 30 items of the plan from a 任务分工表, due quarter by quarter', () => {
    expect(seen.assignment.status).toBe(201);
    expect(tasks).toHaveLength(30);
    expect(tasks.map((x) => x.itemNumber)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('rejects a period that is malformed or outside the plan’s periods with 400 naming `period`; the next year’s quarters are the plan’s too', () => {
    for (const res of seen.badQuarters) {
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/^period: /);
    }
    // Carried-over work is reported in the following year's quarters: never a 400.
    expect(seen.nextYearQuarter.status).toBe(200);
    expect(seen.q1Summary.status).toBe(200);
    // Without ?tasks=true the roll-up is the figures only (the lists are every task of the plan).
    expect(seen.q1Summary.body.overall).toBeDefined();
    expect(seen.q1Summary.body.completedTasks).toBeUndefined();
    expect(seen.q1TasksMaybe.status).toBe(400);
    expect(seen.unknownPlan.status).toBe(404);
  });

  it('Q1: counts live as of today while the quarter runs', () => {
    const live = seen.q1Live;
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ status: 'live', closedAt: null, asOf: '2016-03-25', periodStart: '2016-01-01', periodEnd: '2016-03-31' });
    expect(live.body.basis.dueDate).toBe('dueDate');
    // Nothing is overdue before its day has come.
    expect(live.body.overall).toMatchObject({ total: 30, due: 8, completed: 3, overdue: 0, inProgress: 27 });
    expect(plainFigures(live.body.overall.figures)).toEqual([
      { indicator: '拆除违法建设', unit: '平方米', value: 1200 },
      { indicator: '审核规范性文件', unit: '件', value: 5 },
    ]);
    expect(live.body.overall.notices).toMatchObject({ issued: 1, issuedInQuarter: 1, responded: 1, respondedOnTime: 1, responseRate: 1 });
  });

  it('refuses to close a quarter before it has ended, and to anyone but admin', () => {
    expect(seen.q1EarlyClose.status).toBe(409);
    expect(seen.q1EarlyClose.body.message).toMatch(/^quarter: /);
    expect(seen.closeByOthers).toEqual([403, 403, 403]);
    expect(seen.q1StatusAfterRefusals).toBe('live');
  });

  it('closes Q1 from the scheduler handler after its reporting window (not on 1 April) — once, even when it runs twice at the same moment', () => {
    expect(seen.q1SchedulerOnTheFirst).toEqual([]);
    expect(seen.q1SchedulerRuns.flat()).toEqual([{ planId, quarter: '2016Q1' }]);
    expect(seen.q1SchedulerAgain).toEqual([]);
    const q1 = seen.q1;
    expect(q1.body).toMatchObject({ status: 'closed', closedAt: '2016-04-13T16:05:00.000Z', closedBy: null, asOf: '2016-03-31' });
    expectOverall(q1.body, '2016Q1');
    // Progress as of the quarter's end: three completed (100) and item 5 at 50, over 30 tasks.
    expect(q1.body.overall.averageProgress).toBe(11.7);
    expect(q1.body.openTasks.filter((x: { overdue: boolean }) => x.overdue).map((x: { itemNumber: number }) => x.itemNumber)).toEqual([4, 5, 6, 7, 8]);
    expect(seen.q2StatusAfterQ1).toBe('live');
  });

  it('stores each closed quarter compressed in parts written before its transaction, leaves none behind a lost race, and reads it back whole', () => {
    expect(seen.storage.rows.map((r) => [r.quarter, r.data])).toEqual(['2016Q1', '2016Q2', '2016Q3'].map((q) => [q, { parts: expect.any(Number), encoding: 'gzip' }]));
    expect(seen.storage.partsOf).toEqual(seen.storage.rows.map((r) => r.id).sort());
    expect(seen.q2FromParts.status).toBe(200);
    expect(seen.q2FromParts.body).toEqual(frozen['2016Q2']);
  });

  it('Q2: a closed quarter stays identical when later work arrives and tasks change', () => {
    expect(seen.q1AfterChanges.body).toEqual(frozen['2016Q1']);
    const frozenCg = frozen['2016Q1'].byDepartment.find((d) => d.departmentId === cg.id)!;
    expect(seen.q1LiveCgTotal).toBe(frozenCg.total - 1);
    // Closing again by hand changes nothing either.
    expect(seen.q1Reclose.status).toBe(200);
    expect(seen.q1Reclose.body).toEqual(frozen['2016Q1']);
  });

  it('closes Q2 by hand: concurrent and repeated closes answer the same snapshot', () => {
    const [a, b] = seen.q2Closes;
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body).toEqual(b.body);
    expect(a.body).toMatchObject({ status: 'closed', closedAt: '2016-07-01T02:00:00.000Z', closedBy: expect.any(String), asOf: '2016-06-30' });
    expect(seen.q2CloseAgain.status).toBe(200);
    expect(seen.q2CloseAgain.body).toEqual(a.body);
    expectOverall(a.body, '2016Q2');
    expect(plainFigures(a.body.overall.figures)).toEqual([
      { indicator: '审核规范性文件', unit: '件', value: 7 },
      { indicator: '提出法律意见', unit: '条', value: 12.5 },
    ]);
    expect(a.body.overall.notices).toMatchObject({ issued: 2, issuedInQuarter: 1, responded: 1, responseRate: 0.5 });
  });

  it('Q3: completes late and on time; closes by hand', () => {
    const q3 = seen.q3Close;
    expect(q3.status).toBe(200);
    expectOverall(q3.body, '2016Q3');
    const twelve = q3.body.completedTasks.find((x: { itemNumber: number }) => x.itemNumber === 12);
    expect(twelve).toMatchObject({ onTime: true, extended: true, originalDueDate: '2016-06-30', dueDate: '2016-09-30', completedOn: '2016-09-20' });
  });

  it('shows leaders the dashboard: lights, ranking, overdue list, the trend and the report countdown', () => {
    expect(seen.dashboard.status).toBe(200);
    const d = seen.dashboard.body;
    expect(d.report).toEqual({ dueBy: '2017-03-01', daysRemaining: daysBetween('2016-11-20', '2017-03-01') });
    expect(d.lights.overall.total).toBe(30);
    expect(d.lights.byChapter).toHaveLength(frozen['2016Q3'].byChapter.length);
    expect(d.lights.byChapter.reduce((s: number, c: { total: number }) => s + c.total, 0)).toBe(30);
    expect(d.lights.byDepartment.reduce((s: number, c: { red: number }) => s + c.red, 0)).toBe(d.lights.overall.red);
    // The overdue list is the red lights: open tasks past their (current) due date. The dashboard
    // shows the 10 most overdue and the count; the drill-down lists them all.
    expect(d.overdueTotal).toBe(d.lights.overall.red);
    expect(d.overdue).toHaveLength(10);
    const all = seen.dashboardOverdue.body;
    expect(all.total).toBe(d.overdueTotal);
    expect(all.items.map((x: { taskId: string }) => x.taskId).sort()).toEqual(
      [6, 7, 8, 13, 14, 15, 16, 20, 21, 22, 23].map((n) => taskOf(n).id).sort(),
    );
    expect(all.items.slice(0, 10).map(({ chapterId: _c, ...x }: { chapterId: string }) => x)).toEqual(d.overdue);
    const six = d.overdue.find((x: { taskId: string }) => x.taskId === taskOf(6).id);
    expect(six).toMatchObject({ dueDate: '2016-03-31', daysOverdue: daysBetween('2016-03-31', '2016-11-20'), leadDepartment: { id: sj.id } });
    expect(d.trend.map((x: { quarter: string; status: string }) => [x.quarter, x.status])).toEqual([
      ['2016Q1', 'closed'], ['2016Q2', 'closed'], ['2016Q3', 'closed'], ['2016Q4', 'live'],
    ]);
    for (const q of ['2016Q1', '2016Q2', '2016Q3'] as const) {
      const point = d.trend.find((x: { quarter: string }) => x.quarter === q);
      expect(point).toMatchObject({ completed: frozen[q].overall.completed, onTimeRate: frozen[q].overall.onTimeRate, overdue: frozen[q].overall.overdue });
    }
    expect(d.ranking.quarter).toBe('2016Q4');
    expect(d.ranking.rows.map((r: { rank: number }) => r.rank)).toEqual([...d.ranking.rows.map((r: { rank: number }) => r.rank)].sort((x, y) => x - y));
    expect(d.ranking.rows).toHaveLength(4);
    expect(d.ranking).toMatchObject({ total: 4, bottom: [] });
    expect(d.lights.departments).toEqual({ total: 4, shown: 4 });

    // A department sees its own lights, its own overdue tasks and its own place in the ranking.
    const mine = seen.dashboardCg;
    expect(mine.status).toBe(200);
    expect(mine.body.scope).toEqual({ departmentId: cg.id });
    expect(mine.body.lights.byDepartment.map((x: { departmentId: string }) => x.departmentId)).toEqual([cg.id]);
    expect(mine.body.overdue.every((x: { leadDepartment: { id: string } }) => x.leadDepartment.id === cg.id)).toBe(true);
    expect(mine.body.ranking.rows.map((r: { departmentId: string }) => r.departmentId)).toEqual([cg.id]);
  });

  it('Q4: closes from the scheduler handler after the January reporting window, only the quarter that is due', () => {
    expect(seen.q4SchedulerOnTheFirst).toEqual([]);
    expect(seen.q4SchedulerRun).toEqual([{ planId, quarter: '2016Q4' }]);
    const q4 = seen.q4;
    expect(q4.body).toMatchObject({ status: 'closed', closedBy: null, asOf: '2016-12-31' });
    expectOverall(q4.body, '2016Q4');
    expect(q4.body.overall.notices).toMatchObject({ issued: 3, issuedInQuarter: 1, responded: 2, respondedOnTime: 1 });
    expect(q4.body.overall.notices.responseRate).toBeCloseTo(2 / 3, 4);
    expect(seen.earlierAfterQ4.map((r) => r.body)).toEqual([frozen['2016Q1'], frozen['2016Q2'], frozen['2016Q3']]);
  });

  it('scopes a department user to the tasks its department leads, on live and frozen roll-ups', () => {
    const mine = seen.q4Cg;
    expect(mine.status).toBe(200);
    expect(mine.body.scope).toEqual({ departmentId: cg.id });
    const all = frozen['2016Q4'].byDepartment.find((d) => d.departmentId === cg.id)!;
    expect(mine.body.byDepartment.map((d: { departmentId: string }) => d.departmentId)).toEqual([cg.id]);
    expect(mine.body.overall).toMatchObject({ total: all.total, completed: all.completed, overdue: all.overdue, onTimeRate: all.onTimeRate });
    expect([...mine.body.completedTasks, ...mine.body.openTasks].every((x: { departmentId: string }) => x.departmentId === cg.id)).toBe(true);
  });

  describe('the year-end report', () => {
    const docx = async () => {
      const res = await t.http().get(`/api/plans/${planId}/report?format=docx`).set(bearer(leader)).buffer(true)
        .parse((r, cb) => { const chunks: Buffer[] = []; r.on('data', (c: Buffer) => chunks.push(c)); r.on('end', () => cb(null, Buffer.concat(chunks))); });
      return res;
    };

    it('is refused to department users and rejects an unknown format', async () => {
      expect((await t.http().get(`/api/plans/${planId}/report`).set(bearer(fzb.token))).status).toBe(403);
      const bad = await t.http().get(`/api/plans/${planId}/report?format=pdf`).set(admin());
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain('format');
    });

    it('drafts the five parts in the shape of the real reports, every number from the frozen snapshots', () => {
      const res = seen.reportMd;
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('text/markdown');
      const markdown = res.text;
      const q4 = frozen['2016Q4'];
      expect(markdown).toMatch(/^# 惠济区2016年度法治政府建设情况报告\n/);
      expect(markdown).toContain('中共郑州市委、郑州市人民政府：');
      let at = -1;
      for (const part of PART_TITLES) {
        const next = markdown.indexOf(`## ${part}`);
        expect(next).toBeGreaterThan(at);
        at = next;
      }
      q4.byChapter.forEach((ch, i) => expect(markdown).toContain(`### （${chineseNumeral(i + 1)}）${ch.title}`));
      expect(markdown).toContain(`分解为${q4.overall.total}项任务`);
      expect(markdown).toContain(`已办结${q4.overall.completed}项，其中按期办结${q4.overall.completedOnTime}项，逾期未办结${q4.overall.overdue}项`);
      expect(markdown).toContain(`按期完成率${formatRate(q4.overall.onTimeRate)}`);
      expect(markdown).toContain(`全年下达督办通知3件，已回复2件，回复落实率${formatRate(2 / 3)}`);

      // Figures: the year's totals are the sums of the four quarters' frozen figures; co-operating figures never count.
      const year = new Map<string, number>();
      for (const q of Object.values(frozen)) for (const f of q.overall.figures as FigureSum[]) year.set(`${f.indicator}|${f.unit}`, (year.get(`${f.indicator}|${f.unit}`) ?? 0) + f.value!);
      expect(Object.fromEntries(year)).toEqual({ '审核规范性文件|件': 20, '拆除违法建设|平方米': 2000, '提出法律意见|条': 12.5 });
      expect(markdown).toContain('比率类不相加）：拆除违法建设2000平方米、审核规范性文件20件、提出法律意见12.5条');
      expect(markdown).not.toContain('99件');

      // The completion table: one row per lead department, each quarter's cell from that quarter's snapshot.
      for (const dept of q4.byDepartment) {
        const perQuarter = (['2016Q1', '2016Q2', '2016Q3', '2016Q4'] as const).map((q) => frozen[q].byDepartment.find((x) => x.departmentId === dept.departmentId)?.completedInQuarter ?? 0);
        expect(markdown).toContain(`| ${dept.name} | ${dept.total} | ${perQuarter.join(' | ')} | ${dept.completed} | ${dept.completedOnTime} | ${dept.overdue} | ${formatRate(dept.onTimeRate)} |`);
      }
      expect(markdown).toContain(`| 合计 | 30 | 3 | 4 | 6 | 4 | 17 | 14 | 13 | ${formatRate(14 / 30)} |`);

      // 不足: every task still open at the year's end, overdue ones with their days; 下一年度: carried over.
      const deficits = markdown.slice(markdown.indexOf(`## ${PART_TITLES[1]}`), markdown.indexOf(`## ${PART_TITLES[2]}`));
      const nextYear = markdown.slice(markdown.indexOf(`## ${PART_TITLES[3]}`), markdown.indexOf(`## ${PART_TITLES[4]}`));
      for (const open of q4.openTasks!) {
        expect(deficits).toContain(open.title);
        expect(nextYear).toContain(open.title);
        expect(deficits).toContain(`已逾期${open.daysOverdue}天`);
        expect(open.daysOverdue).toBe(daysBetween(open.originalDueDate, '2017-01-01'));
      }
      for (const low of q4.byDepartment.filter((x) => x.onTimeRate !== null && x.onTimeRate < 0.8)) expect(deficits).toContain(low.name);
      expect(nextYear).toContain(`以下${q4.openTasks!.length}项任务`);
      // What the ledger cannot know is a marked placeholder, never invented.
      const duty = markdown.slice(markdown.indexOf(`## ${PART_TITLES[2]}`), markdown.indexOf(`## ${PART_TITLES[3]}`));
      expect(duty).toContain('【待填写：党政主要负责人履行推进法治建设第一责任人职责情况');
      expect(markdown).toContain('特此报告。');
      expect(markdown).toContain('郑州市惠济区人民政府');
    });

    it('does not change when the ledger changes after the quarters are closed', () => {
      expect(seen.reportMdAfterLedgerChange.status).toBe(200);
      expect(seen.reportMdAfterLedgerChange.text).toBe(seen.reportMd.text);
    });

    it('renders a .docx (a zip package)', async () => {
      const res = await docx();
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      expect((res.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    });

    const libreOffice = libreOfficeRequirement();
    libreOffice.it(libreOffice.title('renders a .docx that LibreOffice opens and converts to a PDF with the report’s text'), async () => {
      const pdf = compact(await libreOfficeText((await docx()).body as Buffer));
      expect(pdf).toContain('惠济区2016年度法治政府建设情况报告');
      for (const part of PART_TITLES) expect(pdf).toContain(part);
      expect(pdf).toContain(`已办结${frozen['2016Q4'].overall.completed}项`);
      expect(pdf).toContain('区城市管理局');
      expect(pdf).toContain('【待填写：');
      expect(pdf).toContain('特此报告。');
    }, 200_000);
  });
});
