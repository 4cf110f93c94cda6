// A year played on the service clock, one case per test, each with its own plan, departments and
// tasks: reporting periods and 补报, typed indicators (a rate never summed), corrections counted
// once, one meaning of 按期 with an approved extension, and the year-end report that quotes the
// departments. Quarters close through the scheduler's handler after their reporting window.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FixedClock } from '../../src/common/time/clock';
import type { FigureSum, RollupResponse } from '../../src/modules/rollups/rollup.types';
import { RollupsService } from '../../src/modules/rollups/rollups.service';
import { createUser, departmentWithUser, SeededDepartment } from '../factories/directory.factory';
import { libreOfficeBinary, libreOfficeRequirement } from '../helpers/requirements';
import { bearer, startTestApp, TestApp } from '../helpers/test-app';

const run = promisify(execFile);

/** The .docx converted by LibreOffice, as PDF text (-layout keeps table rows on their lines). */
async function libreOfficeText(docx: Buffer): Promise<string> {
  const binary = libreOfficeBinary()!;
  const dir = mkdtempSync(join(tmpdir(), 'duban-periods-'));
  try {
    writeFileSync(join(dir, 'report.docx'), docx);
    await run(binary, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'report.docx')], { timeout: 170_000 });
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', '-layout', join(dir, 'report.pdf'), '-']);
    return stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const office = libreOfficeRequirement();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const binary = (r: any, cb: (err: Error | null, body: unknown) => void) => {
  const chunks: Buffer[] = [];
  r.on('data', (c: Buffer) => chunks.push(c));
  r.on('end', () => cb(null, Buffer.concat(chunks)));
};

interface Fixture {
  planId: string;
  a: SeededDepartment;
  b: SeededDepartment;
  /** Task ids by key. */
  task: Record<string, string>;
}

describe('reporting periods, indicators, corrections and 按期 over a played year (e2e)', () => {
  const clock = new FixedClock('2026-01-05T01:00:00Z');
  let t: TestApp;
  let leader: string;
  let n = 0;

  const admin = () => bearer(t.adminToken);
  /** 09:00 in Shanghai on a day (or another UTC hour). */
  const on = (date: string, hourUtc = 1) => clock.set(`${date}T${String(hourUtc).padStart(2, '0')}:00:00Z`);
  /** The daily close job as it runs at 00:05 on a day: the quarters of this plan it closed. */
  const closeJob = async (date: string, planId: string) => {
    clock.set(new Date(new Date(`${date}T00:05:00+08:00`).getTime()).toISOString());
    return (await t.app.get(RollupsService).closeDueQuarters(clock.now())).filter((c) => c.planId === planId).map((c) => c.quarter);
  };
  const rollup = async (planId: string, period: string, token = t.adminToken): Promise<RollupResponse> => {
    const res = await t.http().get(`/api/plans/${planId}/rollups/${period}?tasks=true`).set(bearer(token));
    expect(res.status).toBe(200);
    return res.body;
  };
  const figure = (r: { overall: { figures: FigureSum[] } }, name: string) => r.overall.figures.find((f) => f.indicator === name);
  const post = (taskId: string, who: SeededDepartment, body: Record<string, unknown>) =>
    t.http().post(`/api/tasks/${taskId}/progress`).set(bearer(who.token)).send({ narrative: '按计划推进', ...body });

  /**
   * A plan of its own (two chapters, three items), two departments with users, and tasks:
   * `tasks` maps a key to [item number, lead 'a' | 'b', due date].
   */
  async function fixture(start: string, tasks: Record<string, [number, 'a' | 'b', string]>): Promise<Fixture> {
    n += 1;
    on(start);
    const a = await departmentWithUser(t, `甲局${n}`, `dept_a_${n}`);
    const b = await departmentWithUser(t, `乙局${n}`, `dept_b_${n}`);
    const text = [
      `# 测试${n}区2026年法治政府建设工作要点`, '',
      '## 一、依法全面履行政府职能', '',
      `1. 规范行政权力运行${n}。清理权责清单，建立动态调整机制。`, '',
      `2. 深化行政复议体制改革${n}。集中行使行政复议职责。`, '',
      '## 二、完善依法行政制度体系', '',
      `3. 加强规范性文件监督管理${n}。落实合法性审核和备案审查。`, '',
    ].join('\n');
    const plan = await t.http().post('/api/plans/import').set(admin()).send({ text });
    expect(plan.status).toBe(200);
    const planId = plan.body.plan.id as string;
    const keys = Object.keys(tasks);
    const res = await t.http().post(`/api/plans/${planId}/tasks`).set(admin()).send(keys.map((k) => {
      const [itemNumber, lead, dueDate] = tasks[k];
      return { itemNumber, title: `任务${k}`, leadDepartment: (lead === 'a' ? a : b).id, dueDate, deliverable: `成果${k}` };
    }));
    expect(res.status).toBe(201);
    const task: Record<string, string> = {};
    keys.forEach((k, i) => (task[k] = res.body[i].id));
    return { planId, a, b, task };
  }

  beforeAll(async () => {
    // No reminder worker: automatic 督办 would make the notice counts depend on timing.
    t = await startTestApp({ clock, env: { WORKER_IN_API: 'false' } });
    leader = await createUser(t, 'periods_leader', 'leader');
  });
  afterAll(async () => t?.close());

  it('counts a Q1 report filed on 04-08 in the frozen Q1 snapshot; a later one for Q1 is 补报, never in the snapshot, in the annual figures', async () => {
    const f = await fixture('2026-02-02', { x: [1, 'a', '2026-12-31'], y: [3, 'b', '2026-12-31'] });
    on('2026-04-08');
    const q1 = await post(f.task.x, f.a, { percent: 30, figures: [{ indicator: '审核规范性文件', value: 5, unit: '件' }] });
    expect(q1.status).toBe(201);
    expect(q1.body).toMatchObject({ period: '2026Q1', late: false, reportedOn: '2026-04-08', effective: true });
    const periods = (await t.http().get(`/api/plans/${f.planId}/periods`).set(bearer(f.b.token))).body;
    expect(periods.current).toBe('2026Q1');
    expect(periods.periods.slice(0, 3)).toEqual([
      { period: '2026Q1', start: '2026-01-01', end: '2026-03-31', windowEnd: '2026-04-10', closesOn: '2026-04-16', state: 'reporting', closedAt: null },
      expect.objectContaining({ period: '2026Q2', state: 'open' }),
      expect.objectContaining({ period: '2026Q3', state: 'not_started' }),
    ]);
    expect(periods.periods.map((p: { period: string }) => p.period).at(-1)).toBe('2027Q4');

    // A period can be named, but not a future one nor one outside the plan.
    for (const [period, says] of [['2026Q3', '尚未开始'], ['2025Q4', '不在计划的报告期内'], ['2026-1', '格式应为']] as const) {
      const bad = await post(f.task.y, f.b, { percent: 10, period });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(new RegExp(`^period: .*${says}`));
    }

    expect(await closeJob('2026-04-15', f.planId)).toEqual([]); // the 10th + 3 working days not yet over
    expect(await closeJob('2026-04-16', f.planId)).toEqual(['2026Q1']);
    const frozen = await rollup(f.planId, '2026Q1');
    expect(frozen).toMatchObject({ status: 'closed', quarter: '2026Q1', window: { end: '2026-04-10', closesOn: '2026-04-16' } });
    expect(figure(frozen, '审核规范性文件')).toMatchObject({ value: 5, kind: 'count' });
    expect(frozen.notReported).toEqual([{ departmentId: f.b.id, name: f.b.name, missingTasks: 1 }]);
    // Progress as of Q1: 30 % and 0 % over two tasks.
    expect(frozen.overall.averageProgress).toBe(15);

    on('2026-04-22');
    const late = await post(f.task.y, f.b, { percent: 20, period: '2026Q1', figures: [{ indicator: '审核规范性文件', value: 2, unit: '件' }] });
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ period: '2026Q1', late: true });
    const now = await post(f.task.x, f.a, { percent: 45 });
    expect(now.body).toMatchObject({ period: '2026Q2', late: false }); // the window is over: the current quarter
    const after = (await t.http().get(`/api/plans/${f.planId}/periods`).set(admin())).body;
    expect(after).toMatchObject({ current: '2026Q2', policy: { reportingWindowDay: 10, closeAfterWorkingDays: 3 } });
    expect(after.periods[0]).toMatchObject({ period: '2026Q1', state: 'closed', closedAt: expect.any(String) });
    expect(await rollup(f.planId, '2026Q1')).toEqual(frozen);

    const year = await rollup(f.planId, '2026');
    expect(year).toMatchObject({ status: 'live', quarter: '2026', periodKind: 'year' });
    expect(figure(year, '审核规范性文件')!.value).toBe(7);
    expect(year.lateEntries).toEqual([expect.objectContaining({ reportId: late.body.id, period: '2026Q1', department: f.b.name, title: '任务y' })]);

    // The dashboard lists who has not reported for the current period (Q2 once Q1's window is over).
    const dash = await t.http().get(`/api/plans/${f.planId}/dashboard`).set(bearer(leader));
    expect(dash.body.notReported).toMatchObject({ period: '2026Q2', windowEnd: '2026-07-10', closesOn: '2026-07-16' });
    expect(dash.body.notReported.departments.map((d: { name: string }) => d.name)).toEqual([f.b.name]);
    // A department sees only itself.
    const mine = await t.http().get(`/api/plans/${f.planId}/rollups/2026Q1`).set(bearer(f.a.token));
    expect(mine.body.notReported).toEqual([]);
  });

  it('never lets a rate reported four times exceed 100 % — roll-ups, the year, the dashboard and the report — and refuses impossible values', async () => {
    const f = await fixture('2026-01-05', { r: [2, 'a', '2026-12-31'], c: [1, 'b', '2026-12-31'] });
    const ind = await t.http().post(`/api/plans/${f.planId}/indicators`).set(admin())
      .send({ name: '调解成功率', unit: '%', kind: 'rate', aliases: ['行政调解成功率'] });
    expect(ind.status).toBe(201);
    expect((await t.http().post(`/api/plans/${f.planId}/indicators`).set(bearer(f.a.token)).send({ name: 'x', unit: '', kind: 'count' })).status).toBe(403);

    const tooHigh = await post(f.task.r, f.a, { percent: 10, figures: [{ indicatorId: ind.body.id, value: 120 }] });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.message).toMatch(/^figures\[0\]\.value: 「调解成功率」是比率指标，取值应在 0 到 100 之间/);
    const negative = await post(f.task.c, f.b, { percent: 10, figures: [{ indicator: '受理案件', value: -3, unit: '件' }] });
    expect(negative.status).toBe(400);
    expect(negative.body.message).toMatch(/^figures\[0\]\.value: .*不能为负数/);
    const badParts = await post(f.task.r, f.a, { percent: 10, figures: [{ indicatorId: ind.body.id, value: 90, numerator: 60, denominator: 50 }] });
    expect(badParts.status).toBe(400);
    expect(badParts.body.message).toMatch(/^figures\[0\]\.numerator: /);
    expect((await t.http().get(`/api/tasks/${f.task.r}/progress`).set(admin())).body).toEqual([]);
    // Nothing was proposed by the refused figures.
    expect((await t.http().get(`/api/plans/${f.planId}/indicators`).set(admin())).body.map((i: { name: string }) => i.name)).toEqual(['调解成功率']);

    const rates: [string, number, string][] = [['2026-03-20', 90, 'indicatorId'], ['2026-06-20', 95, '行政调解成功率'], ['2026-09-20', 98, '调解成功率'], ['2026-12-20', 100, '调解成功率']];
    for (const [day, value, by] of rates) {
      on(day);
      const fig = by === 'indicatorId' ? { indicatorId: ind.body.id, value } : { indicator: by, value, unit: '%' };
      const res = await post(f.task.r, f.a, { percent: value - 10, figures: [fig] });
      expect(res.status).toBe(201);
    }
    // A count holding 120 cannot be turned into a rate: the office corrects the figures first.
    on('2026-12-21');
    expect((await post(f.task.c, f.b, { percent: 10, figures: [{ indicator: '复议纠错数', value: 120, unit: '件' }] })).status).toBe(201);
    const count = ((await t.http().get(`/api/plans/${f.planId}/indicators`).set(admin())).body as { id: string; name: string }[]).find((i) => i.name === '复议纠错数')!;
    const toRate = await t.http().patch(`/api/indicators/${count.id}`).set(admin()).send({ kind: 'rate' });
    expect(toRate.status).toBe(409);
    expect(toRate.body.message).toMatch(/^kind: .*120/);
    expect(await closeJob('2026-10-20', f.planId)).toEqual(['2026Q1', '2026Q2', '2026Q3']);
    on('2027-01-20');
    expect(await closeJob('2027-01-20', f.planId)).toEqual(['2026Q4']);
    for (const [i, period] of ['2026Q1', '2026Q2', '2026Q3', '2026Q4'].entries()) {
      const r = await rollup(f.planId, period);
      expect(figure(r, '调解成功率')).toMatchObject({ value: rates[i][1], kind: 'rate', basis: 'latest' });
    }
    const year = await rollup(f.planId, '2026');
    expect(year.status).toBe('closed');
    expect(figure(year, '调解成功率')).toMatchObject({ value: 100, kind: 'rate' });
    const dash = await t.http().get(`/api/plans/${f.planId}/dashboard`).set(bearer(leader));
    expect(dash.body.figures.items.find((x: FigureSum) => x.indicator === '调解成功率')).toMatchObject({ value: 100, kind: 'rate' });
    expect(dash.body.figures.items.find((x: FigureSum) => x.indicator === '复议纠错数')).toMatchObject({ value: 120, kind: 'count' });
    const md = (await t.http().get(`/api/plans/${f.planId}/report?format=md`).set(bearer(leader))).text;
    const shown = [...md.matchAll(/调解成功率(\d+(?:\.\d+)?)%/g)].map((m) => Number(m[1]));
    expect(shown.length).toBeGreaterThan(0);
    expect(Math.max(...shown)).toBe(100);
  });

  it('counts a correction once, keeps the history and the audit trail, and asks why a percentage goes backwards', async () => {
    const f = await fixture('2026-02-02', { x: [2, 'a', '2026-12-31'] });
    const office = await t.http().post(`/api/plans/${f.planId}/indicators`).set(admin())
      .send({ name: '行政复议受理数', unit: '件', kind: 'count', aliases: ['受理行政复议案件'] });
    expect(office.status).toBe(201);
    on('2026-03-10');
    const first = await post(f.task.x, f.a, { percent: 40, figures: [{ indicator: '受理行政复议案件', value: 8, unit: '件' }] });
    expect(first.status).toBe(201);
    expect(first.body.figures).toEqual([expect.objectContaining({ indicatorId: office.body.id, indicator: '行政复议受理数', value: 8 })]);

    on('2026-03-12');
    // The correction restates the same cases: counted once, not 16.
    const back = await t.http().post(`/api/progress/${first.body.id}/correction`).set(bearer(f.a.token))
      .send({ percent: 30, narrative: '更正：进度核减', figures: [{ indicator: '行政复议受理数', value: 8 }] });
    expect(back.status).toBe(400);
    expect(back.body.message).toMatch(/^reason: 完成比例由 40% 降为 30%/);
    expect((await t.http().post(`/api/progress/${first.body.id}/correction`).set(bearer(f.b.token)).send({ percent: 40, narrative: 'x' })).status).toBe(404);
    const corrected = await t.http().post(`/api/progress/${first.body.id}/correction`).set(bearer(f.a.token))
      .send({ percent: 30, narrative: '更正：进度核减', reason: '误将计划数填为完成数', figures: [{ indicator: '行政复议受理数', value: 8 }] });
    expect(corrected.status).toBe(201);
    expect(corrected.body).toMatchObject({ supersedesId: first.body.id, period: '2026Q1', effective: true, percent: 30 });
    const again = await t.http().post(`/api/progress/${first.body.id}/correction`).set(bearer(f.a.token)).send({ percent: 35, narrative: 'x' });
    expect(again.status).toBe(409);

    const history = await t.http().get(`/api/tasks/${f.task.x}/progress`).set(admin());
    expect(history.body.map((r: { id: string; effective: boolean; supersededById: string | null }) => [r.id, r.effective, r.supersededById])).toEqual([
      [corrected.body.id, true, null], [first.body.id, false, corrected.body.id],
    ]);
    expect((await t.http().get(`/api/tasks/${f.task.x}`).set(admin())).body.percent).toBe(30);

    // A second entry, withdrawn: no longer counted, still in the ledger.
    const extra = await post(f.task.x, f.a, { percent: 35, figures: [{ indicator: '行政复议受理数', value: 4 }] });
    const withdrawn = await t.http().post(`/api/progress/${extra.body.id}/withdraw`).set(bearer(f.a.token)).send({ reason: '重复填报' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ effective: false, withdrawReason: '重复填报' });
    expect((await t.http().get(`/api/tasks/${f.task.x}`).set(admin())).body.percent).toBe(30);
    const audit = await t.http().get(`/api/tasks/${f.task.x}/audit`).set(admin());
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['progress.correct', 'progress.withdraw']));

    // An unknown name becomes a proposed indicator; merged, its figures count for the target.
    const proposed = await post(f.task.x, f.a, { percent: 40, figures: [{ indicator: '复议案件受理量', value: 2, unit: '件' }] });
    expect(proposed.status).toBe(201);
    const catalogue = (await t.http().get(`/api/plans/${f.planId}/indicators`).set(bearer(leader))).body as { id: string; name: string; status: string }[];
    const newOne = catalogue.find((i) => i.name === '复议案件受理量')!;
    expect(newOne.status).toBe('proposed');
    expect((await t.http().patch(`/api/indicators/${newOne.id}`).set(admin()).send({ mergeInto: office.body.id })).body).toMatchObject({ status: 'merged', mergedInto: office.body.id });

    expect(await closeJob('2026-04-16', f.planId)).toEqual(['2026Q1']);
    const q1 = await rollup(f.planId, '2026Q1');
    expect(q1.overall.figures).toEqual([expect.objectContaining({ indicatorId: office.body.id, indicator: '行政复议受理数', value: 10, kind: 'count' })]);
    expect(figure(await rollup(f.planId, '2026'), '行政复议受理数')!.value).toBe(10);
  });

  it('gives one 按期 answer for an approved extension in the dashboard, the roll-up, the report and the ledger', async () => {
    const f = await fixture('2026-02-02', { ext: [1, 'a', '2026-06-30'], late: [3, 'b', '2026-06-30'] });
    on('2026-06-10');
    const req = await t.http().post(`/api/tasks/${f.task.ext}/extension-requests`).set(bearer(f.a.token)).send({ requestedDueDate: '2026-09-30', reason: '需补充调研' });
    expect((await t.http().post(`/api/extension-requests/${req.body.id}/approve`).set(admin())).status).toBe(200);
    const complete = async (key: string, who: SeededDepartment, day: string, summary: string) => {
      on(day);
      expect((await t.http().post(`/api/tasks/${f.task[key]}/completion-request`).set(bearer(who.token)).send({ summary })).status).toBe(201);
      expect((await t.http().post(`/api/tasks/${f.task[key]}/completion/approve`).set(admin())).status).toBe(200);
    };
    await complete('late', f.b, '2026-07-05', '已完成规范性文件清理');
    on('2026-08-01');
    const dashAug = await t.http().get(`/api/plans/${f.planId}/dashboard`).set(bearer(leader));
    expect(dashAug.body.overdue).toEqual([]); // within the approved extension: not overdue
    await complete('ext', f.a, '2026-09-20', '权责清单动态调整机制已建立');

    expect(await closeJob('2026-10-20', f.planId)).toEqual(['2026Q1', '2026Q2', '2026Q3']);
    const q2 = await rollup(f.planId, '2026Q2');
    expect(q2.overall).toMatchObject({ overdue: 1, due: 1 }); // only the one without an extension
    const q3 = await rollup(f.planId, '2026Q3');
    expect(q3.completedTasks!.find((l) => l.id === f.task.ext)).toMatchObject({ onTime: true, extended: true, originalDueDate: '2026-06-30', dueDate: '2026-09-30' });
    expect(q3.byDepartment.find((d) => d.departmentId === f.a.id)).toMatchObject({ completedOnTime: 1, onTimeRate: 1 });
    expect(q3.byDepartment.find((d) => d.departmentId === f.b.id)).toMatchObject({ completedOnTime: 0, onTimeRate: 0 });

    const dash = await t.http().get(`/api/plans/${f.planId}/dashboard`).set(bearer(leader));
    expect(dash.body.ranking.rows.find((r: { departmentId: string }) => r.departmentId === f.a.id)).toMatchObject({ onTimeRate: 1, belowThreshold: false });
    const view = await t.http().get(`/api/tasks/${f.task.ext}`).set(admin());
    expect(view.body).toMatchObject({ onTime: true, extended: true, originalDueDate: '2026-06-30', dueDate: '2026-09-30' });

    const md = (await t.http().get(`/api/plans/${f.planId}/report?format=md`).set(bearer(leader))).text;
    expect(md).toContain(`| ${f.a.name} | 1 | 0 | 0 | 1 | 未关账 | 1 | 1 | 0 | 100% |`);
    expect(md).toMatch(new RegExp(`\\| 1\\. 任务ext \\| ${f.a.name} \\| 2026-06-30 \\| 2026-09-30 \\| 2026-09-20办结 \\| 按期（延期后） \\|`));
    const deficits = md.slice(md.indexOf('（三）按期完成率低于'), md.indexOf('（四）原因分析'));
    expect(deficits).toContain(f.b.name);
    expect(deficits).not.toContain(f.a.name);

    const res = await t.http().get(`/api/plans/${f.planId}/ledger.xlsx`).set(bearer(leader)).buffer(true).parse(binary);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.getWorksheet('推进台账')!;
    const row = [3, 4].map((r) => ws.getRow(r)).find((r) => r.getCell(3).value === '任务ext')!;
    expect([6, 7, 8, 14].map((c) => row.getCell(c).value)).toEqual(['成果ext', '2026-06-30', '2026-09-30', '按期（延期后）']);
    expect(String(row.getCell(9).value)).toContain('申请由2026-06-30延至2026-09-30（已批准）');
    const other = [3, 4].map((r) => ws.getRow(r)).find((r) => r.getCell(3).value === '任务late')!;
    expect(other.getCell(14).value).toBe('逾期办结');
    // Prints as a 台账: A4 landscape, one page wide, title and header repeated, borders.
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2' });
    expect(row.getCell(1).border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } });
    expect(ws.getRow(2).getCell(16).border).toMatchObject({ top: { style: 'thin' } });
  });

  it('counts the January 补报 of Q4 in the annual figures, not in the frozen Q4, and notes it in the report', async () => {
    const f = await fixture('2026-10-08', { x: [1, 'a', '2026-12-31'] });
    on('2026-11-10');
    expect((await post(f.task.x, f.a, { percent: 50, figures: [{ indicator: '清理规范性文件', value: 5, unit: '件' }] })).body.period).toBe('2026Q4');
    on('2027-01-08');
    const inWindow = await post(f.task.x, f.a, { percent: 90, narrative: '第四季度清理完毕', figures: [{ indicator: '清理规范性文件', value: 3, unit: '件' }] });
    expect(inWindow.body).toMatchObject({ period: '2026Q4', late: false }); // January, within Q4's window
    expect(await closeJob('2027-01-13', f.planId)).toEqual(['2026Q1', '2026Q2', '2026Q3']);
    expect(await closeJob('2027-01-14', f.planId)).toEqual(['2026Q4']); // 01-10 (Sunday) + 3 working days
    on('2027-01-20');
    const supplement = await post(f.task.x, f.a, { percent: 95, narrative: '补报第四季度数据', period: '2026Q4', figures: [{ indicator: '清理规范性文件', value: 2, unit: '件' }] });
    expect(supplement.body).toMatchObject({ period: '2026Q4', late: true });

    const q4 = await rollup(f.planId, '2026Q4');
    expect(figure(q4, '清理规范性文件')!.value).toBe(8);
    const year = await rollup(f.planId, '2026');
    expect(year.status).toBe('closed');
    expect(figure(year, '清理规范性文件')!.value).toBe(10);
    expect(year.lateEntries!.map((l) => l.reportId)).toEqual([supplement.body.id]);
    const md = (await t.http().get(`/api/plans/${f.planId}/report?format=md`).set(admin())).text;
    expect(md).toContain('清理规范性文件10件');
    expect(md).toContain(`以下进展为补报（所属季度关账后填报），未计入当季汇总，已计入年度数据：${f.a.name}“任务x”2026年第四季度进展（2027年1月20日填报）`);
    expect(md).toContain('第四季度进展（补报）称：“补报第四季度数据。”');
  });

  /** A plan of two chapters whose tasks were completed with summaries (文号, figures), its four quarters closed. */
  async function reportedYear() {
    const f = await fixture('2026-02-02', { one: [1, 'a', '2026-06-30'], two: [3, 'b', '2026-09-30'], three: [2, 'a', '2026-12-31'] });
    on('2026-05-10');
    await post(f.task.one, f.a, { percent: 60, narrative: '完成权责清单梳理', evidence: ['测政〔2026〕8号'], figures: [{ indicator: '调整权责事项', value: 126, unit: '项' }] });
    const summaries: Record<string, string> = {
      one: '印发《权责清单动态调整办法》（测政〔2026〕8号），全年调整权责事项126项',
      two: '审核规范性文件12件，纠正违法条款3处，备案审查率100%',
    };
    for (const [key, who, day] of [['one', f.a, '2026-06-20'], ['two', f.b, '2026-09-10']] as const) {
      on(day);
      expect((await t.http().post(`/api/tasks/${f.task[key]}/completion-request`).set(bearer(who.token)).send({ summary: summaries[key] })).status).toBe(201);
      expect((await t.http().post(`/api/tasks/${f.task[key]}/completion/approve`).set(admin())).status).toBe(200);
    }
    expect(await closeJob('2027-01-14', f.planId)).toEqual(['2026Q1', '2026Q2', '2026Q3', '2026Q4']);
    return { f, summaries };
  }

  it('writes the year-end report from the departments’ own words: a quoted summary, attributed, with its 文号 and figures, in each chapter that has one', async () => {
    const { f, summaries } = await reportedYear();
    const md = (await t.http().get(`/api/plans/${f.planId}/report?format=md`).set(bearer(leader))).text;
    const chapterOne = md.slice(md.indexOf('### （一）依法全面履行政府职能'), md.indexOf('### （二）完善依法行政制度体系'));
    const chapterTwo = md.slice(md.indexOf('### （二）完善依法行政制度体系'), md.indexOf('### （三）'));
    expect(chapterOne).toContain(`${f.a.name}（牵头第1项“任务one”）办结报告称：“${summaries.one}。”（文号及佐证：测政〔2026〕8号；填报数据：调整权责事项126项）`);
    expect(chapterTwo).toContain(`${f.b.name}（牵头第3项“任务two”）办结报告称：“${summaries.two}。”`);
    // Never invented: the open task without a word from its department adds no quote.
    expect(md).not.toContain('任务three”）');
    expect(md).toContain('## 附件：任务完成情况表');
    expect(md).toContain(`| ${f.a.name} | 2 |`);
    expect(md).toMatch(/\| 50% \|\n/);
  });

  office.it(office.title('converts with LibreOffice to a PDF with page numbers, unbroken numbers in the tables and the quoted summaries'), async () => {
    const { f, summaries } = await reportedYear();
    const res = await t.http().get(`/api/plans/${f.planId}/report?format=docx`).set(bearer(leader)).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const text = await libreOfficeText(res.body as Buffer);
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(1);
    // Every page carries its number in the footer: "— 1 —", "— 2 —", …
    pages.forEach((page, i) => expect(page.replace(/\s+/g, '')).toContain(`—${i + 1}—`));
    // Numbers never wrap in table cells: each rate and date of the tables is whole on one line of the PDF.
    const lines = text.split('\n');
    for (const whole of ['50%', '66.7%', '100%', '2026-06-30', '2026-09-30', '2026-12-31']) expect(lines.some((l) => l.includes(whole))).toBe(true);
    expect(lines.filter((l) => /^\s*(%|\d{1,2})\s*$/.test(l))).toEqual([]); // no '%' or date tail left alone on a line
    const pdf = text.replace(/\s+/g, '');
    expect(pdf).toContain(`${f.a.name}（牵头第1项“任务one”）办结报告称：“${summaries.one.replace(/\s+/g, '')}。”`);
    expect(pdf).toContain(`办结报告称：“${summaries.two.replace(/\s+/g, '')}。”`);
  }, 200_000);
});
