// Section 5: plan import through POST /api/plans/import (JSON {text, dryRun}), the seed 工作要点 and a
// generated 1,000-item one, dry run and real, against the app in a child process on SQLite.
import { appEnv, BenchOptions, Child, createDatabase, DbType, fmt, log, login, median, ms, nowMs, obliterate, Row, startChild } from './lib';
import { bootstrapDatabase, generatedPlanText, PLAN_YEAR, seedPlanText } from './seed';

async function post(base: string, token: string, body: unknown): Promise<{ ms: number; status: number; items: number; bytes: number }> {
  const t0 = nowMs();
  const res = await fetch(`${base}/api/plans/import`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body),
  });
  const text = await res.text();
  const elapsed = nowMs() - t0;
  if (res.status !== 200) throw new Error(`import: ${res.status} ${text.slice(0, 300)}`);
  const view = JSON.parse(text) as { sections: { items?: unknown[]; sections?: unknown[] }[] };
  const count = (ss: { items?: unknown[]; sections?: unknown[] }[]): number =>
    ss.reduce((n, s) => n + (s.items?.length ?? 0) + count((s.sections ?? []) as { items?: unknown[]; sections?: unknown[] }[]), 0);
  return { ms: elapsed, status: res.status, items: count(view.sections), bytes: Buffer.byteLength(text) };
}

export async function runImport(opts: BenchOptions, rows: Row[], json: Record<string, unknown>, dbType: DbType = 'sqlite'): Promise<void> {
  const db = await createDatabase(dbType, opts.pgAdminUrl, 'import');
  const env = appEnv(db, opts, { WORKER_IN_API: 'false' });
  let server: Child | null = null;
  const section = `5 plan import (${dbType}, POST /api/plans/import, JSON)`;
  const reps = opts.smoke ? 2 : 5;
  const generatedItems = opts.smoke ? 100 : 1000;
  const out: Record<string, unknown>[] = [];
  try {
    // The first boot runs the migrations and creates the admin (bootstrapDatabase imports a plan of a
    // different year, so it does not collide with the imports timed here).
    await bootstrapDatabase(db, env, generatedPlanText(5).replace(new RegExp(String(PLAN_YEAR), 'g'), String(PLAN_YEAR - 1)));
    server = await startChild('server.js', { BENCH_APP_ENV: JSON.stringify(env) });
    const base = `http://127.0.0.1:${server.port}`;
    const token = await login(base);
    const docs = [
      { name: 'seed plan', text: (v: number) => seedPlanText(v), title: (v: number) => (v ? `惠济区${PLAN_YEAR}年推进依法行政建设法治政府工作要点（${v}）` : undefined) },
      { name: `generated ${fmt(generatedItems)}-item plan`, text: (v: number) => generatedPlanText(generatedItems, v), title: () => undefined },
    ];
    for (const d of docs) {
      const dry: number[] = [];
      let items = 0;
      let kib = 0;
      for (let i = 0; i < reps; i++) {
        const r = await post(base, token, { text: d.text(0), dryRun: true, year: PLAN_YEAR });
        dry.push(r.ms);
        items = r.items;
        kib = r.bytes / 1024;
      }
      const real: number[] = [];
      for (let v = 1; v <= reps; v++) {
        const title = d.title(v);
        real.push((await post(base, token, { text: d.text(v), year: PLAN_YEAR, ...(title ? { title } : {}) })).ms);
      }
      const chars = d.text(0).length;
      rows.push(
        { section, what: `${d.name}, dry run (${fmt(items)} items, ${fmt(chars)} chars)`, value: `median ${ms(median(dry))}, max ${ms(Math.max(...dry))} (n=${reps}), response ${fmt(kib)} KiB` },
        { section, what: `${d.name}, stored`, value: `median ${ms(median(real))}, max ${ms(Math.max(...real))} (n=${reps})` },
      );
      out.push({ name: d.name, items, chars, dryRun: dry, stored: real });
      log(`import: ${d.name}: dry ${ms(median(dry))}, stored ${ms(median(real))}`);
    }
    json.import = out;
  } finally {
    await server?.stop();
    await obliterate(opts.redisUrl, env.QUEUE_PREFIX);
    if (!opts.keep) await db.drop();
  }
}
