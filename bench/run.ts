// Benchmarks of 督办台账 (issue 6). `npm run bench` (district scale), `npm run bench -- --scale province`,
// `npm run bench -- --smoke` (tiny sizes, 1 s load runs: CI keeps it working). `--only http,rollup,
// reminders,lateness,import` selects sections; `--db sqlite,postgres` the roll-up databases; `--http-db`
// the HTTP section's; `--profile <dir>` writes CPU profiles of the server child; `--json <file>` the
// raw figures; `--keep` keeps the databases. Figures and ratios print as one table at the end.
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { runHttp } from './http';
import { runImport } from './import';
import { runLateness } from './lateness';
import { log, ms, nowMs, parseArgs, Row, Section } from './lib';
import { runReminders } from './reminders';
import { runRollup } from './rollup';
import { runWeb } from './web';

function machine(): string {
  let redis = '?';
  try {
    redis = execSync('redis-cli INFO server', { encoding: 'utf8' }).match(/redis_version:(\S+)/)?.[1] ?? '?';
  } catch {
    // redis-cli missing
  }
  let git = '?';
  try {
    const head = execSync('git rev-parse --short HEAD', { encoding: 'utf8', cwd: __dirname }).trim();
    const dirty = execSync('git status --porcelain -- src config migrations', { encoding: 'utf8', cwd: __dirname }).trim() ? ' + uncommitted src changes' : '';
    git = head + dirty;
  } catch {
    // not a git checkout
  }
  return `${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}, redis ${redis}, commit ${git}`;
}

function printTable(rows: Row[]): string {
  const cols: (keyof Row)[] = ['what', 'value', 'ratio', 'target', 'verdict'];
  const heads: Record<string, string> = { what: 'what', value: 'figure', ratio: 'ratio', target: 'target', verdict: '' };
  const width = (c: keyof Row) => Math.max(heads[c].length, ...rows.map((r) => String(r[c] ?? '').length));
  const w = Object.fromEntries(cols.map((c) => [c, Math.min(width(c), c === 'value' ? 110 : 70)])) as Record<string, number>;
  const line = (r: Record<string, string>) => cols.map((c) => String(r[c] ?? '').padEnd(w[c])).join(' | ').trimEnd();
  const out: string[] = [];
  let section = '';
  for (const r of rows) {
    if (r.section !== section) {
      section = r.section;
      out.push('', `## ${section}`, line(heads), cols.map((c) => '-'.repeat(w[c])).join('-|-'));
    }
    out.push(line(r as unknown as Record<string, string>));
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const rows: Row[] = [];
  const json: Record<string, unknown> = { startedAt: new Date().toISOString(), argv: process.argv.slice(2), machine: machine(), scale: opts.scale };
  const t0 = nowMs();
  const sections: [Section, () => Promise<void>][] = [
    ['http', () => runHttp(opts, rows, json)],
    ['rollup', () => runRollup(opts, rows, json)],
    ['reminders', () => runReminders(opts, rows, json)],
    ['lateness', () => runLateness(opts, rows, json)],
    ['import', () => runImport(opts, rows, json)],
    ['web', () => runWeb(opts, rows, json)],
  ];
  let failed = 0;
  for (const [name, run] of sections) {
    if (!opts.only.has(name)) continue;
    const s0 = nowMs();
    log(`section ${name}…`);
    try {
      await run();
    } catch (err) {
      failed++;
      log(`section ${name} FAILED: ${(err as Error).stack ?? String(err)}`);
      rows.push({ section: name, what: 'FAILED', value: (err as Error).message.slice(0, 200) });
    }
    log(`section ${name} done in ${ms(nowMs() - s0)}`);
  }
  json.totalMs = nowMs() - t0;
  json.rows = rows;
  process.stdout.write(`\n# 督办台账 benchmarks — scale ${opts.scale}, ${new Date().toISOString()}\n# ${json.machine}\n# node dist/bench/run.js ${process.argv.slice(2).join(' ')}  (total ${ms(nowMs() - t0)})\n`);
  process.stdout.write(printTable(rows) + '\n');
  if (opts.jsonOut) writeFileSync(opts.jsonOut, JSON.stringify(json, null, 2));
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
