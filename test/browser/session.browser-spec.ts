// Signing in and out through the login page, for every role; the service serves the app at `/`.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { DESKTOP, launchBrowser, loginThroughPage, seriousA11yViolations } from './browser';
import { ADMIN, type Service, startService } from './service';

describe('登录', () => {
  let svc: Service;
  let browser: Browser;

  beforeAll(async () => {
    svc = await startService();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  it('打开首页看到中文登录页，登录后法制办进入自己的首页', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${svc.url}/`);
    await page.waitForURL(/\/login/);
    await page.getByRole('heading', { name: '督办台账' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await loginThroughPage(page, svc.url, ADMIN.username, ADMIN.password);
    expect(new URL(page.url()).pathname).toBe('/admin');
    await page.close();
  });

  it('密码错误时登录页说明原因并留在登录页', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${svc.url}/login`);
    await page.getByLabel('用户名').fill(ADMIN.username);
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    // The server names the field: the message sits under the username input.
    await page.getByText('用户名或密码错误').waitFor();
    await expect(page.getByLabel('用户名').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.close();
  });

  it('未知的 /api 路径仍是 JSON 404，页面路径返回应用', async () => {
    const api = await fetch(`${svc.url}/api/no-such-route`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
    const page = await fetch(`${svc.url}/dept/tasks/whatever`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('no-cache');
  });
});
