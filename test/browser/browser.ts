// Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core: never a downloaded browser.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
export const SCREENSHOT_DIR = resolve(process.cwd(), 'test-results/screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Logs in through the login page and waits for the role's home. */
export async function loginThroughPage(page: Page, baseUrl: string, username: string, password: string, next?: string): Promise<void> {
  await page.goto(`${baseUrl}/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core on the page; returns the serious and critical violations (expect none). */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: resolve(process.cwd(), 'node_modules/axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    // Runs in the page: the browser's globals, untyped here (the test program has no DOM lib).
    const g = globalThis as any;
    const r: { violations: AxeViolation[] } = await g.axe.run(g.document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Takes the picture once the page has settled: no loading overlay left (a table fades under its spin
 * until its rows come) and every chart painted (ECharts paints on an animation frame, after the
 * network is idle). A page that never settles fails here rather than leaving a misleading picture.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForFunction(() => {
    // Runs in the page: the browser's globals, untyped here (the test program has no DOM lib).
    const d = (globalThis as any).document;
    if (d.querySelector('.ant-spin-spinning, .ant-spin-blur, .ant-skeleton-active')) return false;
    for (const chart of d.querySelectorAll('figure > div[role="img"]')) {
      const canvas = chart.querySelector('canvas');
      if (!canvas || !canvas.width || !canvas.height) return false;
      const pixels: Uint8ClampedArray = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = false;
      for (let i = 3; i < pixels.length && !painted; i += 4) painted = pixels[i] !== 0;
      if (!painted) return false;
    }
    return true;
  }, undefined, { timeout: 15_000, polling: 100 });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
}

/** The page has no horizontal scroll (phone layouts). */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = (globalThis as any).document.documentElement;
    return el.scrollWidth > el.clientWidth + 1;
  });
}

/** Waits until the element's text is exactly `expected` (pages update after their requests finish). */
export async function textBecomes(locator: Locator, expected: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last: string | null = null;
  for (;;) {
    last = (await locator.textContent({ timeout: timeoutMs }))?.trim() ?? null;
    if (last === expected) return;
    if (Date.now() > until) throw new Error(`text stayed ${JSON.stringify(last)}, expected ${JSON.stringify(expected)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
