// Shared helpers of the benchmarks: options, timing, statistics, databases, app configuration and
// the child processes (the app server and the raw node:http server).
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import pg from 'pg';
import { redisConnectionOptions } from '../src/queue/queue-connection';
import { QUEUES } from '../src/queue/queues';

export type Scale = 'smoke' | 'district' | 'province';
export type DbType = 'sqlite' | 'postgres';
export const SECTIONS = ['http', 'rollup', 'reminders', 'lateness', 'import', 'web'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  scale: Scale;
  smoke: boolean;
  only: Set<Section>;
  /** Databases for the roll-up section (default both). */
  dbs: DbType[];
  /** Database of the HTTP section (default sqlite). */
  httpDb: DbType;
  /** Write a CPU profile of the server child into this directory. */
  profileDir: string | null;
  jsonOut: string | null;
  pgAdminUrl: string;
  redisUrl: string;
  /** Keep the databases after the run (to EXPLAIN them by hand). */
  keep: boolean;
  /** Override of the reminder-planning task count (default 50,000; smoke 500). */
  reminderTasks: number | null;
}

export function parseArgs(argv: string[]): BenchOptions {
  const get = (name: string): string | null => {
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return null;
    const a = argv[i];
    if (a.includes('=')) return a.slice(a.indexOf('=') + 1);
    const next = argv[i + 1];
    return next && !next.startsWith('--') ? next : '';
  };
  const smoke = argv.includes('--smoke');
  const scaleArg = get('scale');
  const scale: Scale = smoke ? 'smoke' : scaleArg === 'province' ? 'province' : 'district';
  if (scaleArg && !['district', 'province'].includes(scaleArg)) throw new Error(`--scale: expected district or province, got ${scaleArg}`);
  const onlyArg = get('only');
  const only = new Set<Section>();
  for (const s of (onlyArg ?? SECTIONS.join(',')).split(',').map((x) => x.trim()).filter(Boolean)) {
    if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`--only: unknown section ${s} (expected ${SECTIONS.join(',')})`);
    only.add(s as Section);
  }
  const dbs = (get('db') ?? 'sqlite,postgres').split(',').map((x) => x.trim()) as DbType[];
  for (const d of dbs) if (d !== 'sqlite' && d !== 'postgres') throw new Error(`--db: unknown database ${d}`);
  const httpDb = (get('http-db') ?? 'sqlite') as DbType;
  return {
    scale, smoke, only, dbs, httpDb,
    profileDir: get('profile') || null,
    jsonOut: get('json') || null,
    pgAdminUrl: get('pg') || 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: get('redis') || 'redis://127.0.0.1:6379',
    keep: argv.includes('--keep'),
    reminderTasks: get('reminder-tasks') ? Number(get('reminder-tasks')) : null,
  };
}

// ---- timing and statistics -------------------------------------------------------------------

export const nowMs = (): number => performance.now();

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const idx = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[idx];
}

export const median = (values: number[]): number => percentile(values, 50);
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function log(msg: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

/** Small deterministic PRNG (mulberry32), so every run seeds the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- databases -------------------------------------------------------------------------------

export interface BenchDatabase {
  type: DbType;
  /** DB_TYPE, DATABASE_PATH / DATABASE_URL, DATA_DIR for loadConfig. */
  env: Record<string, string>;
  path: string | null;
  url: string | null;
  drop(): Promise<void>;
}

export async function createDatabase(type: DbType, pgAdminUrl: string, label: string): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `duban-bench-${label}-`));
  if (type === 'sqlite') {
    const path = join(dir, 'bench.sqlite');
    return {
      type, path, url: null,
      env: { DB_TYPE: 'sqlite', DATABASE_PATH: path, DATA_DIR: dir },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `duban_bench_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  return {
    type, path: null, url: url.toString(),
    env: { DB_TYPE: 'postgres', DATABASE_URL: url.toString(), DATA_DIR: dir },
    drop: async () => {
      const c = new pg.Client({ connectionString: pgAdminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function postgresAvailable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

export const ADMIN = { username: 'admin', password: 'bench-admin-pass' };

/** The environment loadConfig gets: explicit, never the bench process's own. */
export function appEnv(db: BenchDatabase, opts: BenchOptions, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    JWT_SECRET: 'bench-only-jwt-secret-0123456789',
    REDIS_URL: opts.redisUrl,
    REDIS_AUTOSTART: 'false',
    LOGIN_RATE_LIMIT: '100000',
    QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
    ...db.env,
    ...extra,
  };
}

// ---- child processes -------------------------------------------------------------------------

export interface Child {
  port: number;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** Polls GET /api/health/ready until 200 (the server preloads the plans' ledgers first: LEDGER_PRELOAD). */
export async function waitReady(base: string, timeoutMs = 300_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${base}/api/health/ready`).catch(() => null);
    await res?.arrayBuffer();
    if (res?.status === 200) return;
    if (Date.now() > until) throw new Error(`${base} not ready after ${timeoutMs} ms (last: ${res?.status ?? 'no answer'})`);
    await sleep(100);
  }
}

/** Starts a child script (compiled .js next to this file) and waits for its "LISTENING <port>" line. */
export async function startChild(script: string, env: Record<string, string>, execArgv: string[] = []): Promise<Child> {
  // As `npm start` runs the server (package.json): a young generation large enough that a close's or a
  // fold's short-lived objects die young instead of feeding major collections (pauses of 0.1-0.3 s).
  const flags = script === 'server.js' ? ['--max-semi-space-size=64'] : [];
  const proc = spawn(process.execPath, [...flags, ...execArgv, join(__dirname, script)], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${script} did not start in 120 s: ${stderr}`)), 120_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before listening: ${stderr}`));
    });
  });
  return {
    port, proc,
    stop: () => new Promise<void>((resolve) => {
      if (proc.exitCode !== null) return resolve();
      const kill = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      proc.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      proc.kill('SIGTERM');
    }),
  };
}

// ---- HTTP client -----------------------------------------------------------------------------

export async function httpJson<T = unknown>(
  base: string, method: string, path: string, body?: unknown, token?: string,
): Promise<{ status: number; body: T }> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed as T };
}

export async function login(base: string): Promise<string> {
  const res = await httpJson<{ accessToken: string }>(base, 'POST', '/api/auth/login', ADMIN);
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken;
}

// ---- results ---------------------------------------------------------------------------------

export interface Row {
  section: string;
  what: string;
  value: string;
  ratio?: string;
  target?: string;
  verdict?: 'PASS' | 'MISS' | '';
}

export const fmt = (n: number, digits = 0): string =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a';

export const ms = (n: number): string => (n >= 1000 ? `${fmt(n / 1000, 2)} s` : `${fmt(n, n < 10 ? 2 : 0)} ms`);

/** Removes the BullMQ keys of a prefix (after the app is closed). */
export async function obliterate(redisUrl: string, prefix: string): Promise<void> {
  for (const name of Object.values(QUEUES)) {
    const q = new Queue(name, { prefix: `{${prefix}}`, connection: redisConnectionOptions(redisUrl) });
    await q.obliterate({ force: true }).catch(() => undefined);
    await q.close();
  }
}
