// Starts the BUILT service (node dist/src/main.js, serving web/dist) on a free port with a real
// SQLite temp file and the real Redis, for the browser journeys. `npm run test:browser` builds first.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RedisHandle } from '../../src/queue/redis-launcher';
import { startTestRedis } from '../helpers/test-redis';

export const ADMIN = { username: 'admin', password: 'admin-browser-pass' };

export interface Service {
  url: string;
  /** JSON call to the API; throws with the body on a non-2xx answer. */
  api<T = any>(method: string, path: string, token?: string | null, body?: unknown): Promise<T>;
  /** Raw call (status and parsed body), for checks on error answers. */
  raw(method: string, path: string, token?: string | null, body?: unknown): Promise<{ status: number; body: any; headers: Headers }>;
  login(username: string, password: string): Promise<string>;
  adminToken: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

export async function startService(env: Record<string, string> = {}): Promise<Service> {
  const root = process.cwd();
  const main = resolve(root, 'dist/src/main.js');
  if (!existsSync(main) || !existsSync(resolve(root, 'web/dist/index.html'))) {
    throw new Error('build first: npm run build && npm run build:web (npm run test:browser does both)');
  }
  const dir = mkdtempSync(join(tmpdir(), 'duban-browser-'));
  const redis: RedisHandle = await startTestRedis();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [main], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      DB_TYPE: 'sqlite',
      DATABASE_PATH: join(dir, 'duban.sqlite'),
      REDIS_URL: redis.url!,
      REDIS_AUTOSTART: 'false',
      QUEUE_PREFIX: `browser-${randomBytes(4).toString('hex')}`,
      JWT_SECRET: randomBytes(24).toString('hex'),
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      LOGIN_RATE_LIMIT: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output = (output + d).slice(-20_000)));
  child.stderr?.on('data', (d) => (output = (output + d).slice(-20_000)));
  let exited = false;
  child.once('exit', () => (exited = true));

  const raw: Service['raw'] = async (method, path, token, body) => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${url}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  const api: Service['api'] = async (method, path, token, body) => {
    const r = await raw(method, path, token, body);
    if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const login = async (username: string, password: string) =>
    (await api<{ accessToken: string }>('POST', '/auth/login', null, { username, password })).accessToken;

  const until = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`service exited during start:\n${output}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) throw new Error(`service did not start in 30 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  const adminToken = await login(ADMIN.username, ADMIN.password);
  return {
    url, api, raw, login, adminToken,
    stop: async () => {
      if (!exited) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
        if (!exited) child.kill('SIGKILL');
      }
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
