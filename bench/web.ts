// Section 6: the web app in headless Chromium (Debian's /usr/bin/chromium, playwright-core). The app
// (createApp serving web/dist, as `npm start`) runs in a child process on district data plus a
// 2,000-task ledger. Figures: gzipped JS bytes the login page and the leaders' dashboard route load,
// the dashboard's time to interactive on loopback and under Chromium's network emulation of a phone
// on 4G (9 Mbit/s, 40 ms round trip), and server-side paging of the 2,000-task ledger.
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from 'playwright-core';
import {
  appEnv, BenchOptions, Child, createDatabase, fmt, httpJson, log, login, median, ms, nowMs, obliterate, percentile, Row, startChild,
} from './lib';
import { bootstrapDatabase, PLAN_YEAR, seedLedger } from './seed';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const LOGIN_JS_TARGET = 100 * 1024;
const DASHBOARD_JS_TARGET = 350 * 1024;

interface Loaded {
  /** gzip -9 of each script's decoded body, summed. */
  gzip: number;
  /** Bytes on the wire for the scripts (the server sends .br when the browser accepts it). */
  wire: number;
  files: number;
}

/** Opens `path` in a fresh context (cold cache) and sums the JavaScript it loads until the network is idle. */
async function scriptsLoaded(ctx: BrowserContext, url: string, ready: string): Promise<Loaded> {
  const page = await ctx.newPage();
  const scripts: Promise<{ gzip: number; wire: number }>[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'script') return;
    scripts.push((async () => {
      const body = await res.body();
      const sizes = await res.request().sizes();
      return { gzip: gzipSync(body, { level: 9 }).length, wire: sizes.responseBodySize };
    })());
  });
  await page.goto(url);
  await page.waitForSelector(ready);
  await page.waitForLoadState('networkidle');
  const all = await Promise.all(scripts);
  await page.close();
  return { gzip: all.reduce((s, x) => s + x.gzip, 0), wire: all.reduce((s, x) => s + x.wire, 0), files: all.length };
}

/** A page script that puts the session where the web app keeps it (web/src/auth/session.ts). */
const signIn = (session: string) => `sessionStorage.setItem('duban.session', ${JSON.stringify(session)})`;

/** Time from navigation to the dashboard's numbers shown and its four charts drawn. */
async function dashboardReady(browser: Browser, url: string, session: string, network: 'loopback' | '4g'): Promise<{ numbers: number; charts: number }> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  await ctx.addInitScript(signIn(session));
  const page = await ctx.newPage();
  if (network === '4g') {
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: 40, downloadThroughput: (9 * 1024 * 1024) / 8, uploadThroughput: (9 * 1024 * 1024) / 8,
    });
  }
  const t0 = nowMs();
  await page.goto(url);
  await page.waitForSelector('[data-testid=stat-completion-rate] .value');
  const numbersAt = nowMs() - t0;
  await page.locator('canvas').nth(3).waitFor();
  const took = nowMs() - t0;
  if (process.env.BENCH_WEB_DEBUG) {
    const entries = await page.evaluate(() => {
      const perf = (globalThis as any).performance;
      const nav = perf.getEntriesByType('navigation')[0];
      return [
        `nav responseEnd ${Math.round(nav.responseEnd)} domInteractive ${Math.round(nav.domInteractive)}`,
        ...perf.getEntriesByType('resource').map((e: any) => `${e.name.replace(/^.*\//, '')} ${Math.round(e.startTime)}→${Math.round(e.responseEnd)}`),
        `now ${Math.round(perf.now())}`,
      ];
    });
    log(`${network}: numbers ${Math.round(numbersAt)} ms, charts ${Math.round(took)} ms:\n  ${entries.join('\n  ')}`);
  }
  await ctx.close();
  return { numbers: numbersAt, charts: took };
}

export async function runWeb(opts: BenchOptions, rows: Row[], json: Record<string, unknown>): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    rows.push({ section: 'web', what: 'skipped', value: `${CHROMIUM} missing (apt-get install chromium)` });
    return;
  }
  if (!existsSync(join(process.cwd(), 'web/dist/index.html'))) throw new Error('web/dist missing: npm run build:web (npm run bench does it)');
  const { chromium } = await import('playwright-core');
  const ledgerTasks = opts.smoke ? 60 : 2000;
  const today = new Date().toISOString().slice(0, 10);
  const db = await createDatabase('sqlite', opts.pgAdminUrl, 'web');
  const env = appEnv(db, opts, { WORKER_IN_API: 'true' });
  let server: Child | null = null;
  let browser: Browser | null = null;
  try {
    const boot = await bootstrapDatabase(db, env);
    const seeded = await seedLedger(db, boot, { departments: 40, tasks: ledgerTasks, reports: ledgerTasks * 4, figureShare: 0.25, notices: 5, users: 0 }, {
      today, dueFrom: `${PLAN_YEAR}-03-15`, dueTo: `${PLAN_YEAR}-12-31`, withHistory: true,
    });
    log(`web: ${seeded.tasks} tasks, ${seeded.departments.length} departments, ${seeded.reports} reports`);
    server = await startChild('server.js', { BENCH_APP_ENV: JSON.stringify(env), BENCH_WEB_UI: '1' });
    const base = `http://127.0.0.1:${server.port}`;
    const admin = await login(base);
    const leader = { username: 'bench-leader', password: 'bench-leader-pass' };
    const created = await httpJson(base, 'POST', '/api/users', { ...leader, role: 'leader' }, admin);
    if (created.status !== 201) throw new Error(`leader: ${created.status} ${JSON.stringify(created.body)}`);
    const loginRes = await httpJson<{ accessToken: string; user: unknown }>(base, 'POST', '/api/auth/login', leader);
    const session = JSON.stringify({ token: loginRes.body.accessToken, user: loginRes.body.user });
    const dashboardUrl = `${base}/leader?plan=${boot.planId}`;

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });

    // 1. JavaScript the login page loads.
    const loginCtx = await browser.newContext();
    const loginJs = await scriptsLoaded(loginCtx, `${base}/login`, '#login-username');
    await loginCtx.close();
    // 2. JavaScript the leaders' dashboard route loads (signed in, charts included).
    const dashCtx = await browser.newContext();
    await dashCtx.addInitScript(signIn(session));
    const dashJs = await scriptsLoaded(dashCtx, dashboardUrl, '[data-testid=stat-completion-rate] .value');
    await dashCtx.close();
    const kb = (n: number) => `${fmt(n / 1024, 1)} KB`;
    rows.push({
      section: 'web', what: 'login page: JS loaded (gzip -9)', value: `${kb(loginJs.gzip)} in ${loginJs.files} files (${kb(loginJs.wire)} on the wire, brotli)`,
      target: '≤ 100 KB', verdict: loginJs.gzip <= LOGIN_JS_TARGET ? 'PASS' : 'MISS',
    });
    rows.push({
      section: 'web', what: 'leader dashboard route: JS loaded (gzip -9)', value: `${kb(dashJs.gzip)} in ${dashJs.files} files (${kb(dashJs.wire)} on the wire, brotli)`,
      target: '≤ 350 KB', verdict: dashJs.gzip <= DASHBOARD_JS_TARGET ? 'PASS' : 'MISS',
    });

    // 3. Time to interactive: numbers shown and charts drawn, cold cache, phone viewport.
    const runs = opts.smoke ? 1 : 5;
    for (const network of ['loopback', '4g'] as const) {
      await dashboardReady(browser, dashboardUrl, session, network); // warm the server's read cache and JIT
      const loads: { numbers: number; charts: number }[] = [];
      for (let i = 0; i < runs; i++) loads.push(await dashboardReady(browser, dashboardUrl, session, network));
      const times = loads.map((l) => l.charts);
      const numbers = loads.map((l) => l.numbers);
      const target = network === 'loopback' ? 1500 : 3000;
      rows.push({
        section: 'web', what: `dashboard interactive (numbers + 4 charts drawn), ${network === 'loopback' ? 'loopback' : '4G emulation (9 Mbit/s, 40 ms RTT)'}`,
        value: `median ${ms(median(times))}, max ${ms(Math.max(...times))}; numbers alone median ${ms(median(numbers))} (${runs} cold loads, load average ${fmt(loadavg()[0], 1)} on ${cpus().length} cores)`,
        target: `≤ ${ms(target)}`, verdict: median(times) <= target ? 'PASS' : 'MISS',
      });
      json[`webDashboard_${network}`] = loads;
    }

    // 4. The ledger pages on the server: GET /api/tasks, 50 a page, first, middle and last pages.
    const pageSize = 50;
    const pages = Math.ceil(ledgerTasks / pageSize);
    const times: number[] = [];
    for (const p of [1, Math.ceil(pages / 2), pages, 1, Math.ceil(pages / 2), pages, 2, 3, 4, 5]) {
      const t0 = nowMs();
      const res = await httpJson<{ items: unknown[]; total: number }>(base, 'GET', `/api/tasks?planId=${boot.planId}&page=${p}&pageSize=${pageSize}`, undefined, admin);
      times.push(nowMs() - t0);
      if (res.status !== 200 || res.body.total !== ledgerTasks) throw new Error(`ledger page ${p}: ${res.status} total ${res.body.total}`);
    }
    rows.push({
      section: 'web', what: `ledger of ${fmt(ledgerTasks)} tasks: one page of ${pageSize} (GET /api/tasks)`,
      value: `p50 ${ms(median(times))}, p90 ${ms(percentile(times, 90))}, max ${ms(Math.max(...times))} over first/middle/last pages`,
      target: 'paged on the server',
    });
    json.webLedgerPageMs = times;
  } finally {
    await browser?.close();
    await server?.stop();
    await obliterate(opts.redisUrl, env.QUEUE_PREFIX);
    if (!opts.keep) await db.drop();
  }
}
