// Another client, in its own process (so its timers are not held up by the server's event loop):
// asks GET /api/health/live again and again and reports the slowest answer.
import { spawn } from 'node:child_process';

const SCRIPT = `
const http = require('node:http');
const [url, ms] = [process.argv[1], Number(process.argv[2])];
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const latencies = [];
let failures = 0;
const until = Date.now() + ms;
(async () => {
  while (Date.now() < until) {
    const t0 = process.hrtime.bigint();
    const ok = await new Promise((resolve) => {
      const req = http.get(url, { agent, timeout: 5000 }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode === 200)); });
      req.on('error', () => resolve(false));
      req.on('timeout', () => { req.destroy(); resolve(false); });
    });
    if (!ok) failures++;
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    await new Promise((r) => setTimeout(r, 20));
  }
  process.stdout.write(JSON.stringify({ count: latencies.length, maxMs: Math.max(...latencies), failures }));
  agent.destroy();
})();
`;

export interface ProbeResult {
  count: number;
  maxMs: number;
  failures: number;
}

/** Probes `url` for `ms` milliseconds from a child process; resolves with the slowest answer. */
export function probeLiveness(url: string, ms: number): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', SCRIPT, url, String(ms)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      try {
        resolve(JSON.parse(out) as ProbeResult);
      } catch {
        reject(new Error(`liveness probe printed ${out}`));
      }
    });
  });
}
