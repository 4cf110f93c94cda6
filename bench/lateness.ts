// Section 4: reminder lateness. 10,000 open tasks due on the same day; the app runs in this process
// with the worker (as in production, WORKER_IN_API) and a ShiftedClock set so that 09:00 Shanghai of
// that day — when every due-day reminder fires — is a few seconds ahead. The tasks' reminders are
// planned through ReminderPlanner.created (the dispatcher is nudged after commit, as for a real
// assignment); once every 'due' row is 'sent', lateness = sent_at − fire_at from the reminders table.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { createApp } from '../src/app.factory';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { businessInstant } from '../src/common/time/business-date';
import { ShiftedClock } from '../src/common/time/clock';
import { ReminderPlanner } from '../src/modules/reminders/reminder-planner.service';
import { Task } from '../src/modules/tasks/task.entity';
import { appEnv, BenchOptions, createDatabase, DbType, fmt, log, ms, nowMs, obliterate, percentile, Row, sleep } from './lib';
import { bootstrapDatabase, SCALES, seedLedger } from './seed';

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The first Tuesday–Thursday at least two weeks ahead: a plain working day. */
function fireDay(today: string): string {
  let d = addDays(today, 14);
  while (![2, 3, 4].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) d = addDays(d, 1);
  return d;
}

export async function runLateness(opts: BenchOptions, rows: Row[], json: Record<string, unknown>, dbType: DbType = 'sqlite'): Promise<void> {
  const n = opts.smoke ? 200 : 10_000;
  const departments = opts.smoke ? 10 : 200;
  const leadMs = opts.smoke ? 8_000 : 45_000;
  const section = `4 reminder lateness (${dbType}, ${fmt(n)} due at the same instant)`;
  const today = new Date().toISOString().slice(0, 10);
  const day = fireDay(today);
  const db = await createDatabase(dbType, opts.pgAdminUrl, 'lateness');
  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  const env = appEnv(db, opts, { WORKER_IN_API: 'false', DISPATCH_INTERVAL_MS: '1000' });
  const prefix = env.QUEUE_PREFIX;
  try {
    const boot = await bootstrapDatabase(db, env);
    const seeded = await seedLedger(db, boot, { ...SCALES.district, departments, users: departments, tasks: n, reports: 0, notices: 0 },
      { today, dueFrom: day, dueTo: day, withHistory: false });
    log(`lateness: ${seeded.tasks} tasks due ${day}, ${departments} departments with one user each`);

    const fireAt = businessInstant(day, 9);
    // The app's clock reads fireAt − lead now; BullMQ delays are computed from it, so the jobs fire lead ms from now.
    const clock = new ShiftedClock(new Date(fireAt.getTime() - leadMs));
    const fireReal = Date.now() + leadMs;
    app = await createApp(loadConfig({ ...env, WORKER_IN_API: 'true' }), { logger: false, docsUi: false, clock });
    const dataSource = app.get(DataSource);
    const countWhere = async (where: string) => Number((await dataSource.query(`SELECT COUNT(*) AS n FROM reminders WHERE ${where}`))[0].n);

    const t0 = nowMs();
    const tasks = await dataSource.getRepository(Task).find({ where: { planId: boot.planId } });
    await app.get(TransactionRunner).run(() => app!.get(ReminderPlanner).created(tasks));
    const due = await countWhere(`kind = 'due'`);
    while ((await countWhere(`status = 'planned'`)) > 0) await sleep(100);
    const queuedMs = nowMs() - t0;
    const aheadMs = fireReal - Date.now();
    log(`lateness: ${due} due-day reminders queued in ${ms(queuedMs)}, ${ms(aheadMs)} before they fire`);

    const deadline = fireReal + (opts.smoke ? 60_000 : 300_000);
    let sent = 0;
    while (Date.now() < deadline) {
      sent = await countWhere(`kind = 'due' AND status = 'sent'`);
      if (sent >= due) break;
      await sleep(250);
    }
    const lastSentAfterMs = Date.now() - fireReal;
    const rowsSent = (await dataSource.query(`SELECT fire_at AS "fireAt", sent_at AS "sentAt" FROM reminders WHERE kind = 'due' AND status = 'sent'`)) as { fireAt: string; sentAt: string }[];
    const lateness = rowsSent.map((r) => new Date(r.sentAt).getTime() - new Date(r.fireAt).getTime());
    const p50 = percentile(lateness, 50);
    const p99 = percentile(lateness, 99);
    const max = Math.max(...lateness);
    const notifications = Number((await dataSource.query('SELECT COUNT(*) AS n FROM notifications'))[0].n);
    log(`lateness: ${sent}/${due} sent; p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(max)}`);
    rows.push(
      { section, what: 'planned + queued before the fire instant', value: `${ms(queuedMs)} for ${fmt(due)} due-day reminders (+ first overdue + quarterly), ${ms(Math.max(0, aheadMs))} ahead${aheadMs < 1000 ? ' — TOO LATE: lateness below includes queueing' : ''}` },
      { section, what: 'delivered (sent) / notifications written', value: `${fmt(sent)} / ${fmt(due)} sent, ${fmt(notifications)} notifications` },
      { section, what: 'lateness sent_at − fire_at', value: `p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(max)}`, ratio: `${fmt(sent / Math.max(0.001, max / 1000))} reminders/s`, target: 'p99 < 2 s', verdict: sent >= due && p99 < 2000 ? 'PASS' : 'MISS' },
    );
    json.lateness = { db: dbType, n, departments, due, sent, queuedMs, aheadMs, p50, p99, max, lastSentAfterMs, notifications };

  } finally {
    await app?.close();
    await obliterate(opts.redisUrl, prefix);
    if (!opts.keep) await db.drop();
  }
}
