// Section 2: a quarter's roll-up, timed request by request (sequential, one client), at district and
// province scale on SQLite and PostgreSQL. The server runs without the worker, so the boot catch-up
// does not close the plan's ended quarters: GET …/rollups/<year>Q2 computes the live roll-up. Then
// the quarters are closed by hand (timed: the close computes the same roll-up inside a transaction)
// and the frozen snapshot and the dashboard are timed as production serves them.
import { quarterEnd } from '../src/common/time/business-date';
import {
  appEnv, BenchDatabase, BenchOptions, Child, createDatabase, DbType, fmt, httpJson, log, login, obliterate, median, ms, nowMs, sleep,
  postgresAvailable, Row, startChild, waitReady,
} from './lib';
import { load } from './http';
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

/** Open tasks of the plan to write progress on (as the admin, whose entries are official). */
async function openTaskIds(base: string, planId: string, token: string): Promise<string[]> {
  const res = await httpJson<{ items: { id: string }[] }>(base, 'GET', `/api/tasks?planId=${planId}&status=in_progress&pageSize=100`, undefined, token);
  if (res.status !== 200 || !res.body.items.length) throw new Error(`open tasks: ${res.status}`);
  return res.body.items.map((t) => t.id);
}

/** One progress entry on a task; its round-trip time. */
async function writeOnce(base: string, token: string, taskId: string, i: number): Promise<number> {
  const t0 = nowMs();
  const res = await fetch(`${base}/api/tasks/${taskId}/progress`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ percent: 100 - (i % 50), narrative: `基准写入 ${i}`, reason: '基准测试' }),
  });
  await res.arrayBuffer();
  if (res.status !== 201) throw new Error(`progress write: ${res.status}`);
  return nowMs() - t0;
}

/**
 * Runs `fn` while a writer posts progress entries: every `everyMs`, or back to back when 0. Answers
 * `fn`'s result and the writes' round-trip times.
 */
async function whileWriting<T>(base: string, token: string, ids: string[], everyMs: number, fn: () => Promise<T>): Promise<{ value: T; writes: number[] }> {
  const writes: number[] = [];
  let stop = false;
  let i = 0;
  const writer = (async () => {
    while (!stop) {
      const started = nowMs();
      writes.push(await writeOnce(base, token, ids[i % ids.length], i));
      i++;
      if (everyMs) await sleep(Math.max(0, everyMs - (nowMs() - started)));
    }
  })();
  try {
    return { value: await fn(), writes };
  } finally {
    stop = true;
    await writer;
  }
}

/**
 * The leaders' dashboard under load while one progress entry a second is written (production
 * settings: read cache on, so each write makes the next request fold again), side by side with the
 * bare route and raw node:http measured in the same run under the same writes.
 */
async function dashboardUnderWrites(opts: BenchOptions, env: Record<string, string>, planId: string, section: string, rows: Row[], out: Record<string, unknown>): Promise<void> {
  const server = await startChild('server.js', { BENCH_APP_ENV: JSON.stringify({ ...env, READ_CACHE_TTL_MS: '5000', READ_CACHE_SLOW_MS: '250' }) });
  const raw = await startChild('raw-server.js', {});
  try {
    const base = `http://127.0.0.1:${server.port}`;
    await waitReady(base);
    const token = await login(base);
    const cold = await timeRequests(base, `/api/plans/${planId}/dashboard`, token, 1);
    rows.push({ section, what: 'first dashboard once ready (ledger preloaded at boot)', value: `${ms(cold.times[0])}, ${fmt(cold.bytes / 1024)} KiB` });
    const ids = await openTaskIds(base, planId, token);
    const connections = opts.smoke ? 2 : 20;
    const duration = opts.smoke ? 2 : 10;
    const targets = [
      { name: 'raw node:http', url: `http://127.0.0.1:${raw.port}/`, auth: false },
      { name: 'bare /api/health/live', url: `${base}/api/health/live`, auth: false },
      { name: 'dashboard', url: `${base}/api/plans/${planId}/dashboard`, auth: true },
    ];
    const loadSection = `${section}: ${connections} conn × ${duration} s, one progress entry written every second`;
    const results = [];
    for (const t of targets) {
      const { value, writes } = await whileWriting(base, token, ids, 1000, () => load(t.name, t.url, t.auth ? token : null, connections, duration));
      results.push({ ...value, writes });
      log(`rollup: ${t.name} with a write a second: ${fmt(value.reqPerSec)} req/s, p99 ${value.p99} ms (${writes.length} writes, max ${ms(Math.max(...writes))})`);
    }
    const [rawR, bare, dash] = results;
    for (const r of results) {
      const isDash = r === dash;
      rows.push({
        section: loadSection,
        what: r.name,
        value: `${fmt(r.reqPerSec)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.non2xx || r.errors ? ` (${r.non2xx} non-2xx, ${r.errors} err)` : ''}; writes: ${r.writes.length}, max ${ms(Math.max(...r.writes))}`,
        ratio: r === rawR ? '' : `${fmt((100 * r.reqPerSec) / bare.reqPerSec, 1)} % of bare · ${fmt((100 * r.reqPerSec) / rawR.reqPerSec, 1)} % of raw`,
        target: isDash ? 'p99 < 200 ms' : '', verdict: isDash ? (r.p99 < 200 && !r.non2xx && !r.errors ? 'PASS' : 'MISS') : '',
      });
    }
    const size = await timeRequests(base, `/api/plans/${planId}/dashboard`, token, 1);
    rows.push({ section: loadSection, what: 'dashboard answer', value: `${fmt(size.bytes / 1024)} KiB`, target: '< 200 KB', verdict: size.bytes < 200_000 ? 'PASS' : 'MISS' });
    out.underWrites = { cold: cold.times[0], results, bytes: size.bytes };
  } finally {
    await server.stop();
    await raw.stop();
  }
}

export async function runRollupOne(opts: BenchOptions, dbType: DbType, scaleName: 'smoke' | 'district' | 'province', rows: Row[], out: Record<string, unknown>[]): Promise<void> {
  const scale = SCALES[scaleName];
  const today = new Date().toISOString().slice(0, 10);
  const db: BenchDatabase = await createDatabase(dbType, opts.pgAdminUrl, `rollup-${scaleName}`);
  let server: Child | null = null;
  const section = `2 roll-up (${dbType}, ${scaleName})`;
  // READ_CACHE_TTL_MS=0: every request computes (concurrent ones still share one computation), so
  // these are the figures of the first request after any write, not of the read cache.
  // LEDGER_PRELOAD: as in production, the server loads the plan's ledger after boot and is ready after.
  const env = appEnv(db, opts, { WORKER_IN_API: 'false', READ_CACHE_TTL_MS: '0', LEDGER_PRELOAD: 'true' });
  try {
    const boot = await bootstrapDatabase(db, env);
    log(`rollup ${dbType}/${scaleName}: seeding ${scale.tasks} tasks, ${scale.reports} reports…`);
    const seeded = await seedLedger(db, boot, scale, { today, dueFrom: `${PLAN_YEAR}-03-15`, dueTo: `${PLAN_YEAR}-12-31`, withHistory: true });
    log(`rollup ${dbType}/${scaleName}: seeded in ${ms(seeded.ms)} (${seeded.reports} reports, ${seeded.figures} figures)`);
    rows.push({
      section, what: 'seeding (bulk SQL)',
      value: `${ms(seeded.ms)} for ${fmt(seeded.tasks)} tasks, ${fmt(seeded.departments.length)} departments, ${fmt(seeded.reports)} reports, ${fmt(seeded.figures)} figures`,
    });

    const started = nowMs();
    server = await startChild('server.js', { BENCH_APP_ENV: JSON.stringify(env) }, opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] : []);
    const base = `http://127.0.0.1:${server.port}`;
    const listening = nowMs() - started;
    await waitReady(base);
    const ready = nowMs() - started;
    rows.push({ section, what: 'boot: listening, then ready (/api/health/ready waits for the plan’s ledger, loaded at boot)', value: `${ms(listening)}, ${ms(ready)}` });
    const token = await login(base);
    const n = scaleName === 'province' ? 5 : opts.smoke ? 3 : 10;
    const q2 = `/api/plans/${boot.planId}/rollups/${PLAN_YEAR}Q2`;
    // The first request once ready: the ledger is in memory, only the window's per-task figures are new.
    const first = await timeRequests(base, q2, token, 1);
    rows.push({ section, what: `first roll-up once ready`, value: `${ms(first.times[0])}` });
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
    // Each close runs while a writer posts progress entries back to back: how long a writer waits.
    const closeTimes: number[] = [];
    const writesDuringClose: number[] = [];
    const writeIds = await openTaskIds(base, boot.planId, token);
    const alone = await whileWriting(base, token, writeIds, 0, () => sleep(opts.smoke ? 300 : 2000));
    for (const q of ended) {
      const { value: r, writes } = await whileWriting(base, token, writeIds, 0, () => timeRequests(base, `/api/plans/${boot.planId}/rollups/${PLAN_YEAR}Q${q}/close`, token, 1, 'POST'));
      closeTimes.push(r.times[0]);
      writesDuringClose.push(...writes);
    }
    let snap: { times: number[]; bytes: number } | null = null;
    let dashClosed: { times: number[]; bytes: number } | null = null;
    if (ended.length) {
      rows.push({ section, what: `POST close ${ended.map((q) => `Q${q}`).join(', ')} (each), a writer posting back to back`, value: closeTimes.map((t) => ms(t)).join(', ') });
      const maxWrite = Math.max(...writesDuringClose);
      rows.push({
        section, what: 'progress writes during the closes (vs. with no close)',
        value: `${writesDuringClose.length} writes, median ${ms(median(writesDuringClose))}, max ${ms(maxWrite)} (alone: ${alone.writes.length} writes, median ${ms(median(alone.writes))}, max ${ms(Math.max(...alone.writes))})`,
        target: scaleName === 'province' ? 'max < 200 ms' : '', verdict: scaleName === 'province' ? (maxWrite < 200 ? 'PASS' : 'MISS') : '',
      });
      if (ended.includes(2)) {
        snap = await timeRequests(base, q2, token, n);
        rows.push({ section, what: `GET roll-up ${PLAN_YEAR}Q2 (closed snapshot)`, value: `${summary(snap.times)}, ${fmt(snap.bytes / 1024)} KiB` });
      }
      dashClosed = await timeRequests(base, `/api/plans/${boot.planId}/dashboard`, token, Math.min(n, 3));
      rows.push({ section, what: `GET dashboard (${ended.length} quarters closed)`, value: summary(dashClosed.times) });
    }
    const record: Record<string, unknown> = {};
    if (dbType === 'sqlite' || scaleName === 'province') {
      await server.stop();
      server = null;
      await dashboardUnderWrites(opts, env, boot.planId, section, rows, record);
    }
    out.push({
      ...record, listening, ready, first: first.times[0], writesDuringClose,
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
