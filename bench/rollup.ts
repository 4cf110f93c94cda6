// Section 2: a quarter's roll-up, timed request by request (sequential, one client), at district and
// province scale on SQLite and PostgreSQL. The server runs without the worker, so the boot catch-up
// does not close the plan's ended quarters: GET …/rollups/<year>Q2 computes the live roll-up. Then
// the quarters are closed by hand (timed: the close computes the same roll-up inside a transaction)
// and the frozen snapshot and the dashboard are timed as production serves them.
import { quarterEnd } from '../src/common/time/business-date';
import {
  appEnv, BenchDatabase, BenchOptions, Child, createDatabase, DbType, fmt, httpJson, log, login, obliterate, median, ms, nowMs,
  postgresAvailable, Row, startChild,
} from './lib';
import { bootstrapDatabase, PLAN_YEAR, SCALES, seedLedger } from './seed';

async function timeRequests(base: string, path: string, token: string, n: number, method = 'GET'): Promise<{ times: number[]; bytes: number; body: unknown }> {
  const times: number[] = [];
  let bytes = 0;
  let body: unknown = null;
  for (let i = 0; i < n; i++) {
    const t0 = nowMs();
    const res = await fetch(base + path, { method, headers: { authorization: `Bearer ${token}` } });
    const text = await res.text();
    times.push(nowMs() - t0);
    if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    bytes = Buffer.byteLength(text);
    body = JSON.parse(text);
  }
  return { times, bytes, body };
}

const summary = (t: number[]) => `median ${ms(median(t))}, max ${ms(Math.max(...t))} (n=${t.length})`;

export async function runRollupOne(opts: BenchOptions, dbType: DbType, scaleName: 'smoke' | 'district' | 'province', rows: Row[], out: Record<string, unknown>[]): Promise<void> {
  const scale = SCALES[scaleName];
  const today = new Date().toISOString().slice(0, 10);
  const db: BenchDatabase = await createDatabase(dbType, opts.pgAdminUrl, `rollup-${scaleName}`);
  let server: Child | null = null;
  const section = `2 roll-up (${dbType}, ${scaleName})`;
  // READ_CACHE_TTL_MS=0: every request computes (concurrent ones still share one computation), so
  // these are the figures of the first request after any write, not of the read cache.
  const env = appEnv(db, opts, { WORKER_IN_API: 'false', READ_CACHE_TTL_MS: '0' });
  try {
    const boot = await bootstrapDatabase(db, env);
    log(`rollup ${dbType}/${scaleName}: seeding ${scale.tasks} tasks, ${scale.reports} reports…`);
    const seeded = await seedLedger(db, boot, scale, { today, dueFrom: `${PLAN_YEAR}-03-15`, dueTo: `${PLAN_YEAR}-12-31`, withHistory: true });
    log(`rollup ${dbType}/${scaleName}: seeded in ${ms(seeded.ms)} (${seeded.reports} reports, ${seeded.figures} figures)`);
    rows.push({
      section, what: 'seeding (bulk SQL)',
      value: `${ms(seeded.ms)} for ${fmt(seeded.tasks)} tasks, ${fmt(seeded.departments.length)} departments, ${fmt(seeded.reports)} reports, ${fmt(seeded.figures)} figures`,
    });

    server = await startChild('server.js', { BENCH_APP_ENV: JSON.stringify(env) }, opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] : []);
    const base = `http://127.0.0.1:${server.port}`;
    const token = await login(base);
    const n = scaleName === 'province' ? 5 : opts.smoke ? 3 : 10;
    const q2 = `/api/plans/${boot.planId}/rollups/${PLAN_YEAR}Q2`;
    const live = await timeRequests(base, q2, token, n);
    const liveStatus = (live.body as { status: string }).status;
    const liveOk = Math.max(...live.times) < 1000;
    rows.push({
      section, what: `GET roll-up ${PLAN_YEAR}Q2 (${liveStatus})`, value: `${summary(live.times)}, ${fmt(live.bytes / 1024)} KiB`,
      target: scaleName === 'province' ? '< 1 s' : '', verdict: scaleName === 'province' ? (liveOk ? 'PASS' : 'MISS') : '',
    });
    const dashLive = await timeRequests(base, `/api/plans/${boot.planId}/dashboard`, token, Math.min(n, 3));
    rows.push({ section, what: 'GET dashboard (no quarter closed yet)', value: `${summary(dashLive.times)}, ${fmt(dashLive.bytes / 1024)} KiB` });

    // Close the ended quarters as the scheduler would (the POST is the admin's way to the same close).
    const ended = [1, 2, 3, 4].filter((q) => quarterEnd({ year: PLAN_YEAR, quarter: q as 1 }) < today);
    const closeTimes: number[] = [];
    for (const q of ended) {
      const r = await timeRequests(base, `/api/plans/${boot.planId}/rollups/${PLAN_YEAR}Q${q}/close`, token, 1, 'POST');
      closeTimes.push(r.times[0]);
    }
    let snap: { times: number[]; bytes: number } | null = null;
    let dashClosed: { times: number[]; bytes: number } | null = null;
    if (ended.length) {
      rows.push({ section, what: `POST close ${ended.map((q) => `Q${q}`).join(', ')} (each)`, value: closeTimes.map((t) => ms(t)).join(', ') });
      if (ended.includes(2)) {
        snap = await timeRequests(base, q2, token, n);
        rows.push({ section, what: `GET roll-up ${PLAN_YEAR}Q2 (closed snapshot)`, value: `${summary(snap.times)}, ${fmt(snap.bytes / 1024)} KiB` });
      }
      dashClosed = await timeRequests(base, `/api/plans/${boot.planId}/dashboard`, token, Math.min(n, 3));
      rows.push({ section, what: `GET dashboard (${ended.length} quarters closed)`, value: summary(dashClosed.times) });
    }
    out.push({
      db: dbType, scale: scaleName, seeding: seeded, live: live.times, liveBytes: live.bytes, dashboardLive: dashLive.times,
      close: closeTimes, snapshot: snap?.times ?? null, dashboardClosed: dashClosed?.times ?? null,
    });
    log(`rollup ${dbType}/${scaleName}: live ${summary(live.times)}`);
  } finally {
    await server?.stop();
    await obliterate(opts.redisUrl, env.QUEUE_PREFIX);
    if (!opts.keep) await db.drop();
    else log(`rollup: kept database ${db.path ?? db.url}`);
  }
}

export async function runRollup(opts: BenchOptions, rows: Row[], json: Record<string, unknown>): Promise<void> {
  const scales: ('smoke' | 'district' | 'province')[] = opts.smoke ? ['smoke'] : opts.scale === 'province' ? ['district', 'province'] : ['district'];
  const out: Record<string, unknown>[] = [];
  for (const dbType of opts.dbs) {
    if (dbType === 'postgres' && !(await postgresAvailable(opts.pgAdminUrl))) {
      rows.push({ section: '2 roll-up (postgres)', what: 'skipped', value: `PostgreSQL not reachable at ${opts.pgAdminUrl}` });
      continue;
    }
    for (const s of scales) await runRollupOne(opts, dbType, s, rows, out);
  }
  json.rollup = out;
}
