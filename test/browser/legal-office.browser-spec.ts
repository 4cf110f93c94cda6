// The legal office's journey through its own pages in real Chromium: import the seed plan through
// the wizard, assign it through the 任务分解 grid and through a 任务分工表 .xlsx, approve a
// department's completion request, and meet a stale edit; axe-core on every page; screenshots of
// the 待办 home at desktop and phone sizes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { assignmentSheet } from '../factories/assignment-sheet.factory';
import { SEED_PLAN_PATH } from '../helpers/shared-docs';
import { DESKTOP, hasHorizontalScroll, launchBrowser, loginThroughPage, PHONE, screenshot, seriousA11yViolations } from './browser';
import { ADMIN, type Service, startService } from './service';

/** The seed plan is the 2016 工作要点: the service clock starts at 09:00 on 15 June 2016, Beijing time. */
const CLOCK_START = '2016-06-15T01:00:00.000Z';
/** A journey runs many pages; on a loaded CI machine one can take minutes. */
const JOURNEY_TIMEOUT = 240_000;

describe('法制办', () => {
  let svc: Service;
  let browser: Browser;
  let page: Page;
  let planId: string;
  let cgToken: string;
  let fzbToken: string;
  const files = mkdtempSync(join(tmpdir(), 'duban-sheets-'));
  const admin = () => svc.adminToken;
  const tasksOfPlan = async () => (await svc.api('GET', `/tasks?planId=${planId}&pageSize=100`, admin())).items as { id: string; itemNumber: number; title: string; status: string; version: number; deliverable: string | null; dueDate: string; leadDepartment: { name: string } }[];
  /** Waits until no opening or closing animation runs (dialogs, popups), so clicks land where they aim. */
  const settle = () => page.waitForFunction(() => (globalThis as any).document.getAnimations()
    .every((a: any) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity));
  const a11y = async (what: string) => {
    // Checked at rest: no request in flight, no loading overlay.
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(() => {
      const doc = (globalThis as any).document;
      // No loading overlay and no opening or closing animation (popups, dialogs) still running.
      return !doc.querySelector('.ant-spin-spinning, .ant-skeleton')
        && doc.getAnimations().every((a: any) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity);
    });
    const violations = await seriousA11yViolations(page);
    expect({ page: what, violations }).toEqual({ page: what, violations: [] });
  };

  beforeAll(async () => {
    // Robot URLs are checked by resolving their host; the test machine may have no DNS.
    svc = await startService({ CLOCK_START, WEBHOOK_ALLOW_LOCAL_FOR_TESTS: 'true' });
    browser = await launchBrowser();
    const fzb = await svc.api('POST', '/departments', admin(), { name: '区政府法制办', aliases: ['法制办'], kind: 'office' });
    const cg = await svc.api('POST', '/departments', admin(), { name: '区城市管理局', shortName: '城管局', aliases: ['区城管局'], kind: 'bureau' });
    await svc.api('POST', '/departments', admin(), { name: '区公安分局', aliases: ['公安分局'], kind: 'bureau' });
    await svc.api('POST', '/users', admin(), { username: 'chengguan', password: 'chengguan-pass', role: 'department', departmentId: cg.id });
    await svc.api('POST', '/users', admin(), { username: 'fazhiban', password: 'fazhiban-pass', role: 'department', departmentId: fzb.id });
    cgToken = await svc.login('chengguan', 'chengguan-pass');
    fzbToken = await svc.login('fazhiban', 'fazhiban-pass');
    // A browser far from Beijing: the pages still show times in Asia/Shanghai.
    page = await browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'America/New_York' });
    await loginThroughPage(page, svc.url, ADMIN.username, ADMIN.password);
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  it('法制办导入要点并通过分解表和Excel下发任务', async () => {
    // 1. Import wizard: the seed plan as a file → preview beside the numbered source lines → confirm.
    await page.getByRole('link', { name: '导入要点' }).click();
    await page.waitForURL(/\/admin\/import/);
    await a11y('import');
    await page.locator('input[type=file]').setInputFiles(SEED_PLAN_PATH);
    await page.getByRole('button', { name: '解析预览' }).click();
    await expect(page.getByTestId('import-counts').textContent()).resolves.toContain('9 章 · 30 条');
    await expect(page.getByTestId('preview-item').count()).resolves.toBe(30);
    await expect(page.getByRole('region', { name: '原文' }).textContent()).resolves.toContain('依法全面履行政府职能');
    await a11y('import preview');
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText(/^已导入「/).waitFor();
    const plans = await svc.api('GET', '/plans', admin());
    expect(plans).toHaveLength(1);
    planId = plans[0].id;

    // The same document again: the preview already says it was imported (naming the plan) and offers no import.
    await page.getByRole('button', { name: '再导入一份' }).click();
    await page.locator('input[type=file]').setInputFiles(SEED_PLAN_PATH);
    await page.getByRole('button', { name: '解析预览' }).click();
    await page.getByTestId('import-refusals').getByText('该文档已经导入过').waitFor();
    await expect(page.getByTestId('import-refusals').textContent()).resolves.toContain(planId);
    await expect(page.getByRole('button', { name: '确认导入' }).isDisabled()).resolves.toBe(true);
    // Posted anyway, the import answers 409 naming the stored plan; nothing more is stored.
    const again = await svc.raw('POST', '/plans/import', admin(), { text: readFileSync(SEED_PLAN_PATH, 'utf8') });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(planId);
    expect(await svc.api('GET', '/plans', admin())).toHaveLength(1);

    // 2. The 任务分解 grid: three items, one with a deadline the API cannot read → shown on its cell.
    await page.goto(`${svc.url}/admin/assign?plan=${planId}`);
    await page.getByLabel('第 1 条的牵头单位').waitFor();
    await a11y('assign grid');
    await page.getByLabel('全选').uncheck();
    for (const [n, lead, due] of [[1, '法制办', '6月底'], [2, '城管局', '持续推进'], [3, '区城管局', '2016/9/30']] as const) {
      await page.getByLabel(`下发第 ${n} 条`).check();
      await page.getByLabel(`第 ${n} 条的牵头单位`).click();
      await page.getByLabel(`第 ${n} 条的牵头单位`).fill(lead);
      await page.keyboard.press('Enter');
      await page.getByLabel(`第 ${n} 条的完成时限`).fill(due);
      await page.getByLabel(`第 ${n} 条的成果形式`).fill(`成果${n}`);
    }
    await page.getByLabel('第 1 条的配合单位').click();
    await page.getByLabel('第 1 条的配合单位').fill('公安');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '下发 3 个任务' }).click();
    await page.getByTestId('grid-summary').waitFor();
    const badRow = page.locator('tr.row-has-error');
    await expect(badRow.count()).resolves.toBe(1);
    await expect(badRow.locator('.cell-error').textContent()).resolves.toContain('持续推进');
    await expect(badRow.getByLabel('第 2 条的完成时限').inputValue()).resolves.toBe('持续推进');
    expect(await tasksOfPlan()).toHaveLength(0);
    await page.getByLabel('第 2 条的完成时限').fill('年底');
    await page.getByRole('button', { name: '下发 3 个任务' }).click();
    await page.getByText('已下发 3 个任务').first().waitFor();
    let tasks = await tasksOfPlan();
    expect(tasks.map((t) => [t.itemNumber, t.leadDepartment.name, t.dueDate, t.deliverable])).toEqual([
      [1, '区政府法制办', '2016-06-30', '成果1'], [2, '区城市管理局', '2016-12-31', '成果2'], [3, '区城市管理局', '2016-09-30', '成果3'],
    ]);

    // 3. A 任务分工表 .xlsx: a bad sheet lists its rows in place and stores nothing; the corrected one assigns.
    await page.getByRole('tab', { name: '上传分工表' }).click();
    const bad = join(files, 'bad.xlsx');
    writeFileSync(bad, await assignmentSheet([
      [4, '', '城管局', '', '年底', '方案'],
      [5, '', '区交通局', '公安分局', '持续推进', '报告'],
    ]));
    await page.locator('input[type=file]').setInputFiles(bad);
    await page.getByTestId('sheet-errors').waitFor();
    await a11y('assign sheet errors');
    const errorTable = page.locator('.ant-table').filter({ hasText: '第 3 行' });
    await expect(errorTable.textContent()).resolves.toContain('未知部门「区交通局」');
    await expect(errorTable.textContent()).resolves.toContain('持续推进');
    expect(await tasksOfPlan()).toHaveLength(3);
    const good = join(files, 'good.xlsx');
    writeFileSync(good, await assignmentSheet([
      [4, '', '城管局', '', '年底', '方案'],
      [5, '', '公安分局', '法制办', '2016年10月31日', '报告'],
    ]));
    await page.locator('input[type=file]').setInputFiles(good);
    await page.getByText('已按分工表下发 2 个任务').waitFor();
    tasks = await tasksOfPlan();
    expect(tasks.map((t) => t.itemNumber)).toEqual([1, 2, 3, 4, 5]);

    // 4. The ledger pages and filters on the server.
    await page.getByRole('link', { name: '任务台账', exact: true }).click();
    await page.getByText('共 5 个任务').waitFor();
    await a11y('ledger');
    await page.getByLabel('关键词').fill('成果3');
    await page.getByRole('button', { name: '查询任务' }).click();
    await page.getByText('共 1 个任务').waitFor();
    await page.getByRole('button', { name: '清空筛选' }).click();
    await page.getByText('共 5 个任务').waitFor();
  }, JOURNEY_TIMEOUT);

  it('法制办在待办中审核通过部门的办结申请', async () => {
    const task = (await tasksOfPlan()).find((t) => t.itemNumber === 2)!;
    await svc.api('POST', `/tasks/${task.id}/progress`, cgToken, { percent: 100, narrative: '已全部完成', figures: [{ indicator: '清理文件', value: 12, unit: '件' }] });
    await svc.api('POST', `/tasks/${task.id}/completion-request`, cgToken, { summary: '已按要求办结' });
    // More for the 待办 home to show: an extension request, an overdue task and an unanswered 督办.
    const item1 = (await tasksOfPlan()).find((t) => t.itemNumber === 1)!;
    await svc.api('POST', `/tasks/${item1.id}/extension-requests`, fzbToken, { requestedDueDate: '2016-08-31', reason: '需会同公安分局联合调研' });
    const item4 = (await tasksOfPlan()).find((t) => t.itemNumber === 4)!;
    await svc.api('PATCH', `/tasks/${item4.id}`, admin(), { version: item4.version, dueDate: '2016-06-10' });
    await svc.api('POST', `/tasks/${item4.id}/supervision-notices`, admin(), { message: '请说明逾期原因并报送整改计划', respondBy: '2016-06-20' });
    // 待办 reads each review list in one call for the plan, never one call per task.
    // The unanswered 督办 and this plan's failed deliveries are filtered on the server, not in the browser.
    const perTaskCalls: string[] = [];
    const listCalls: URL[] = [];
    const countPerTask = (r: { url(): string; method(): string }) => {
      if (r.method() === 'GET' && /\/api\/tasks\/[^/?]+\/(extension|completion)-requests/.test(r.url())) perTaskCalls.push(r.url());
      if (r.method() === 'GET' && /\/api\/(plans\/[^/?]+\/supervision-notices|deliveries)\b/.test(r.url())) listCalls.push(new URL(r.url()));
    };
    page.on('request', countPerTask);
    await page.goto(`${svc.url}/admin?plan=${planId}`);
    await page.getByText('需会同公安分局联合调研').waitFor();
    await page.getByText('请说明逾期原因并报送整改计划').waitFor();
    // 未报送 of the current reporting period, as the dashboard reports it: 公安分局 has reported nothing.
    const notReported = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '2016Q2 未报送进展的单位' }) });
    await notReported.getByText('区公安分局').waitFor();
    await page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '逾期任务' }) }).getByRole('link', { name: '4. 加强征求意见反馈' }).waitFor();
    const card = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '待审核的办结申请' }) });
    await card.getByText('已按要求办结').waitFor();
    // Requested at 09:0x on 15 June in Beijing (21:0x on the 14th in New York, where the browser is).
    await expect(card.textContent()).resolves.toMatch(/2016-06-15 09:0\d/);
    // The row names the task and the department that asked, from the same call.
    await card.getByRole('link', { name: '2. ' }).first().waitFor();
    await expect(card.textContent()).resolves.toContain('区城市管理局');
    page.off('request', countPerTask);
    expect(perTaskCalls).toEqual([]);
    const noticeCall = listCalls.find((u) => u.pathname.endsWith('/supervision-notices'));
    expect(noticeCall?.searchParams.get('open')).toBe('true');
    expect(noticeCall?.searchParams.get('pageSize')).toBeTruthy();
    expect(listCalls.find((u) => u.pathname === '/api/deliveries')?.searchParams.get('planId')).toBe(planId);
    await a11y('home');
    await screenshot(page, 'legal-office-home-desktop');
    await card.getByRole('button', { name: /同意办结/ }).click();
    await settle();
    await page.getByRole('button', { name: '确认同意' }).click();
    await page.getByText('办结申请已同意').waitFor();
    await card.getByText('没有待处理事项').waitFor();
    expect((await svc.api('GET', `/tasks/${task.id}`, admin())).status).toBe('completed');

    // The extension request goes back with a reason; the reason is required.
    const extensions = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '待审核的延期申请' }) });
    await extensions.getByRole('button', { name: /退回申请/ }).click();
    const dialog = page.getByRole('dialog');
    await settle();
    await dialog.getByRole('button', { name: '退回申请' }).click();
    await dialog.getByText('请填写退回理由').waitFor();
    await dialog.getByLabel('退回理由').fill('调研可与执法检查同步开展，请按原时限完成');
    await dialog.getByRole('button', { name: '退回申请' }).click();
    await page.getByText('延期申请已退回').waitFor();
    await extensions.getByText('没有待处理事项').waitFor();
    const returned = await svc.api('GET', `/tasks/${item1.id}/extension-requests`, admin());
    expect(returned[0]).toMatchObject({ status: 'returned', reviewReason: '调研可与执法检查同步开展，请按原时限完成' });
    expect((await svc.api('GET', `/tasks/${item1.id}`, admin())).dueDate).toBe('2016-06-30');

    await page.setViewportSize(PHONE);
    await page.reload();
    await page.getByRole('heading', { name: '待审核的办结申请' }).waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, 'legal-office-home-phone');
    // The office's seven pages do not fit a phone's header: they fold behind 菜单, and every one is
    // reachable and wholly on screen once it is opened.
    const nav = page.getByRole('navigation', { name: '法制办' });
    await expect(nav.isVisible()).resolves.toBe(false);
    await page.getByRole('button', { name: /菜单/ }).click();
    const links = nav.getByRole('link');
    expect(await links.allTextContents()).toEqual(['待办', '导入要点', '任务分解', '任务台账', '季度与报告', '部门与用户', '日历与提醒']);
    for (const box of await Promise.all((await links.all()).map((l) => l.boundingBox()))) {
      expect(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= PHONE.width && box.y + box.height <= PHONE.height).toBe(true);
    }
    await a11y('phone menu');
    await screenshot(page, 'admin-menu-phone');
    // Escape closes it, giving the focus back to 菜单; so does a press outside it (the bare header
    // between 菜单 and 消息).
    const menuButton = page.getByRole('button', { name: /菜单/ });
    await page.keyboard.press('Escape');
    await nav.waitFor({ state: 'hidden' });
    await expect(menuButton.evaluate((b) => b === (globalThis as any).document.activeElement)).resolves.toBe(true);
    await menuButton.click();
    await nav.waitFor();
    const [button, bell] = [await menuButton.boundingBox(), await page.getByRole('link', { name: /^消息中心/ }).boundingBox()];
    await page.mouse.click((button!.x + button!.width + bell!.x) / 2, button!.y + button!.height / 2);
    await nav.waitFor({ state: 'hidden' });
    await menuButton.click();
    await links.filter({ hasText: '任务台账' }).click();
    await page.getByRole('heading', { level: 1, name: '任务台账' }).waitFor();
    await expect(nav.isVisible()).resolves.toBe(false);
    await page.setViewportSize(DESKTOP);

    // The task's timeline: the progress with its figure, the request and the decision.
    await page.goto(`${svc.url}/admin/tasks/${task.id}`);
    const timeline = page.getByRole('tabpanel', { name: '办理过程' });
    await timeline.getByText('进展填报 100%').waitFor();
    await timeline.getByText('所属期 2016Q2').waitFor();
    await timeline.getByText('清理文件 12件').waitFor();
    await timeline.getByText('办结申请已同意').waitFor();
    await a11y('task timeline');
  }, JOURNEY_TIMEOUT);

  it('他人先改了任务时，调整任务提示已被他人修改并保留填写内容', async () => {
    const task = (await tasksOfPlan()).find((t) => t.itemNumber === 3)!;
    await page.goto(`${svc.url}/admin/tasks/${task.id}`);
    await page.getByRole('button', { name: '调整任务' }).click();
    await a11y('task detail');
    await page.getByLabel('成果形式').fill('我填写的成果形式');
    // Someone else saves first.
    await svc.api('PATCH', `/tasks/${task.id}`, admin(), { version: task.version, deliverable: '别人改的', dueDate: '2016-10-15' });
    await page.getByRole('button', { name: '保存修改' }).click();
    await page.getByTestId('stale-alert').waitFor();
    await expect(page.getByTestId('stale-alert').textContent()).resolves.toContain('该任务已被他人修改');
    await expect(page.getByLabel('成果形式').inputValue()).resolves.toBe('我填写的成果形式');
    await page.getByRole('button', { name: '重新加载' }).click();
    await page.getByTestId('task-version').getByText(String(task.version + 1), { exact: true }).waitFor();
    await expect(page.getByLabel('成果形式').inputValue()).resolves.toBe('我填写的成果形式');
    // The other person's due date is in the form now, so saving keeps it.
    await expect(page.getByLabel('完成时限（YYYY-MM-DD）').inputValue()).resolves.toBe('2016-10-15');
    await page.getByRole('button', { name: '保存修改' }).click();
    await page.getByText('已保存修改').waitFor();
    expect(await svc.api('GET', `/tasks/${task.id}`, admin())).toMatchObject({ deliverable: '我填写的成果形式', dueDate: '2016-10-15', version: task.version + 2 });

    // The audit trail shows both edits, who made them and what changed; the reminders follow the new date.
    await page.getByRole('tab', { name: '操作记录' }).click();
    const audit = page.getByRole('tabpanel', { name: '操作记录' });
    await audit.getByText('成果形式: 别人改的 → 我填写的成果形式').waitFor();
    await a11y('task audit');
    await page.getByRole('tab', { name: '提醒与推送' }).click();
    const reminders = page.getByRole('tabpanel', { name: '提醒与推送' });
    await reminders.getByText('到期提醒').first().waitFor();
    const planned = (await svc.api('GET', `/tasks/${task.id}/reminders`, admin())) as { kind: string; dueDate: string | null; status: string }[];
    expect(planned.filter((r) => r.kind === 'due' && r.status !== 'cancelled').map((r) => r.dueDate)).toEqual(['2016-10-15']);
    await a11y('task reminders');
  }, JOURNEY_TIMEOUT);

  it('法制办维护部门别称和群机器人，录入工作日历和提醒规则，关账并预览年度报告', async () => {
    // 部门与用户: a new department with an alias and a DingTalk robot; the URL is never shown back.
    await page.getByRole('link', { name: '部门与用户' }).click();
    await page.getByRole('button', { name: '新增部门' }).click();
    const dialog = page.getByRole('dialog');
    await settle();
    await dialog.getByLabel('名称').fill('区司法局');
    await dialog.getByLabel('简称').fill('司法局');
    await dialog.getByLabel('别称').fill('区司法分局');
    await page.keyboard.press('Enter');
    await dialog.getByLabel('机器人 Webhook 地址').fill('not a url');
    await dialog.getByRole('button', { name: '保存部门' }).click();
    await dialog.getByText('webhookUrl 必须是 http(s) 地址').waitFor();
    await dialog.getByLabel('机器人 Webhook 地址').fill('https://oapi.dingtalk.com/robot/send?access_token=abc');
    await dialog.getByLabel('机器人类型').click();
    await settle();
    await page.getByTitle('钉钉', { exact: true }).click();
    await dialog.getByRole('button', { name: '保存部门' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: '区司法局' });
    await row.getByText('区司法分局').waitFor();
    await expect(row.textContent()).resolves.toContain('钉钉');
    await expect(row.textContent()).resolves.not.toContain('access_token');
    const departments = await svc.api('GET', '/departments', admin());
    expect(departments.find((d: { name: string }) => d.name === '区司法局')).toMatchObject({ aliases: ['区司法分局'], webhook: { kind: 'dingtalk' } });
    await a11y('directory');
    await page.getByRole('tab', { name: '用户' }).click();
    await page.getByRole('row').filter({ hasText: 'chengguan' }).waitFor();
    await a11y('directory users');

    // 日历与提醒: 2016 is the official calendar; 2027 is entered by the office.
    await page.getByRole('link', { name: '日历与提醒' }).click();
    await expect(page.getByTestId('calendar-source').textContent()).resolves.toBe('国务院公布（内置）');
    await a11y('settings');
    await page.getByLabel('年度').fill('2027');
    await page.getByTestId('calendar-source').getByText('未公布（仅按周一至周五）').waitFor();
    await page.getByLabel('放假日期').fill('2027-01-01\n2027-02-32');
    await page.getByRole('button', { name: '保存日历并重排提醒' }).click();
    // The server's message for `holidays` sits under that field; nothing is saved.
    await page.locator('#holidays_help').waitFor();
    expect((await svc.api('GET', '/calendar/2027', admin())).source).toBe('fallback');
    await page.getByLabel('放假日期').fill('2027-01-01\n2027-02-06');
    await page.getByLabel('调休上班日期').fill('2027-02-20');
    await page.getByRole('button', { name: '保存日历并重排提醒' }).click();
    await page.getByTestId('calendar-source').getByText('法制办录入').waitFor();
    expect(await svc.api('GET', '/calendar/2027', admin())).toMatchObject({ source: 'entered', holidays: ['2027-01-01', '2027-02-06'], workdays: ['2027-02-20'] });

    // The plan's reminder policy: a bad hour is refused under its field, then saved.
    await page.getByLabel('到期前提醒（工作日，逗号分隔）').fill('3,1');
    await page.getByLabel('提醒时刻（北京时间，0–23 时）').fill('25');
    await page.getByRole('button', { name: '保存提醒规则' }).click();
    // The server's message for `hour` sits under the hour field (antd's help text of that field).
    await expect(page.locator('#hour_help').textContent()).resolves.toContain('23');
    expect((await svc.api('GET', `/plans/${planId}/reminder-policy`, admin())).beforeWorkingDays).not.toEqual([3, 1]);
    await page.getByLabel('提醒时刻（北京时间，0–23 时）').fill('8');
    await page.getByRole('button', { name: '保存提醒规则' }).click();
    await page.getByText('已保存，本计划的提醒已重排').waitFor();
    expect(await svc.api('GET', `/plans/${planId}/reminder-policy`, admin())).toMatchObject({ beforeWorkingDays: [3, 1], hour: 8 });

    // 季度与报告: close the first quarter (over on 2016-06-15), preview the report.
    await page.getByRole('link', { name: '季度与报告' }).click();
    const q1 = page.getByRole('row').filter({ hasText: '2016Q1' });
    await q1.getByRole('button', { name: '关账冻结：2016Q1' }).click();
    await settle();
    await page.getByRole('button', { name: '关账冻结', exact: true }).click();
    await q1.getByText('已关账').waitFor();
    expect((await svc.api('GET', `/plans/${planId}/rollups/2016Q1`, admin())).status).toBe('closed');
    await page.getByRole('button', { name: '预览报告（Markdown）' }).click();
    await expect(page.getByTestId('report-preview').textContent()).resolves.toContain('惠济区');
    await a11y('quarters');
    const [docx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 Word' }).click()]);
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
    const [ledger] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载推进台账（.xlsx）' }).click()]);
    expect(ledger.suggestedFilename()).toMatch(/\.xlsx$/);
    expect((await import('node:fs')).statSync((await ledger.path())!).size).toBeGreaterThan(1000);

    // On a phone the office's pages fit the width: wide tables scroll inside their own box.
    await page.setViewportSize(PHONE);
    for (const path of ['/admin/tasks', '/admin/assign', '/admin/import', '/admin/directory', '/admin/settings', '/admin/quarters']) {
      await page.goto(`${svc.url}${path}?plan=${planId}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      expect({ path, scrolls: await hasHorizontalScroll(page) }).toEqual({ path, scrolls: false });
    }
    await page.setViewportSize(DESKTOP);
  }, JOURNEY_TIMEOUT);
});
