// Section 1: routes under load. The app runs in a child process (bench/server.ts), the raw node:http
// ceiling in another (bench/raw-server.ts), autocannon in this one, all on the same machine.
import autocannon from 'autocannon';
import { quarterEnd, quarterOfDate } from '../src/common/time/business-date';
import {
  appEnv, BenchOptions, Child, createDatabase, fmt, httpJson, log, login, obliterate, Row, sleep, startChild,
} from './lib';
import { bootstrapDatabase, PLAN_YEAR, SCALES, seedLedger } from './seed';

export interface LoadResult {
  name: string;
  path: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export async function load(name: string, url: string, token: string | null, connections: number, duration: number): Promise<LoadResult> {
  const r = await autocannon({
    url, connections, duration, timeout: 30,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return {
    name, path: new URL(url).pathname + new URL(url).search, reqPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99,
    non2xx: r.non2xx, errors: r.errors + r.timeouts,
  };
}

export async function runHttp(opts: BenchOptions, rows: Row[], json: Record<string, unknown>): Promise<void> {
  const scaleName = opts.smoke ? 'smoke' : 'district';
  const scale = SCALES[scaleName];
  const connections = opts.smoke ? 2 : 50;
  const duration = opts.smoke ? 1 : 10;
  const today = new Date().toISOString().slice(0, 10);
  const db = await createDatabase(opts.httpDb, opts.pgAdminUrl, 'http');
  let server: Child | null = null;
  let raw: Child | null = null;
  const env = appEnv(db, opts, { WORKER_IN_API: 'true' });
  try {
    // Production settings: the worker (and the quarter-close catch-up) runs in the API process.
    const boot = await bootstrapDatabase(db, env);
    const seeded = await seedLedger(db, boot, scale, { today, dueFrom: `${PLAN_YEAR}-03-15`, dueTo: `${PLAN_YEAR}-12-31`, withHistory: true });
    log(`http: ${scaleName} data on ${db.type}: ${seeded.tasks} tasks, ${seeded.departments.length} departments, ${seeded.reports} reports, ${seeded.figures} figures (${Math.round(seeded.ms)} ms)`);

    server = await startChild('server.js', { BENCH_APP_ENV: JSON.stringify(env) }, opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] : []);
    raw = await startChild('raw-server.js', {});
    const base = `http://127.0.0.1:${server.port}`;
    const token = await login(base);

    // The boot catch-up closes the plan year's ended quarters: wait for it, so the dashboard serves
    // what production serves (frozen snapshots for ended quarters, live for the current one).
    const ended = [1, 2, 3, 4].filter((q) => quarterEnd({ year: PLAN_YEAR, quarter: q as 1 }) < today);
    const until = Date.now() + 60_000;
    for (const q of ended) {
      for (;;) {
        const res = await httpJson<{ status: string }>(base, 'GET', `/api/plans/${boot.planId}/rollups/${PLAN_YEAR}Q${q}`, undefined, token);
        if (res.status === 200 && res.body.status === 'closed') break;
        if (Date.now() > until) throw new Error(`quarter ${PLAN_YEAR}Q${q} not closed by the boot catch-up within 60 s`);
        await sleep(200);
      }
    }
    const current = quarterOfDate(today);
    const liveQuarter = current.year === PLAN_YEAR ? current.quarter : 4;

    const targets: { name: string; url: string; auth: boolean }[] = [
      { name: 'raw node:http', url: `http://127.0.0.1:${raw.port}/`, auth: false },
      { name: 'bare /api/health/live', url: `${base}/api/health/live`, auth: false },
      // The floor of any authenticated route: the guard verifies the JWT and reloads the user.
      { name: 'authenticated /api/auth/me', url: `${base}/api/auth/me`, auth: true },
      { name: 'dashboard', url: `${base}/api/plans/${boot.planId}/dashboard`, auth: true },
      { name: `roll-up ${PLAN_YEAR}Q2${ended.includes(2) ? ' (closed)' : ''}`, url: `${base}/api/plans/${boot.planId}/rollups/${PLAN_YEAR}Q2`, auth: true },
      ...(liveQuarter !== 2 ? [{ name: `roll-up ${PLAN_YEAR}Q${liveQuarter} (live)`, url: `${base}/api/plans/${boot.planId}/rollups/${PLAN_YEAR}Q${liveQuarter}`, auth: true }] : []),
      { name: 'task list (50)', url: `${base}/api/tasks?planId=${boot.planId}&pageSize=50`, auth: true },
    ];
    for (const t of targets) {
      const res = await fetch(t.url, { headers: t.auth ? { authorization: `Bearer ${token}` } : {} });
      if (res.status !== 200) throw new Error(`${t.name}: ${res.status} ${(await res.text()).slice(0, 300)}`);
      await res.arrayBuffer();
    }
    const results: LoadResult[] = [];
    for (const t of targets) {
      if (!opts.smoke) await load(t.name, t.url, t.auth ? token : null, connections, 1); // warm-up, not counted
      const r = await load(t.name, t.url, t.auth ? token : null, connections, duration);
      log(`http: ${t.name}: ${fmt(r.reqPerSec)} req/s, p99 ${r.p99} ms${r.non2xx || r.errors ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : ''}`);
      results.push(r);
    }
    // The same routes with the read cache off (READ_CACHE_TTL_MS=0): what every request costs right
    // after a write, since any committed write makes the next request recompute.
    await server.stop();
    server = await startChild('server.js', { BENCH_APP_ENV: JSON.stringify({ ...env, WORKER_IN_API: 'false', READ_CACHE_TTL_MS: '0' }) });
    const base2 = `http://127.0.0.1:${server.port}`;
    for (const t of targets.filter((x) => x.name === 'dashboard' || x.name.startsWith('roll-up') || x.name.startsWith('task list'))) {
      const url = t.url.replace(base, base2);
      if (!opts.smoke) await load(t.name, url, token, connections, 1);
      const r = await load(`${t.name} — read cache off`, url, token, connections, duration);
      log(`http: ${r.name}: ${fmt(r.reqPerSec)} req/s, p99 ${r.p99} ms${r.non2xx || r.errors ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : ''}`);
      results.push(r);
    }
    const rawR = results[0];
    const bare = results[1];
    for (const r of results) {
      const isDashboard = r.name === 'dashboard';
      const ok = r.reqPerSec >= 0.5 * bare.reqPerSec && r.p99 < 50;
      rows.push({
        section: `1 HTTP (${db.type}, ${scaleName}, ${connections} conn × ${duration} s)`,
        what: r.name,
        value: `${fmt(r.reqPerSec)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.non2xx || r.errors ? ` (${r.non2xx} non-2xx, ${r.errors} err)` : ''}`,
        ratio: r === rawR ? '' : `${fmt((100 * r.reqPerSec) / bare.reqPerSec, 1)} % of bare · ${fmt((100 * r.reqPerSec) / rawR.reqPerSec, 1)} % of raw`,
        target: isDashboard ? '≥ 50 % of bare, p99 < 50 ms' : '',
        verdict: isDashboard ? (ok ? 'PASS' : 'MISS') : '',
      });
    }
    json.http = { db: db.type, scale: scaleName, connections, duration, data: { tasks: seeded.tasks, departments: seeded.departments.length, reports: seeded.reports }, results };
  } finally {
    await server?.stop();
    await obliterate(opts.redisUrl, env.QUEUE_PREFIX);
    await raw?.stop();
    if (!opts.keep) await db.drop();
    else log(`http: kept database ${db.path ?? db.url}`);
  }
}
