// The compiled service as a child process (dist/src/main.js or dist/src/worker.js), its output
// kept line by line, for tests of what only a real process shows: boot races, signals, logs.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort } from '../../src/queue/redis-launcher';

export const API_ENTRY = resolve(process.cwd(), 'dist/src/main.js');
export const WORKER_ENTRY = resolve(process.cwd(), 'dist/src/worker.js');

export class ServiceProcess {
  readonly lines: string[] = [];
  private exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(readonly child: ChildProcess, readonly port: number) {
    const collect = (stream: NodeJS.ReadableStream | null) => {
      let buf = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        buf += chunk;
        const parts = buf.split('\n');
        buf = parts.pop()!;
        this.lines.push(...parts.filter((l) => l.trim()));
      });
    };
    collect(child.stdout);
    collect(child.stderr);
    this.exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
  }

  /** Starts the API (entry API_ENTRY) or the worker on a free port with the given environment. */
  static async start(entry: string, env: Record<string, string>): Promise<ServiceProcess> {
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first (npm run test:e2e does)`);
    const port = await freePort();
    const child = spawn(process.execPath, [entry], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', JWT_SECRET: 'test-only-jwt-secret-not-for-use', REDIS_AUTOSTART: 'false', PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServiceProcess(child, port);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Log lines parsed as JSON (the others are skipped). */
  json(): Record<string, unknown>[] {
    return this.lines.flatMap((l) => {
      try {
        const v = JSON.parse(l) as unknown;
        return v && typeof v === 'object' ? [v as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });
  }

  /** Waits until the HTTP server answers /api/health/live (API processes only). */
  async waitListening(timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (!this.running) throw new Error(`process exited during boot:\n${this.lines.join('\n')}`);
      try {
        const res = await fetch(`${this.url}/api/health/live`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`not listening after ${timeoutMs} ms:\n${this.lines.join('\n')}`);
  }

  async waitForLine(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const line = this.lines.find((l) => pattern.test(l));
      if (line) return line;
      if (!this.running) throw new Error(`process exited before logging ${pattern}:\n${this.lines.join('\n')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no line matching ${pattern} after ${timeoutMs} ms:\n${this.lines.join('\n')}`);
  }

  /** Sends the signal and waits for the exit; the code, the signal and how long it took. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
    const t0 = Date.now();
    if (this.running) this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const result = await this.exited;
    clearTimeout(timer);
    return { ...result, ms: Date.now() - t0 };
  }
}
