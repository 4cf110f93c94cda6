// Section 3: planning reminders for 50,000 tasks, from "tasks exist" to "every reminder row queued in
// BullMQ", with the app's own ReminderPlanner.created(tasks) (inside TransactionRunner.run, as the
// task service calls it) and ReminderDispatcher.pass() until no row is 'planned' — against a raw
// BullMQ Queue.addBulk of as many delayed jobs with the same payload and options, batches of 1000.
import 'reflect-metadata';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { createApp } from '../src/app.factory';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { ReminderDispatcher } from '../src/modules/reminders/reminder-dispatcher.service';
import { ReminderPlanner } from '../src/modules/reminders/reminder-planner.service';
import { Task } from '../src/modules/tasks/task.entity';
import { QueueConnection, redisConnectionOptions } from '../src/queue/queue-connection';
import { JOBS, QUEUES, reminderJobId } from '../src/queue/queues';
import { appEnv, BenchOptions, createDatabase, DbType, fmt, log, ms, nowMs, obliterate, Row } from './lib';
import { bootstrapDatabase, PLAN_YEAR, SCALES, seedLedger } from './seed';

/** Tasks per ReminderPlanner.created call. */
const PLAN_CHUNK = 5000;

export async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export async function runReminders(opts: BenchOptions, rows: Row[], json: Record<string, unknown>, dbType: DbType = 'sqlite'): Promise<void> {
  const nTasks = opts.reminderTasks ?? (opts.smoke ? 500 : 50_000);
  const departments = opts.smoke ? 10 : SCALES.province.departments;
  const section = `3 reminder planning (${dbType}, ${fmt(nTasks)} tasks)`;
  const today = new Date().toISOString().slice(0, 10);
  const db = await createDatabase(dbType, opts.pgAdminUrl, 'reminders');
  const redis = new Redis(opts.redisUrl);
  const rawPrefix = `{bench-raw-${randomBytes(4).toString('hex')}}`;
  let rawQueue: Queue | null = null;
  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  const env = appEnv(db, opts, { WORKER_IN_API: 'false' });
  try {
    const boot = await bootstrapDatabase(db, env);
    // Open tasks due from 10 days ahead on, so every task gets its 4 reminders (5 and 1 working days
    // before, the due day, the first overdue one); one quarterly reminder per department and quarter ahead.
    const seeded = await seedLedger(db, boot, { ...SCALES.province, departments, tasks: nTasks, reports: 0, notices: 0, users: 0 },
      { today, dueFrom: addDays(today, 10), dueTo: addDays(today, 40), withHistory: false });
    log(`reminders: ${seeded.tasks} open tasks seeded in ${ms(seeded.ms)}`);

    app = await createApp(loadConfig(env), { logger: false, docsUi: false });
    const dataSource = app.get(DataSource);
    const planner = app.get(ReminderPlanner);
    const dispatcher = app.get(ReminderDispatcher);
    const tx = app.get(TransactionRunner);
    const queues = app.get(QueueConnection);
    const q = dataSource.options.type === 'postgres' ? (s: string) => s.replace(/\?/g, () => '$1') : (s: string) => s;
    const count = async (status: string) => Number((await dataSource.query(q('SELECT COUNT(*) AS n FROM reminders WHERE status = ?'), [status]))[0].n);

    const mem0 = await usedMemory(redis);
    const t0 = nowMs();
    const tasks = await dataSource.getRepository(Task).find({ where: { planId: boot.planId } });
    const t1 = nowMs();
    // In chunks, as assignment requests would bring them: one created() call with all 50,000 tasks
    // may fail on SQLite (planning binds task ids in IN lists: "too many SQL variables" above 32,766).
    for (let i = 0; i < tasks.length; i += PLAN_CHUNK) await tx.run(() => planner.created(tasks.slice(i, i + PLAN_CHUNK)));
    const t2 = nowMs();
    let passes = 0;
    do {
      await dispatcher.pass();
      passes++;
    } while ((await count('planned')) > 0 && passes < 1000);
    const t3 = nowMs();
    const mem1 = await usedMemory(redis);
    const queued = await count('queued');
    const ourQueue = queues.queue(QUEUES.reminders)!;
    const delayed = (await ourQueue.getJobCounts('delayed')).delayed;
    const ours = { loadMs: t1 - t0, planMs: t2 - t1, dispatchMs: t3 - t2, totalMs: t3 - t0, rows: queued, delayedJobs: delayed, passes, memBytes: mem1 - mem0 };
    log(`reminders: ours ${queued} rows → ${delayed} delayed jobs in ${ms(ours.totalMs)} (load ${ms(ours.loadMs)}, plan ${ms(ours.planMs)}, dispatch ${ms(ours.dispatchMs)})`);

    // The raw ceiling: as many delayed jobs, same payload and options, batches of 1000.
    const fireTimes = (await dataSource.query('SELECT fire_at AS "fireAt" FROM reminders')) as { fireAt: string }[];
    rawQueue = new Queue('raw-reminders', { prefix: rawPrefix, connection: { ...redisConnectionOptions(opts.redisUrl) } });
    await rawQueue.waitUntilReady();
    const mem2 = await usedMemory(redis);
    const r0 = nowMs();
    const now = Date.now();
    for (let i = 0; i < fireTimes.length; i += 1000) {
      await rawQueue.addBulk(fireTimes.slice(i, i + 1000).map((f) => {
        const id = randomUUID();
        return {
          name: JOBS.reminderFire,
          data: { reminderId: id, attempt: 1 },
          opts: {
            jobId: reminderJobId(id, 1), delay: Math.max(0, new Date(f.fireAt).getTime() - now), attempts: 5,
            backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: { age: 7 * 24 * 3600, count: 1000 }, removeOnFail: { age: 30 * 24 * 3600 },
          },
        };
      }));
    }
    const rawMs = nowMs() - r0;
    const mem3 = await usedMemory(redis);
    const raw = { ms: rawMs, jobs: fireTimes.length, memBytes: mem3 - mem2 };
    log(`reminders: raw addBulk of ${raw.jobs} delayed jobs in ${ms(rawMs)}`);

    const ratio = rawMs / ours.totalMs;
    rows.push(
      { section, what: 'ours: load tasks → planner.created → dispatcher.pass()', value: `${ms(ours.totalMs)} for ${fmt(queued)} rows / ${fmt(delayed)} jobs (load ${ms(ours.loadMs)}, plan ${ms(ours.planMs)}, dispatch ${ms(ours.dispatchMs)})`, ratio: `${fmt(queued / (ours.totalMs / 1000))} rows/s` },
      { section, what: 'raw BullMQ addBulk (batches of 1000)', value: `${ms(rawMs)} for ${fmt(raw.jobs)} jobs`, ratio: `${fmt(raw.jobs / (rawMs / 1000))} jobs/s` },
      { section, what: 'Redis used_memory delta (ours / raw)', value: `${fmt(ours.memBytes / 1048576, 1)} MiB / ${fmt(raw.memBytes / 1048576, 1)} MiB`, ratio: `${fmt(ours.memBytes / Math.max(1, queued), 0)} / ${fmt(raw.memBytes / Math.max(1, raw.jobs), 0)} B per job` },
      { section, what: 'raw time ÷ our time', value: fmt(ratio, 2), target: '≥ 0.50', verdict: ratio >= 0.5 ? 'PASS' : 'MISS' },
    );
    json.reminders = { db: dbType, tasks: nTasks, departments, ours, raw, ratio };

  } finally {
    if (rawQueue) {
      await rawQueue.obliterate({ force: true }).catch(() => undefined);
      await rawQueue.close();
    }
    await app?.close();
    await obliterate(opts.redisUrl, env.QUEUE_PREFIX);
    redis.disconnect();
    if (!opts.keep) await db.drop();
  }
}

export { PLAN_YEAR };
