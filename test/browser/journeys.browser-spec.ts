// Journeys through the department and leader pages in a real Chromium against the built service.
// Data is set up through the API as the legal office would (the office's own pages are tested in
// their own suite); people then work through the pages.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, hasHorizontalScroll, textBecomes, launchBrowser, loginThroughPage, PHONE, savePicture, screenshot, seriousA11yViolations } from './browser';
import { type Seeded, seedPlan, SERVICE_ENV } from './fixtures';
import { ADMIN, type Service, startService } from './service';

/** How the pages show a rate the API gives as 0..1 (web/src/i18n/common.ts). */
const shownRate = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

describe('部门与领导的页面', () => {
  let svc: Service;
  let browser: Browser;
  let seeded: Seeded;
  const pages: Page[] = [];

  async function newPage(viewport = DESKTOP): Promise<Page> {
    const page = await browser.newPage({ viewport, locale: 'zh-CN' });
    pages.push(page);
    return page;
  }
  async function expectAccessible(page: Page, what: string) {
    const violations = await seriousA11yViolations(page);
    expect({ page: what, violations }).toEqual({ page: what, violations: [] });
  }
  async function dashboardRates(token: string) {
    const d = await svc.api('GET', `/plans/${seeded.planId}/dashboard`, token);
    const now = d.trend.find((p: { quarter: string }) => p.quarter === d.ranking.quarter);
    return { completionRate: now.completionRate as number | null, completed: now.completed as number };
  }

  beforeAll(async () => {
    svc = await startService(SERVICE_ENV);
    browser = await launchBrowser();
    seeded = await seedPlan(svc);
  });
  afterAll(async () => {
    for (const p of pages) await p.close().catch(() => undefined);
    await browser?.close();
    await svc?.stop();
  });

  it('部门填报进展后领导看到完成率变化', async () => {
    const leaderToken = await svc.login(seeded.users.leader.username, seeded.users.leader.password);
    const before = await dashboardRates(leaderToken);
    expect(before.completed).toBe(0);

    // The leader opens the dashboard: the API's completion rate.
    const leader = await newPage();
    await loginThroughPage(leader, svc.url, seeded.users.leader.username, seeded.users.leader.password);
    expect(new URL(leader.url()).pathname).toBe('/leader');
    await textBecomes(leader.getByTestId('stat-completion-rate').locator('.value'), shownRate(before.completionRate));
    await textBecomes(leader.getByTestId('stat-total').locator('.value'), '10');

    // 法制办 opens 我的任务, then item 1, reports progress with a figure and asks to close the task.
    const dept = await newPage();
    await loginThroughPage(dept, svc.url, seeded.users.fzb.username, seeded.users.fzb.password);
    expect(new URL(dept.url()).pathname).toBe('/dept');
    await dept.getByRole('heading', { name: '我的任务' }).waitFor();
    const row = dept.getByRole('row').filter({ hasText: '规范行政权力运行' });
    await textBecomes(row.getByText('牵头'), '牵头');
    await row.getByRole('link', { name: '规范行政权力运行' }).click();
    await dept.waitForURL(new RegExp(`/dept/tasks/${seeded.tasks.get(1)}$`));

    // 签收 first: the task was assigned to the department, which acknowledges it on its page.
    // antd spaces a two-character button label ("签 收").
    await dept.getByRole('button', { name: /^签\s?收$/ }).click();
    await dept.getByRole('button', { name: /^签\s?收$/ }).waitFor({ state: 'detached' });
    const acknowledged = await svc.api('GET', `/tasks/${seeded.tasks.get(1)}`, svc.adminToken);
    expect(acknowledged.leadDepartment.acknowledgedAt).toEqual(expect.any(String));

    await dept.getByLabel('完成进度 (%)').fill('60');
    await dept.getByLabel('进展情况').fill('已完成权责清单动态调整，开展监督检查两次。');
    await dept.getByRole('button', { name: '添加数据' }).click();
    await dept.getByLabel('指标 1').fill('审核规范性文件');
    await dept.getByLabel('数值', { exact: true }).fill('14');
    await dept.getByLabel('单位', { exact: true }).fill('件');
    await dept.getByRole('button', { name: '提交进展' }).click();
    await dept.getByText('审核规范性文件 14件').waitFor();
    await textBecomes(dept.getByTestId('task-percent'), '60%');
    const reports = await svc.api('GET', `/tasks/${seeded.tasks.get(1)}/progress`, svc.adminToken);
    expect(reports).toHaveLength(1);
    expect(reports[0].figures).toEqual([expect.objectContaining({ indicator: '审核规范性文件', value: 14, unit: '件' })]);

    await dept.getByLabel('办结情况').fill('权责清单已全面公布并动态调整。');
    await dept.getByRole('button', { name: '提交办结申请' }).click();
    await dept.getByText('待办结审核').first().waitFor();

    // The office approves (its own page is tested elsewhere) and the leader's numbers move.
    await svc.api('POST', `/tasks/${seeded.tasks.get(1)}/completion/approve`, svc.adminToken);
    const after = await dashboardRates(leaderToken);
    expect(after.completed).toBe(1);
    expect(after.completionRate).not.toBe(before.completionRate);
    await leader.reload();
    await textBecomes(leader.getByTestId('stat-completion-rate').locator('.value'), shownRate(after.completionRate));
    await textBecomes(leader.getByTestId('stat-completed').locator('.value'), '1');

    // The department sees the task closed; the leader drills down to it and reads its timeline.
    await dept.reload();
    await dept.getByText('该任务已办结').waitFor();
    await leader.getByRole('link', { name: /依法全面履行政府职能/ }).click();
    await leader.waitForURL(/\/leader\/chapters\//);
    await leader.getByRole('link', { name: '规范行政权力运行' }).click();
    await leader.waitForURL(new RegExp(`/leader/tasks/${seeded.tasks.get(1)}$`));
    await leader.getByText('审核规范性文件 14件').waitFor();
    await leader.getByText('办结申请 · 已通过').waitFor();
  });

  it('填报内容有误时服务器的说明显示在对应字段下，什么也没有保存', async () => {
    const taskId = seeded.tasks.get(5)!;
    const page = await newPage();
    await loginThroughPage(page, svc.url, seeded.users.fzb.username, seeded.users.fzb.password, `/dept/tasks/${taskId}`);
    await page.getByLabel('完成进度 (%)').fill('30');
    await page.getByLabel('进展情况').fill('已起草实施方案。');
    await page.getByLabel(/佐证材料/).fill('x'.repeat(501));
    await page.getByRole('button', { name: '提交进展' }).click();
    // The server names the field and the bound (evidence.0: 长度不能超过 500 个字符): the message sits under 佐证材料.
    const field = page.locator('.ant-form-item').filter({ has: page.getByLabel(/佐证材料/) });
    await field.locator('.ant-form-item-explain-error').filter({ hasText: '长度不能超过 500 个字符' }).waitFor();
    await expect(page.getByLabel('进展情况').inputValue()).resolves.toBe('已起草实施方案。');
    expect(await svc.api('GET', `/tasks/${taskId}/progress`, svc.adminToken)).toEqual([]);
    await expectAccessible(page, 'department task detail with a field error');
  });

  it('法制办保存已被他人修改的任务时看到提示，重新加载后所填内容仍在', async () => {
    const taskId = seeded.tasks.get(2)!;
    const admin = await newPage();
    await loginThroughPage(admin, svc.url, ADMIN.username, ADMIN.password, `/admin/tasks/${taskId}/edit`);
    expect(new URL(admin.url()).pathname).toBe(`/admin/tasks/${taskId}/edit`);
    await admin.getByTestId('task-version').waitFor();
    await admin.getByLabel('成果形式').fill('专项督查报告');

    // Someone else changes the task in the meantime.
    const current = await svc.api('GET', `/tasks/${taskId}`, svc.adminToken);
    await svc.api('PATCH', `/tasks/${taskId}`, svc.adminToken, { version: current.version, dueDate: '2016-07-15' });

    await admin.getByRole('button', { name: '保存修改' }).click();
    await expect(admin.getByTestId('stale-alert').textContent()).resolves.toContain('该任务已被他人修改');
    await expect(admin.getByLabel('成果形式').inputValue()).resolves.toBe('专项督查报告');
    await admin.getByRole('button', { name: '重新加载' }).click();
    await admin.getByTestId('task-version').filter({ hasText: String(current.version + 1) }).waitFor();
    await expect(admin.getByLabel('成果形式').inputValue()).resolves.toBe('专项督查报告');
    // The other person's due date is now in the form, so saving does not undo it.
    await expect(admin.getByLabel('完成时限').inputValue()).resolves.toBe('2016-07-15');
    await expectAccessible(admin, 'admin task edit');
    await admin.getByRole('button', { name: '保存修改' }).click();
    await admin.getByText('已保存').waitFor();
    const saved = await svc.api('GET', `/tasks/${taskId}`, svc.adminToken);
    expect(saved).toMatchObject({ deliverable: '专项督查报告', dueDate: '2016-07-15', version: current.version + 2 });
  });

  it('法制办撤销任务须说明理由，部门随即看到任务已撤销', async () => {
    const taskId = seeded.tasks.get(10)!;
    const admin = await newPage();
    await loginThroughPage(admin, svc.url, ADMIN.username, ADMIN.password, `/admin/tasks/${taskId}`);
    await admin.getByRole('button', { name: '撤销任务' }).click();
    const confirm = admin.getByRole('button', { name: '确认撤销' });
    expect(await confirm.isDisabled()).toBe(true);
    await admin.getByLabel('撤销理由（必填，记入审计）').fill('与第9项合并办理');
    await confirm.click();
    await admin.getByText('任务已撤销').waitFor();
    const task = await svc.api('GET', `/tasks/${taskId}`, svc.adminToken);
    expect(task).toMatchObject({ status: 'cancelled', cancelReason: '与第9项合并办理' });

    const dept = await newPage();
    await loginThroughPage(dept, svc.url, seeded.users.cg.username, seeded.users.cg.password, `/dept/tasks/${taskId}`);
    await dept.getByText('与第9项合并办理').waitFor();
    expect(await dept.getByRole('button', { name: '提交进展' }).count()).toBe(0);
  });

  it('会话失效后回到登录页，重新登录后回到原来的页面', async () => {
    const taskId = seeded.tasks.get(2)!;
    const page = await newPage();
    await loginThroughPage(page, svc.url, seeded.users.cg.username, seeded.users.cg.password);
    await page.goto(`${svc.url}/dept/tasks/${taskId}`);
    await page.getByRole('heading', { name: /深化行政审批制度改革/ }).waitFor();

    // The account's password is reset: every token issued before stops working.
    const users: { id: string; username: string }[] = await svc.api('GET', '/users', svc.adminToken);
    const cg = users.find((u) => u.username === seeded.users.cg.username)!;
    await svc.api('PATCH', `/users/${cg.id}`, svc.adminToken, { password: 'chengguan-new-pass' });

    await page.reload();
    await page.waitForURL(/\/login\?/);
    await page.getByText('登录已过期，请重新登录').waitFor();
    await page.getByLabel('用户名').fill(seeded.users.cg.username);
    await page.getByLabel('密码').fill('chengguan-new-pass');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(new RegExp(`/dept/tasks/${taskId}$`));
    await page.getByRole('heading', { name: /深化行政审批制度改革/ }).waitFor();
  });

  it('部门在消息中心看到临期提醒，标为已读后未读数归零，并能打开对应任务', async () => {
    const token = await svc.login(seeded.users.fzb.username, seeded.users.fzb.password);
    // The reminder one working day before item 3's due date fires at 09:00 on the service clock.
    // Besides the reminder, the department has one notice per task assigned to it (task_assigned).
    const until = Date.now() + 90_000;
    let unread = 0;
    for (;;) {
      const list = await svc.api('GET', '/me/notifications', token);
      if (list.items.some((n: { kind: string }) => n.kind === 'before_due')) {
        unread = list.unread;
        break;
      }
      if (Date.now() > until) throw new Error('no reminder delivered within 90 s');
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(unread).toBeGreaterThanOrEqual(1);
    const page = await newPage();
    await loginThroughPage(page, svc.url, seeded.users.fzb.username, seeded.users.fzb.password);
    await textBecomes(page.getByTestId('unread-badge'), String(unread));
    await page.getByRole('link', { name: /消息中心/ }).click();
    // Failed once in CI (the heading never came; not reproduced in 10 runs, nor under load): on a failure
    // say where the page was and keep its picture.
    await page.getByRole('heading', { name: '消息中心' }).waitFor().catch(async (e: Error) => {
      await savePicture(page, 'failed-notifications-click').catch(() => undefined);
      throw new Error(`no 消息中心 heading after the click; page at ${page.url()}: ${e.message.split('\n')[0]}`);
    });
    await page.getByTestId('unread-count').filter({ hasText: `未读 ${unread}` }).waitFor();
    await expectAccessible(page, 'notifications');
    const reminder = page.locator('.ant-list-item').filter({ hasText: '任务即将到期' }).first();
    await reminder.getByRole('button', { name: '标为已读', exact: true }).click();
    await page.getByTestId('unread-count').filter({ hasText: `未读 ${unread - 1}` }).waitFor();
    await page.getByRole('button', { name: '全部标为已读' }).click();
    await page.getByTestId('unread-count').filter({ hasText: '未读 0' }).waitFor();
    await page.getByTestId('unread-badge').waitFor({ state: 'detached' });
    await reminder.getByRole('link', { name: '查看任务' }).click();
    await page.waitForURL(new RegExp(`/dept/tasks/${seeded.tasks.get(3)}$`));
  }, 150_000);

  it('修改密码后需用新密码登录', async () => {
    const page = await newPage();
    await loginThroughPage(page, svc.url, seeded.users.leader.username, seeded.users.leader.password);
    // The user menu closes on Escape, giving the focus back to its button, and on a press outside it.
    const userButton = page.getByRole('button', { name: /lingdao/ });
    await userButton.click();
    await page.getByRole('menuitem', { name: '修改密码' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await expect(userButton.evaluate((b) => b === (globalThis as any).document.activeElement)).resolves.toBe(true);
    await userButton.click();
    await page.getByRole('heading', { level: 1 }).click();
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await userButton.click();
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    await page.getByRole('heading', { name: '修改密码' }).waitFor();
    await expectAccessible(page, 'change password');
    await page.getByLabel('当前密码').fill('wrong-current');
    await page.getByLabel('新密码', { exact: true }).fill('lingdao-pass-2');
    await page.getByLabel('确认新密码').fill('lingdao-pass-2');
    await page.getByRole('button', { name: '确认修改' }).click();
    // The server's message for a wrong current password is shown, nothing changes.
    await page.getByText(/当前密码/).nth(1).waitFor();
    expect(await svc.login(seeded.users.leader.username, seeded.users.leader.password)).toBeTruthy();
    await page.getByLabel('当前密码').fill(seeded.users.leader.password);
    await page.getByRole('button', { name: '确认修改' }).click();
    await page.waitForURL(/\/login/);
    await page.getByText('密码已修改，请用新密码重新登录').waitFor();
    expect(new URL(page.url()).search).not.toContain('next=');
    seeded.users.leader.password = 'lingdao-pass-2';
    await loginThroughPage(page, svc.url, seeded.users.leader.username, 'lingdao-pass-2');
    expect(new URL(page.url()).pathname).toBe('/leader');
  });

  it('各角色首页在电脑和手机上都可用：无严重无障碍问题，手机上无横向滚动', async () => {
    const homes = [
      { role: 'department', user: seeded.users.fzb, home: '/dept', heading: '我的任务', more: [`/dept/tasks/${seeded.tasks.get(1)}`] },
      {
        role: 'leader', user: seeded.users.leader, home: '/leader', heading: '督办总览',
        more: [`/leader/rollups?plan=${seeded.planId}&q=2016Q2`, `/leader/rollups?plan=${seeded.planId}&q=2016Q1`, `/leader/tasks/${seeded.tasks.get(1)}`],
      },
      { role: 'admin', user: ADMIN, home: '/admin', heading: null, more: [] as string[] },
    ];
    for (const h of homes) {
      for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
        const page = await newPage(viewport);
        await loginThroughPage(page, svc.url, h.user.username, h.user.password);
        expect(new URL(page.url()).pathname).toBe(h.home);
        if (h.heading) await page.getByRole('heading', { name: h.heading }).waitFor();
        await page.waitForLoadState('networkidle');
        await screenshot(page, `${h.role}-home-${size}`);
        if (h.role !== 'admin') {
          await expectAccessible(page, `${h.role} home ${size}`);
          expect({ page: `${h.role} home ${size}`, horizontalScroll: await hasHorizontalScroll(page) }).toEqual({ page: `${h.role} home ${size}`, horizontalScroll: false });
          for (const path of h.more) {
            await page.goto(`${svc.url}${path}`);
            await page.waitForLoadState('networkidle');
            await page.locator('h1').first().waitFor();
            await expectAccessible(page, `${path} ${size}`);
            expect({ page: `${path} ${size}`, horizontalScroll: await hasHorizontalScroll(page) }).toEqual({ page: `${path} ${size}`, horizontalScroll: false });
          }
        }
        await page.close();
      }
    }
    // Six logins and a dozen axe runs: about 50 s on a quiet machine, more while others build.
  }, 150_000);

  it('领导的季度汇总标明实时或已封存', async () => {
    await svc.api('POST', `/plans/${seeded.planId}/rollups/2016Q1/close`, svc.adminToken);
    const page = await newPage();
    await loginThroughPage(page, svc.url, seeded.users.leader.username, seeded.users.leader.password, `/leader/rollups?plan=${seeded.planId}&q=2016Q1`);
    await expect(page.getByTestId('rollup-status').textContent()).resolves.toContain('已封存');
    await page.goto(`${svc.url}/leader/rollups?plan=${seeded.planId}&q=2016Q2`);
    await textBecomes(page.getByTestId('rollup-status'), '实时');
  });

  it('部门按指标填报并选择季度后看到计入的季度', async () => {
    // The office keeps an indicator catalogue and has closed 2016Q1: a report for it is 补报.
    const indicator = await svc.api('POST', `/plans/${seeded.planId}/indicators`, svc.adminToken, { name: '行政执法检查次数', unit: '次', kind: 'count' });
    await svc.api('POST', `/plans/${seeded.planId}/rollups/2016Q1/close`, svc.adminToken);
    const taskId = seeded.tasks.get(7)!;
    const page = await newPage();
    await loginThroughPage(page, svc.url, seeded.users.fzb.username, seeded.users.fzb.password, `/dept/tasks/${taskId}`);
    await page.getByLabel('完成进度 (%)').fill('40');
    await page.getByLabel('进展情况').fill('一季度开展执法检查，补报相关数据。');

    // The period picker offers the current period by default and the closed quarter as 补报.
    const periodField = page.locator('.ant-form-item').filter({ hasText: '计入期次' });
    await periodField.getByText('2016Q2（当前，进行中）').waitFor();
    await page.getByLabel('计入期次').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '2016Q1（已关账，补报）' }).click();

    // The indicator comes from the catalogue; its unit is filled in.
    await page.getByRole('button', { name: '添加数据' }).click();
    await page.getByLabel('指标 1').fill('执法检查');
    await page.locator('.ant-select-item-option').filter({ hasText: '行政执法检查次数' }).click();
    await expect(page.getByLabel('单位', { exact: true }).inputValue()).resolves.toBe('次');
    await page.getByLabel('数值', { exact: true }).fill('6');
    // The form, not the catalogue's popup: wait until its closing motion has hidden it (Ant Design's
    // options list has no name of its own while it is on screen).
    await page.waitForFunction(() => [...(globalThis as any).document.querySelectorAll('.ant-select-dropdown')].every((d: any) => d.offsetParent === null));
    await expectAccessible(page, 'department progress form with indicator and period');
    await page.getByRole('button', { name: '提交进展' }).click();

    // The server's answer: which period the entry counts for, and that it is late.
    await textBecomes(page.getByTestId('progress-counted'), '本次进展计入 2016Q1（补报：该季度已关账，计入全年统计，不改变该季度已封存的汇总）');
    const reports = await svc.api('GET', `/tasks/${taskId}/progress`, svc.adminToken);
    expect(reports[0]).toMatchObject({ period: '2016Q1', late: true, percent: 40 });
    expect(reports[0].figures).toEqual([expect.objectContaining({ indicatorId: indicator.id, value: 6, unit: '次' })]);
  });

  it('部门在手机上看到完整的工作要点名称，完成时限不换行', async () => {
    const page = await newPage(PHONE);
    await loginThroughPage(page, svc.url, seeded.users.fzb.username, seeded.users.fzb.password);
    await page.getByRole('heading', { name: '我的任务' }).waitFor();
    const plan = page.getByTestId('my-plan');
    await textBecomes(plan, (await svc.api('GET', '/plans', svc.adminToken)).map((p: { year: number; title: string }) => `${p.year} ${p.title}`)[0]);
    const download = page.getByRole('button', { name: '下载本单位台账' });
    const [planBox, buttonBox] = [await plan.boundingBox(), await download.boundingBox()];
    // Not cut: the whole title is drawn, and the button does not cover it.
    expect(await plan.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1)).toBe(true);
    const overlaps = planBox!.x < buttonBox!.x + buttonBox!.width && buttonBox!.x < planBox!.x + planBox!.width
      && planBox!.y < buttonBox!.y + buttonBox!.height && buttonBox!.y < planBox!.y + planBox!.height;
    expect(overlaps).toBe(false);
    // Each due date on one line.
    const dates = page.getByTestId('due-date');
    await dates.first().waitFor();
    const heights = await dates.evaluateAll((els) => els.map((el) => {
      const style = (globalThis as any).getComputedStyle(el);
      return el.getBoundingClientRect().height / parseFloat(style.lineHeight || '22');
    }));
    expect(heights.length).toBeGreaterThan(0);
    for (const h of heights) expect(h).toBeLessThan(1.5);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, 'department-my-tasks-phone');
  });

  it('部门在消息中心点加载更多看到较早的消息', async () => {
    // Twelve more tasks for 法制办: with those it has more notices than one page (20) holds.
    await svc.api('POST', `/plans/${seeded.planId}/tasks`, svc.adminToken, Array.from({ length: 12 }, (_, i) => ({
      itemNumber: 11 + i, leadDepartment: '法制办', dueDate: '年底', deliverable: '工作总结',
    })));
    const token = await svc.login(seeded.users.fzb.username, seeded.users.fzb.password);
    const all: { title: string }[] = [];
    for (let cursor: string | null = null; ;) {
      const page: { items: { title: string }[]; nextCursor: string | null } = await svc.api('GET', `/me/notifications?limit=200${cursor ? `&cursor=${cursor}` : ''}`, token);
      all.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(all.length).toBeGreaterThan(20);
    expect(all.length).toBeLessThanOrEqual(40);

    const page = await newPage();
    await loginThroughPage(page, svc.url, seeded.users.fzb.username, seeded.users.fzb.password, '/dept/notifications');
    await page.getByRole('heading', { name: '消息中心' }).waitFor();
    const items = page.locator('.ant-list-item');
    await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('.ant-list-item').length === 20);
    await page.getByRole('button', { name: '加载更多' }).click();
    await page.getByRole('button', { name: '加载更多' }).waitFor({ state: 'detached' });
    expect(await items.count()).toBe(all.length);
    // The oldest notice, which was not on the first page, is now shown.
    await items.last().getByText(all[all.length - 1].title).waitFor();
    await expectAccessible(page, 'notifications with more loaded');
  });
});
