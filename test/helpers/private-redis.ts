// A redis-server of the test's own on a free port, which the test may stop, restart and flush
// (AOF on, as the service runs it), without disturbing any shared Redis.
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, isPortOpen } from '../../src/queue/redis-launcher';

export class PrivateRedis {
  private child: ChildProcess | null = null;
  private constructor(readonly port: number, private readonly dir: string) {}

  static async start(): Promise<PrivateRedis> {
    const r = new PrivateRedis(await freePort(), mkdtempSync(join(tmpdir(), 'duban-private-redis-')));
    await r.up();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    this.child = spawn('redis-server', [
      '--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes',
      '--maxmemory-policy', 'noeviction', '--save', '', '--logfile', '',
    ], { stdio: 'ignore' });
    for (let i = 0; i < 200 && !(await isPortOpen(this.port)); i++) await new Promise((r) => setTimeout(r, 25));
  }

  isUp(): Promise<boolean> {
    return isPortOpen(this.port);
  }

  async down(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async flushAll(): Promise<void> {
    const c = new Redis(this.url, { maxRetriesPerRequest: 1 });
    await c.flushall();
    c.disconnect();
  }

  async stop(): Promise<void> {
    await this.down();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
