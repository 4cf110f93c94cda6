// A leader on a phone: the dashboard shows the first ten departments and overdue tasks with the count
// of all, and 查看全部 opens pages that page through the rest on the server.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { hasHorizontalScroll, launchBrowser, loginThroughPage, PHONE, SCREENSHOT_DIR, screenshot, seriousA11yViolations, textBecomes } from './browser';
import { CLOCK_START, seedPlan } from './fixtures';
import { type Service, startService } from './service';

const DEPARTMENTS = 25;

describe('领导在手机上查看全部单位', () => {
  let svc: Service;
  let browser: Browser;
  let planId: string;
  let leader: { username: string; password: string };
  let page: Page;

  beforeAll(async () => {
    svc = await startService({ CLOCK_START });
    browser = await launchBrowser();
    const seeded = await seedPlan(svc);
    planId = seeded.planId;
    leader = seeded.users.leader;
    // 23 more departments (25 with the seed's two), each leading a task overdue since spring.
    const rows = [];
    for (let i = 1; i <= DEPARTMENTS - 2; i++) {
      const d = await svc.api('POST', '/departments', svc.adminToken, { name: `测试单位${String(i).padStart(2, '0')}` });
      rows.push({ itemNumber: 10 + (i % 20), title: `逾期任务${i}`, leadDepartment: d.id, dueDate: `2016-0${3 + (i % 3)}-${String(1 + i).padStart(2, '0')}` });
    }
    await svc.api('POST', `/plans/${planId}/tasks`, svc.adminToken, rows);
  }, 120_000);
  afterAll(async () => {
    await page?.close().catch(() => undefined);
    await browser?.close();
    await svc?.stop();
  });

  it('领导在总览看到前十个单位和全部数量，点“查看全部”翻页看到其余单位', async () => {
    const token = await svc.login(leader.username, leader.password);
    const dash = await svc.api('GET', `/plans/${planId}/dashboard`, token);
    expect(dash.lights.departments).toEqual({ total: DEPARTMENTS, shown: 10 });
    expect(dash.overdueTotal).toBeGreaterThan(10);

    page = await browser.newPage({ viewport: PHONE, locale: 'zh-CN' });
    await loginThroughPage(page, svc.url, leader.username, leader.password);
    await textBecomes(page.getByTestId('stat-overdue').locator('.value'), String(dash.overdueTotal));
    await textBecomes(page.getByTestId('all-overdue'), `查看全部（${dash.overdueTotal}）`);
    await expect(page.getByTestId('overdue-list').locator('tbody tr').count()).resolves.toBe(10);
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'leader-dashboard-compact-390');
    // The 总体状态灯 pie at phone width: its labels stay inside the chart (look at the picture).
    const pie = page.locator('section.panel').filter({ has: page.getByRole('heading', { name: '总体状态灯' }) });
    await pie.locator('canvas').waitFor();
    await pie.screenshot({ path: `${SCREENSHOT_DIR}/leader-dashboard-pie-390.png` });

    await page.getByTestId('all-departments').click();
    await page.waitForURL(/\/leader\/departments\?/);
    await page.getByRole('heading', { name: '各单位情况' }).waitFor();
    await page.getByText(`共 ${DEPARTMENTS} 个单位`).waitFor();
    const first = await svc.api('GET', `/plans/${planId}/dashboard/departments?page=1&pageSize=20`, token);
    const row = (name: string) => page.getByRole('row').filter({ has: page.getByRole('cell', { name: new RegExp(`^${name}( 低于阈值)?$`) }) });
    await row(first.items[0].name).waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'leader-departments-390');

    // Page 2 is fetched from the server: the rows the API gives for page 2, and the URL says so.
    await page.getByTitle('下一页').click();
    await page.waitForURL(/page=2/);
    const second = await svc.api('GET', `/plans/${planId}/dashboard/departments?page=2&pageSize=20`, token);
    expect(second.items).toHaveLength(DEPARTMENTS - 20);
    for (const r of second.items) await row(r.name).waitFor();
    await expect(row(first.items[0].name).count()).resolves.toBe(0);

    // From a department's overdue count to its overdue tasks.
    const withOverdue = second.items.find((r: { overdue: number }) => r.overdue > 0);
    await page.getByRole('link', { name: `${withOverdue.overdue} · ${withOverdue.name} 查看逾期任务` }).click();
    await page.waitForURL(/\/leader\/overdue\?.*department=/);
    await page.getByRole('heading', { name: '逾期任务' }).waitFor();
    await page.getByText(`共 ${withOverdue.overdue} 项`).waitFor();
    await page.getByText(`单位：${withOverdue.name}`).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
