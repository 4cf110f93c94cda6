import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { FixedClock } from '../../src/common/time/clock';
import { assignmentSheet, SheetRow } from '../factories/assignment-sheet.factory';
import type { SeededDepartment } from '../factories/directory.factory';
import { startWorld, World } from '../factories/world.factory';
import { bearer, TestApp } from '../helpers/test-app';

interface TaskBody {
  id: string;
  itemNumber: number;
  title: string;
  dueDate: string;
  originalDueDate: string;
  leadDepartment: { id: string; name: string };
  cooperatingDepartments: { id: string; name: string }[];
  percent: number;
  status: string;
  light: string;
  version: number;
  completedOn: string | null;
  completedOnTime: { original: boolean; current: boolean } | null;
}

describe('tasks, assignment and the progress ledger (e2e)', () => {
  const START = '2016-06-01T01:00:00Z'; // 09:00 in Shanghai
  const clock = new FixedClock(START);
  let w: World;
  let t: TestApp;
  let planId: string;
  let fzb: SeededDepartment; // 区政府法制办
  let cg: SeededDepartment; // 区城市管理局
  let ga: SeededDepartment; // 区公安分局
  let sj: SeededDepartment; // 区审计局
  let leader: string;
  let tasks: TaskBody[];

  const admin = () => bearer(t.adminToken);
  const taskCount = async () => (await t.http().get(`/api/tasks?planId=${planId}&pageSize=1`).set(admin())).body.total as number;
  const taskOf = (itemNumber: number) => tasks.find((x) => x.itemNumber === itemNumber)!;

  const dueForms: (string | Date)[] = [
    '2016-06-30', '2016/9/30', '2016年10月31日', '6月底', '年底', '第二季度', '二季度末', '上半年', new Date(Date.UTC(2016, 10, 15)),
  ];
  const expectedDue = ['2016-06-30', '2016-09-30', '2016-10-31', '2016-06-30', '2016-12-31', '2016-06-30', '2016-06-30', '2016-06-30', '2016-11-15'];
  const leads = ['法制办', '区城管局', '公安分局', '区审计局'];
  const coops = ['城管局、公安分局', '法制办，区审计局', '区审计局; 法制办', '', '公安分局 城管局'];

  /** The 任务分工表 of the seed plan: its 30 items (every deadline form, alias and separator) and a second task for item 7. */
  const importSeedSheet = async () => {
    const rows: SheetRow[] = Array.from({ length: 30 }, (_, i) => [
      i + 1, '', leads[i % leads.length], coops[i % coops.length], dueForms[i % dueForms.length], `成果${i + 1}`,
    ]);
    rows.push(['7.2', '出台法律顾问配套制度', '法制办', '区审计局', '2016年12月', '制度文件']);
    return t.http().post(`/api/plans/${planId}/assignments/import`).set(admin())
      .attach('file', await assignmentSheet(rows, { title: '惠济区2016年法治政府建设任务分工表' }), 'fengong.xlsx');
  };
  const assignSeedSheet = async () => {
    const res = await importSeedSheet();
    if (res.status !== 201) throw new Error(`assignment: ${res.status} ${JSON.stringify(res.body)}`);
    tasks = res.body;
  };

  beforeEach(async () => {
    clock.set(START);
    w = await startWorld({ clock });
    ({ t, planId, leader } = w);
    ({ fzb, cg, ga, sj } = w.departments);
  });
  afterEach(async () => w?.close());

  describe('assignment from a 任务分工表', () => {

    it('rejects a sheet with unknown departments and unreadable deadlines, naming every bad row and cell, storing nothing', async () => {
      const rows: SheetRow[] = [
        [1, '规范权力运行', '法制办', '', '2016-06-30', '清单'],
        [2, '审批改革', '区交通局', '城管局、区文物局', '年底', '方案'],
        [3, '执法体制', '城管局', '', '持续推进', '报告'],
        ['甲', '某任务', '城管局', '', '年底', ''],
        [99, '不存在的要点', '城管局', '', '年底', ''],
      ];
      const res = await t.http().post(`/api/plans/${planId}/assignments/import`).set(admin()).attach('file', await assignmentSheet(rows), 'fengong.xlsx');
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('第3行 牵头单位: 未知部门「区交通局」');
      expect(res.body.message).toContain('第3行 配合单位: 未知部门「区文物局」');
      expect(res.body.message).toContain('第4行 完成时限');
      expect(res.body.message).toContain('持续推进');
      expect(res.body.message).toContain('第5行 序号');
      expect(res.body.message).toContain('第6行 序号');
      expect(res.body.message).not.toContain('第2行');
      expect(await taskCount()).toBe(0);
    });

    it('assigns all 30 items of the seed plan (and a second task for item 7), resolving aliases and every deadline form', async () => {
      const res = await importSeedSheet();
      expect(res.status).toBe(201);
      tasks = res.body;
      expect(tasks).toHaveLength(31);
      expect(new Set(tasks.map((x) => x.itemNumber)).size).toBe(30);
      expect(tasks.filter((x) => x.itemNumber === 7)).toHaveLength(2);
      tasks.slice(0, 30).forEach((task, i) => {
        expect(task.dueDate).toBe(expectedDue[i % expectedDue.length]);
        expect(task.originalDueDate).toBe(task.dueDate);
      });
      expect(taskOf(1)).toMatchObject({ title: '规范行政权力运行', leadDepartment: { name: '区政府法制办' } });
      expect(taskOf(1).cooperatingDepartments.map((d) => d.name).sort()).toEqual(['区公安分局', '区城市管理局'].sort());
      expect(taskOf(3).cooperatingDepartments.map((d) => d.name).sort()).toEqual(['区审计局', '区政府法制办'].sort());
      expect(taskOf(5).cooperatingDepartments.map((d) => d.name).sort()).toEqual(['区公安分局', '区城市管理局'].sort());
      expect(tasks[30]).toMatchObject({ itemNumber: 7, title: '出台法律顾问配套制度', dueDate: '2016-12-31' });
      expect(await taskCount()).toBe(31);
    });

    it('rejects bad JSON rows listing every row and field, storing nothing', async () => {
      const res = await t.http().post(`/api/plans/${planId}/tasks`).set(admin()).send([
        { itemNumber: 1, leadDepartment: '法制办', dueDate: '2016-12-31' },
        { itemNumber: 2, leadDepartment: '不存在局', dueDate: '2016-02-30' },
        { itemNumber: 3, leadDepartment: '法制办', dueDate: '年底', extra: 1 },
        { leadDepartment: '法制办', dueDate: '年底' },
      ]);
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('row 2 leadDepartment');
      expect(res.body.message).toContain('row 2 dueDate');
      expect(res.body.message).toContain('row 3 extra');
      expect(res.body.message).toContain('row 4 itemNumber');
      expect(res.body.message).not.toContain('row 1');
      expect(await taskCount()).toBe(0);
    });

    it('rejects a file that is not a workbook, or has no header, with 400', async () => {
      const junk = await t.http().post(`/api/plans/${planId}/assignments/import`).set(admin()).attach('file', Buffer.from('not a sheet'), 'x.xlsx');
      expect(junk.status).toBe(400);
      expect(junk.body.message).toContain('file');
      const noHeader = await t.http().post(`/api/plans/${planId}/assignments/import`).set(admin())
        .attach('file', await assignmentSheet([[1, 'x', '法制办', '', '年底', '']], { header: ['a', 'b', 'c'] }), 'x.xlsx');
      expect(noHeader.status).toBe(400);
      expect(noHeader.body.message).toContain('表头');
      expect(await taskCount()).toBe(0);
    });

    it('offers a draft assignment from the import suggestions for the legal office to confirm', async () => {
      const res = await t.http().get(`/api/plans/${planId}/assignment-draft`).set(admin());
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(30);
      expect(res.body[0]).toMatchObject({ itemNumber: 1, title: '规范行政权力运行' });
      expect((await t.http().get(`/api/plans/${planId}/assignment-draft`).set(bearer(leader))).status).toBe(403);
    });
  });

  describe('who sees and writes what', () => {
    it('shows a department only the tasks it takes part in, leaders and admin everything', async () => {
      await assignSeedSheet();
      const mine = await t.http().get('/api/tasks?pageSize=100').set(bearer(sj.token));
      expect(mine.status).toBe(200);
      const expected = tasks.filter((x) => x.leadDepartment.id === sj.id || x.cooperatingDepartments.some((d) => d.id === sj.id));
      expect(mine.body.total).toBe(expected.length);
      expect(mine.body.items.map((x: TaskBody) => x.id).sort()).toEqual(expected.map((x) => x.id).sort());
      expect((await t.http().get('/api/tasks?pageSize=100').set(bearer(leader))).body.total).toBe(31);
      const paged = await t.http().get(`/api/tasks?planId=${planId}&page=2&pageSize=10`).set(admin());
      expect(paged.body).toMatchObject({ total: 31, page: 2, pageSize: 10 });
      expect(paged.body.items).toHaveLength(10);
      const byDept = await t.http().get(`/api/tasks?departmentId=${cg.id}&pageSize=100`).set(admin());
      expect(byDept.body.items.every((x: TaskBody) => x.leadDepartment.id === cg.id || x.cooperatingDepartments.some((d) => d.id === cg.id))).toBe(true);
      expect((await t.http().get('/api/tasks?pageSize=1000').set(admin())).status).toBe(400);
      expect((await t.http().get('/api/tasks?light=purple').set(admin())).status).toBe(400);
    });

    it('answers 404 with no data when a department guesses another department’s task id', async () => {
      await assignSeedSheet();
      const foreign = tasks.find((x) => x.leadDepartment.id !== sj.id && !x.cooperatingDepartments.some((d) => d.id === sj.id))!;
      const res = await t.http().get(`/api/tasks/${foreign.id}`).set(bearer(sj.token));
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(foreign.title);
      expect((await t.http().get(`/api/tasks/${foreign.id}/progress`).set(bearer(sj.token))).status).toBe(404);
      expect((await t.http().get(`/api/tasks/${foreign.id}/audit`).set(bearer(sj.token))).status).toBe(404);
    });

    it('refuses every write route to a leader and to a user of the wrong department', async () => {
      await assignSeedSheet();
      const task = taskOf(1); // lead 法制办, cooperating 城管局 and 公安分局; 审计局 takes no part
      const ext = await t.http().post(`/api/tasks/${task.id}/extension-requests`).set(bearer(fzb.token)).send({ requestedDueDate: '2016-08-31', reason: '需要更多时间' });
      expect(ext.status).toBe(201);
      const notice = await t.http().post(`/api/tasks/${task.id}/supervision-notices`).set(admin()).send({ message: '请加快进度', respondBy: '2016-06-10' });
      expect(notice.status).toBe(201);
      const writes: [string, string, object][] = [
        ['post', `/api/plans/${planId}/tasks`, [{ itemNumber: 1, leadDepartment: '法制办', dueDate: '年底' }]],
        ['patch', `/api/tasks/${task.id}`, { version: task.version, deliverable: 'x' }],
        ['post', `/api/tasks/${task.id}/progress`, { percent: 10, narrative: '进展' }],
        ['post', `/api/tasks/${task.id}/extension-requests`, { requestedDueDate: '2016-09-30', reason: '原因' }],
        ['post', `/api/extension-requests/${ext.body.id}/approve`, {}],
        ['post', `/api/extension-requests/${ext.body.id}/return`, { reason: '不同意' }],
        ['post', `/api/tasks/${task.id}/completion-request`, { summary: '已完成' }],
        ['post', `/api/tasks/${task.id}/completion/approve`, {}],
        ['post', `/api/tasks/${task.id}/completion/return`, { reason: '材料不全' }],
        ['post', `/api/tasks/${task.id}/supervision-notices`, { message: '督办', respondBy: '2016-06-10' }],
        ['post', `/api/supervision-notices/${notice.body.id}/response`, { response: '已整改' }],
      ];
      const allowed: string[] = [];
      for (const [method, url, body] of writes) {
        for (const [who, token] of [['leader', leader], ['wrong department', sj.token]] as const) {
          const req = method === 'patch' ? t.http().patch(url) : t.http().post(url);
          const res = await req.set(bearer(token)).send(body);
          if (res.status !== 403 && res.status !== 404) allowed.push(`${who} ${method} ${url} → ${res.status}`);
        }
      }
      expect(allowed).toEqual([]);
      // Nothing changed: the extension is still pending, the task untouched, no progress.
      const after = await t.http().get(`/api/tasks/${task.id}`).set(admin());
      expect(after.body).toMatchObject({ percent: 0, dueDate: task.dueDate, status: 'in_progress', pendingExtension: true });
    });
  });

  describe('progress, extension, completion and 督办', () => {
    it('lets co-operating departments report their part and the lead consolidate: the lead’s report is official', async () => {
      await assignSeedSheet();
      const task = taskOf(1);
      const coop = await t.http().post(`/api/tasks/${task.id}/progress`).set(bearer(cg.token))
        .send({ percent: 40, narrative: '城管局完成执法流程梳理', figures: [{ indicator: '梳理执法事项', value: 36, unit: '项' }] });
      expect(coop.status).toBe(201);
      expect(coop.body).toMatchObject({ isOfficial: false, reportedOn: '2016-06-01' });
      expect((await t.http().get(`/api/tasks/${task.id}`).set(admin())).body.percent).toBe(0);
      const lead = await t.http().post(`/api/tasks/${task.id}/progress`).set(bearer(fzb.token)).send({
        percent: 35, narrative: '汇总各单位进展，审核规范性文件', figures: [{ indicator: '审核规范性文件', value: 14, unit: '件' }], evidence: ['惠法〔2016〕3号'],
      });
      expect(lead.status).toBe(201);
      expect(lead.body.isOfficial).toBe(true);
      const now = (await t.http().get(`/api/tasks/${task.id}`).set(admin())).body;
      expect(now).toMatchObject({ percent: 35, latestNarrative: '汇总各单位进展，审核规范性文件', lastReportedOn: '2016-06-01' });
      const leadView = await t.http().get(`/api/tasks/${task.id}/progress`).set(bearer(fzb.token));
      expect(leadView.body.map((r: { narrative: string }) => r.narrative)).toEqual(expect.arrayContaining(['城管局完成执法流程梳理']));
      const ga1 = await t.http().post(`/api/tasks/${task.id}/progress`).set(bearer(ga.token)).send({ percent: 10, narrative: '公安分局的部分' });
      expect(ga1.status).toBe(201);
      const cgView = await t.http().get(`/api/tasks/${task.id}/progress`).set(bearer(cg.token));
      const seen = cgView.body.map((r: { narrative: string }) => r.narrative);
      expect(seen).toContain('城管局完成执法流程梳理');
      expect(seen).toContain('汇总各单位进展，审核规范性文件');
      expect(seen).not.toContain('公安分局的部分');
    });

    it('rejects a bad report with 400 naming the field, storing nothing', async () => {
      await assignSeedSheet();
      const task = taskOf(2);
      for (const [body, field] of [
        [{ percent: 120, narrative: 'x' }, 'percent'],
        [{ percent: 10, narrative: '' }, 'narrative'],
        [{ percent: 10, narrative: 'x', figures: [{ indicator: '件数', value: 'many', unit: '件' }] }, 'figures'],
        [{ percent: 10, narrative: 'x', edited: true }, 'edited'],
      ] as const) {
        const res = await t.http().post(`/api/tasks/${task.id}/progress`).set(bearer(cg.token)).send(body);
        expect(res.status).toBe(400);
        expect(res.body.message).toContain(field);
      }
      expect((await t.http().get(`/api/tasks/${task.id}/progress`).set(admin())).body).toEqual([]);
    });

    it('lands all of twenty concurrent progress posts on one task', async () => {
      await assignSeedSheet();
      const task = taskOf(4); // lead 区审计局
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          t.http().post(`/api/tasks/${task.id}/progress`).set(bearer(sj.token)).send({ percent: i + 1, narrative: `第${i + 1}次填报`, reason: '同时填报，先后不定' })),
      );
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
      const reports = await t.http().get(`/api/tasks/${task.id}/progress`).set(admin());
      expect(reports.body).toHaveLength(20);
      expect(new Set(reports.body.map((r: { narrative: string }) => r.narrative)).size).toBe(20);
    });

    it('refuses a stale edit with 409 and applies a current one', async () => {
      await assignSeedSheet();
      const task = (await t.http().get(`/api/tasks/${taskOf(6).id}`).set(admin())).body as TaskBody;
      const first = await t.http().patch(`/api/tasks/${task.id}`).set(admin()).send({ version: task.version, deliverable: '规范性文件清理目录' });
      expect(first.status).toBe(200);
      expect(first.body.version).toBe(task.version + 1);
      const stale = await t.http().patch(`/api/tasks/${task.id}`).set(admin()).send({ version: task.version, deliverable: '另一个成果' });
      expect(stale.status).toBe(409);
      expect(stale.body.message).toContain('version');
      const now = await t.http().get(`/api/tasks/${task.id}`).set(admin());
      expect(now.body.deliverable).toBe('规范性文件清理目录');
      const bad = await t.http().patch(`/api/tasks/${task.id}`).set(admin()).send({ version: now.body.version, leadDepartment: '不存在局' });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain('leadDepartment');
    });

    it('moves the due date on an approved extension and keeps the original for statistics', async () => {
      await assignSeedSheet();
      const task = taskOf(2); // lead 区城管局, due 2016-09-30
      const coop = await t.http().post(`/api/tasks/${task.id}/extension-requests`).set(bearer(fzb.token)).send({ requestedDueDate: '2016-12-31', reason: 'x' });
      expect(coop.status).toBe(403);
      const early = await t.http().post(`/api/tasks/${task.id}/extension-requests`).set(bearer(cg.token)).send({ requestedDueDate: '2016-09-01', reason: '需要协调' });
      expect(early.status).toBe(400);
      expect(early.body.message).toContain('requestedDueDate');
      const req = await t.http().post(`/api/tasks/${task.id}/extension-requests`).set(bearer(cg.token)).send({ requestedDueDate: '2016-11-30', reason: '需要市级部门配合' });
      expect(req.status).toBe(201);
      expect((await t.http().get(`/api/tasks/${task.id}`).set(admin())).body).toMatchObject({ pendingExtension: true, light: 'yellow' });
      const dup = await t.http().post(`/api/tasks/${task.id}/extension-requests`).set(bearer(cg.token)).send({ requestedDueDate: '2016-12-31', reason: '再次' });
      expect(dup.status).toBe(409);
      const approve = await t.http().post(`/api/extension-requests/${req.body.id}/approve`).set(admin());
      expect(approve.status).toBe(200);
      expect(approve.body.status).toBe('approved');
      const after = (await t.http().get(`/api/tasks/${task.id}`).set(admin())).body;
      expect(after).toMatchObject({ dueDate: '2016-11-30', originalDueDate: '2016-09-30', pendingExtension: false });
      expect((await t.http().post(`/api/extension-requests/${req.body.id}/approve`).set(admin())).status).toBe(409);

      const second = await t.http().post(`/api/tasks/${task.id}/extension-requests`).set(bearer(cg.token)).send({ requestedDueDate: '2016-12-31', reason: '再延一个月' });
      const returned = await t.http().post(`/api/extension-requests/${second.body.id}/return`).set(admin()).send({ reason: '理由不充分' });
      expect(returned.body).toMatchObject({ status: 'returned', reviewReason: '理由不充分' });
      expect((await t.http().get(`/api/tasks/${task.id}`).set(admin())).body.dueDate).toBe('2016-11-30');
      const noReason = await t.http().post(`/api/extension-requests/${second.body.id}/return`).set(admin()).send({});
      expect(noReason.status).toBe(400);
      expect(noReason.body.message).toContain('reason');
    });

    it('completes a task on approval, recording completedOn and on-time against original and current due dates', async () => {
      await assignSeedSheet();
      const task = taskOf(2); // lead 区城管局, due 2016-09-30, extended here to 2016-11-30
      const ext = await t.http().post(`/api/tasks/${task.id}/extension-requests`).set(bearer(cg.token)).send({ requestedDueDate: '2016-11-30', reason: '需要市级部门配合' });
      expect((await t.http().post(`/api/extension-requests/${ext.body.id}/approve`).set(admin())).status).toBe(200);
      const req = await t.http().post(`/api/tasks/${task.id}/completion-request`).set(bearer(cg.token)).send({ summary: '审批事项清理完毕' });
      expect(req.status).toBe(201);
      expect((await t.http().get(`/api/tasks/${task.id}`).set(admin())).body.status).toBe('completion_requested');
      const ret = await t.http().post(`/api/tasks/${task.id}/completion/return`).set(admin()).send({ reason: '缺少佐证材料' });
      expect(ret.body).toMatchObject({ status: 'returned', reviewReason: '缺少佐证材料' });
      expect((await t.http().get(`/api/tasks/${task.id}`).set(admin())).body.status).toBe('in_progress');

      clock.set('2016-10-10T02:00:00Z'); // after the original 09-30, before the extended 11-30
      await t.http().post(`/api/tasks/${task.id}/completion-request`).set(bearer(cg.token)).send({ summary: '补充材料后办结' });
      const ok = await t.http().post(`/api/tasks/${task.id}/completion/approve`).set(admin());
      expect(ok.status).toBe(200);
      const done = (await t.http().get(`/api/tasks/${task.id}`).set(admin())).body as TaskBody;
      expect(done).toMatchObject({ status: 'completed', completedOn: '2016-10-10', percent: 100, light: 'green', completedOnTime: { original: false, current: true } });
      const late = await t.http().post(`/api/tasks/${task.id}/progress`).set(bearer(cg.token)).send({ percent: 100, narrative: 'x' });
      expect(late.status).toBe(409);
    });

    it('issues numbered 督办 notices with a level, takes one response, and reports the response rate', async () => {
      await assignSeedSheet();
      const task = taskOf(3); // lead 公安分局, due 2016-10-31
      const n1 = await t.http().post(`/api/tasks/${task.id}/supervision-notices`).set(admin()).send({ message: '请报送执法改革进展', respondBy: '2016-06-08' });
      expect(n1.status).toBe(201);
      expect(n1.body.number).toMatch(/^督办〔2016〕\d+号$/);
      // Without a level, the notice takes the colour of the task's light (green → blue).
      const { light } = (await t.http().get(`/api/tasks/${task.id}`).set(admin())).body as TaskBody;
      expect(n1.body.level).toBe({ green: 'blue', yellow: 'yellow', red: 'red' }[light]);
      const n2 = await t.http().post(`/api/tasks/${task.id}/supervision-notices`).set(admin()).send({ message: '逾期未报', respondBy: '2016-06-15', level: 'red' });
      expect(Number(/〕(\d+)号/.exec(n2.body.number)![1])).toBe(Number(/〕(\d+)号/.exec(n1.body.number)![1]) + 1);
      const past = await t.http().post(`/api/tasks/${task.id}/supervision-notices`).set(admin()).send({ message: 'x', respondBy: '2016-05-01' });
      expect(past.status).toBe(400);
      expect(past.body.message).toContain('respondBy');
      const answer = await t.http().post(`/api/supervision-notices/${n1.body.id}/response`).set(bearer(ga.token)).send({ response: '已报送，正在推进' });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ response: '已报送，正在推进', respondedOn: '2016-06-01' });
      expect((await t.http().post(`/api/supervision-notices/${n1.body.id}/response`).set(bearer(ga.token)).send({ response: '改一下' })).status).toBe(409);
      const stats = await t.http().get(`/api/plans/${planId}/supervision-notices`).set(bearer(leader));
      expect(stats.body.stats.issued).toBeGreaterThanOrEqual(2);
      expect(stats.body.stats.responseRate).toBeCloseTo(stats.body.stats.responded / stats.body.stats.issued);
      const gaView = await t.http().get(`/api/plans/${planId}/supervision-notices`).set(bearer(ga.token));
      expect(gaView.body.notices.every((n: { departmentId: string }) => n.departmentId === ga.id)).toBe(true);

      // 待办 asks for the notices still awaiting their answer, a page at a time; the stats stay the plan's.
      type NoticeRow = { id: string; respondedOn: string | null };
      const all = stats.body as { notices: NoticeRow[]; total: number; stats: unknown; page?: number };
      expect(all.total).toBe(all.notices.length);
      expect(all.page).toBeUndefined(); // unpaged: every notice, as before
      const openIds = all.notices.filter((n) => !n.respondedOn).map((n) => n.id);
      const open = await t.http().get(`/api/plans/${planId}/supervision-notices`).query({ open: true }).set(admin());
      expect(open.status).toBe(200);
      expect(open.body.notices.map((n: NoticeRow) => n.id)).toEqual(openIds);
      expect(open.body.notices.map((n: NoticeRow) => n.id)).toContain(n2.body.id);
      expect(open.body.notices.map((n: NoticeRow) => n.id)).not.toContain(n1.body.id);
      expect(open.body).toMatchObject({ total: openIds.length, stats: all.stats });
      const answered = await t.http().get(`/api/plans/${planId}/supervision-notices`).query({ open: false }).set(admin());
      expect(answered.body.notices.map((n: NoticeRow) => n.id)).toEqual([n1.body.id]);
      const page2 = await t.http().get(`/api/plans/${planId}/supervision-notices`).query({ open: true, page: 2, pageSize: 1 }).set(admin());
      expect(page2.body).toMatchObject({ total: openIds.length, page: 2, pageSize: 1, stats: all.stats });
      expect(page2.body.notices.map((n: NoticeRow) => n.id)).toEqual(openIds.slice(1, 2));
      // A department user's filter stays within its own department.
      const gaOpen = await t.http().get(`/api/plans/${planId}/supervision-notices`).query({ open: true }).set(bearer(ga.token));
      expect(gaOpen.body.notices.map((n: NoticeRow) => n.id)).toEqual(openIds.filter((id) => gaView.body.notices.some((n: NoticeRow) => n.id === id)));
      for (const [query, field] of [[{ open: 'yes' }, 'open'], [{ pageSize: 0 }, 'pageSize'], [{ page: 'x' }, 'page']] as const) {
        const bad = await t.http().get(`/api/plans/${planId}/supervision-notices`).query(query).set(admin());
        expect(bad.status).toBe(400);
        expect(bad.body.message).toMatch(new RegExp(`^${field}: .*[\u4e00-\u9fff]`));
      }
    });

    it('keeps an audit trail of every step: who, when, what, before and after', async () => {
      await assignSeedSheet();
      const task = taskOf(2); // lead 区城管局, due 2016-09-30
      const lead = bearer(cg.token);
      const ext = await t.http().post(`/api/tasks/${task.id}/extension-requests`).set(lead).send({ requestedDueDate: '2016-11-30', reason: '需要市级部门配合' });
      await t.http().post(`/api/extension-requests/${ext.body.id}/approve`).set(admin());
      const second = await t.http().post(`/api/tasks/${task.id}/extension-requests`).set(lead).send({ requestedDueDate: '2016-12-31', reason: '再延一个月' });
      await t.http().post(`/api/extension-requests/${second.body.id}/return`).set(admin()).send({ reason: '理由不充分' });
      await t.http().post(`/api/tasks/${task.id}/completion-request`).set(lead).send({ summary: '审批事项清理完毕' });
      await t.http().post(`/api/tasks/${task.id}/completion/return`).set(admin()).send({ reason: '缺少佐证材料' });
      await t.http().post(`/api/tasks/${task.id}/completion-request`).set(lead).send({ summary: '补充材料后办结' });
      expect((await t.http().post(`/api/tasks/${task.id}/completion/approve`).set(admin())).status).toBe(200);
      const trail = await t.http().get(`/api/tasks/${task.id}/audit`).set(bearer(leader));
      expect(trail.status).toBe(200);
      const actions = trail.body.map((a: { action: string }) => a.action);
      expect(actions).toEqual(expect.arrayContaining([
        'task.create', 'extension.request', 'extension.approve', 'extension.return', 'completion.request', 'completion.return', 'completion.approve',
      ]));
      const approve = trail.body.find((a: { action: string }) => a.action === 'extension.approve');
      expect(approve).toMatchObject({ actorId: expect.any(String), before: { dueDate: '2016-09-30' }, after: { dueDate: '2016-11-30' }, createdAt: expect.any(String) });
    });
  });

  describe('lights and the ledger', () => {
    it('turns an unfinished task red once overdue, and filters by light', async () => {
      await assignSeedSheet();
      clock.set('2016-07-05T02:00:00Z');
      const red = await t.http().get(`/api/tasks?planId=${planId}&light=red&pageSize=100`).set(admin());
      expect(red.status).toBe(200);
      const due0630 = tasks.filter((x) => x.dueDate === '2016-06-30');
      expect(red.body.items.map((x: TaskBody) => x.id).sort()).toEqual(due0630.map((x) => x.id).sort());
      expect(red.body.items.every((x: TaskBody) => x.light === 'red')).toBe(true);
      const all = await t.http().get(`/api/tasks?planId=${planId}&pageSize=100`).set(admin());
      const counts = { green: 0, yellow: 0, red: 0 } as Record<string, number>;
      for (const x of all.body.items) counts[x.light]++;
      for (const light of ['green', 'yellow']) {
        expect((await t.http().get(`/api/tasks?planId=${planId}&light=${light}&pageSize=100`).set(admin())).body.total).toBe(counts[light]);
      }
    });

    it('exports the 推进台账 as an .xlsx that reads back with the expected cells', async () => {
      await assignSeedSheet();
      const report = await t.http().post(`/api/tasks/${taskOf(1).id}/progress`).set(bearer(fzb.token)).send({ percent: 35, narrative: '汇总各单位进展，审核规范性文件', figures: [{ indicator: '审核规范性文件', value: 14, unit: '件' }] });
      expect(report.status).toBe(201);
      const res = await t.http().get(`/api/plans/${planId}/ledger.xlsx`).set(bearer(leader)).buffer(true)
        .parse((r, cb) => { const chunks: Buffer[] = []; r.on('data', (c: Buffer) => chunks.push(c)); r.on('end', () => cb(null, Buffer.concat(chunks))); });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body);
      const ws = wb.getWorksheet('推进台账')!;
      expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([
        '序号', '工作要点', '任务', '牵头单位', '配合单位', '成果形式', '原定完成时限', '现行完成时限', '延期记录',
        '本期进展', '本期数据', '完成比例', '状态', '是否按期', '督办', '灯',
      ]);
      expect(ws.rowCount).toBe(2 + 31);
      const first = ws.getRow(3);
      expect(first.getCell(1).value).toBe(1);
      expect(first.getCell(2).value).toBe('1. 规范行政权力运行');
      expect(first.getCell(4).value).toBe('区政府法制办');
      expect(first.getCell(10).value).toBe('2016-06-01：汇总各单位进展，审核规范性文件');
      expect(first.getCell(11).value).toBe('审核规范性文件14件');
      expect(first.getCell(12).value).toBeCloseTo(0.35);
      expect(['绿', '黄', '红']).toContain(first.getCell(16).value);
      const deptRes = await t.http().get(`/api/plans/${planId}/ledger.xlsx`).set(bearer(sj.token)).buffer(true)
        .parse((r, cb) => { const chunks: Buffer[] = []; r.on('data', (c: Buffer) => chunks.push(c)); r.on('end', () => cb(null, Buffer.concat(chunks))); });
      const own = new ExcelJS.Workbook();
      await own.xlsx.load(deptRes.body);
      const mine = tasks.filter((x) => x.leadDepartment.id === sj.id || x.cooperatingDepartments.some((d) => d.id === sj.id)).length;
      expect(own.getWorksheet('推进台账')!.rowCount).toBe(2 + mine);
    });
  });
});
