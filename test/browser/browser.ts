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
 * What keeps the page from being pictured yet, as short English reasons (none: it has settled), or with
 * `asBoolean` just whether it has settled (for waitForFunction). Runs in the page, so it is one function
 * with nothing from outside it.
 * - a page whose code is still loading (the layout's 加载中, `.app-loading`), or a loading overlay: a
 *   table fades under its spin until its rows come;
 * - a finite animation or CSS transition still running (antd fades a table in for ~0.3 s once it has
 *   loaded); infinite ones (spinners) never end and are ignored;
 * - a chart whose code is still loading: its Suspense placeholder is marked `data-chart-pending`
 *   (pages/leader/DashboardPage.tsx), and before the chart mounts there is no chart to wait for;
 * - a chart that has not painted, or not drawn its option in full: ECharts marks its element
 *   `data-chart-finished` on its `finished` event (components/Chart.tsx); its canvas may show a first
 *   frame long before that.
 */
function unsettled(asBoolean: boolean): string[] | boolean {
  // Runs in the page: the browser's globals, untyped here (the test program has no DOM lib).
  const d = (globalThis as any).document;
  const reasons: string[] = [];
  const loading = d.querySelector('.app-loading, .ant-spin-spinning, .ant-spin-blur, .ant-skeleton-active');
  if (loading) reasons.push(`still loading (${loading.className})`);
  for (const a of d.getAnimations()) {
    if (a.playState !== 'running' || !Number.isFinite(a.effect?.getComputedTiming().endTime)) continue;
    const target = a.effect?.target;
    const what = a.transitionProperty ? `transition ${a.transitionProperty}` : `animation ${a.animationName ?? a.id ?? ''}`;
    reasons.push(`${what} running on ${target?.tagName?.toLowerCase() ?? '?'}.${String(target?.className ?? '').split(' ').join('.')}`);
  }
  const pending = d.querySelectorAll('[data-chart-pending]').length;
  if (pending) reasons.push(`${pending} chart(s) still loading their code`);
  for (const chart of d.querySelectorAll('figure > div[role="img"]')) {
    const name = chart.getAttribute('aria-label')?.split('：')[0];
    const canvas = chart.querySelector('canvas');
    if (!canvas || !canvas.width || !canvas.height) {
      reasons.push(`chart ${name} has no canvas`);
      continue;
    }
    const pixels: Uint8ClampedArray = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = false;
    for (let i = 3; i < pixels.length && !painted; i += 4) painted = pixels[i] !== 0;
    if (!painted) reasons.push(`chart ${name} not painted`);
    if (chart.dataset.chartFinished !== 'true') reasons.push(`chart ${name} not finished`);
  }
  return asBoolean ? reasons.length === 0 : reasons;
}

const SETTLE_TIMEOUT_MS = 15_000;

/**
 * Takes the picture once the page has settled (see `unsettled`). A page that never settles fails here,
 * naming what did not, rather than leaving a misleading picture.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  try {
    await page.waitForFunction(unsettled, true, { timeout: SETTLE_TIMEOUT_MS, polling: 100 });
  } catch (e) {
    const reasons = await page.evaluate(unsettled, false).catch(() => ['(page gone)']);
    throw new Error(`screenshot ${name}: the page did not settle in ${SETTLE_TIMEOUT_MS / 1000} s: ${JSON.stringify(reasons)} (${(e as Error).message.split('\n')[0]})`);
  }
  await savePicture(page, name);
}

/** Saves the page as it is now (no waiting) as test-results/screenshots/<name>.png. */
export async function savePicture(page: Page, name: string): Promise<void> {
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
