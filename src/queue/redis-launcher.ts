// Finds the Redis the service should use, starting a private one when none is configured:
//   REDIS_URL set                  → use it;
//   something listens on :6379     → use redis://127.0.0.1:6379;
//   redis-server installed         → start it (AOF on, noeviction, data under ./data/redis), stop it on exit;
//   otherwise                      → say how to install it and run without Redis (health shows redis "down").
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';

export interface RedisLaunchOptions {
  url: string | null;
  autostart: boolean;
  dataDir: string;
  /** Port for a started server; 6379 by default, 0 picks a free one (tests). */
  port?: number;
  /** The server binary (default redis-server on PATH). */
  binary?: string;
}

export interface RedisHandle {
  url: string | null;
  started: boolean;
  stop(): Promise<void>;
}

export interface LaunchLogger {
  log(msg: object): void;
  warn(msg: object): void;
}

export function isPortOpen(port: number, host = '127.0.0.1', timeoutMs = 300): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export function redisServerInstalled(binary = 'redis-server'): boolean {
  return spawnSync(binary, ['--version'], { stdio: 'ignore' }).status === 0;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

const NONE: RedisHandle = { url: null, started: false, stop: async () => undefined };

export async function ensureRedis(opts: RedisLaunchOptions, logger: LaunchLogger): Promise<RedisHandle> {
  if (opts.url) return { ...NONE, url: opts.url };
  const wanted = opts.port ?? 6379;
  if (wanted !== 0 && (await isPortOpen(wanted))) return { ...NONE, url: `redis://127.0.0.1:${wanted}` };
  if (!opts.autostart) {
    logger.warn({ msg: 'no Redis configured (REDIS_URL) and none on 127.0.0.1:6379; reminders wait in the database until one is available' });
    return NONE;
  }
  const binary = opts.binary ?? 'redis-server';
  if (!redisServerInstalled(binary)) {
    logger.warn({
      msg: 'redis-server is not installed: the API runs, health reports redis "down" and reminders wait in the database',
      install: 'Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis; or set REDIS_URL',
    });
    return NONE;
  }
  const port = wanted === 0 ? await freePort() : wanted;
  mkdirSync(opts.dataDir, { recursive: true });
  const child = spawn(
    binary,
    [
      '--port', String(port), '--bind', '127.0.0.1', '--dir', opts.dataDir,
      // Durability settings BullMQ needs to keep jobs: AOF every second and never evict keys.
      '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction',
      '--save', '', '--daemonize', 'no', '--logfile', '',
    ],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && !(await isPortOpen(port)); i++) await new Promise((r) => setTimeout(r, 50));
  if (!(await isPortOpen(port))) {
    child.kill('SIGKILL');
    logger.warn({ msg: 'started redis-server did not come up; continuing without Redis', port });
    return NONE;
  }
  logger.log({ msg: 'started a private redis-server', url, dataDir: opts.dataDir });
  const stopOnExit = () => child.kill('SIGTERM');
  process.once('exit', stopOnExit);
  return { url, started: true, stop: () => stopChild(child, stopOnExit) };
}

function stopChild(child: ChildProcess, listener: () => void): Promise<void> {
  process.removeListener('exit', listener);
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
