// Moves reminder rows into BullMQ, outside any transaction and never in a request handler:
//  - planned rows → delayed jobs (delay = fireAt − clock.now(), id rem-<row>-a<attempt>) → queued;
//  - cancelled/skipped rows that still have a job → best-effort job removal;
//  - sweep: queued rows long past their time without delivery are planned again (new attempt);
//  - reconcile (boot, and every few minutes): a queued row whose job is missing from Redis (flush,
//    lost Redis) is planned again; a job in Redis without a queued row is removed.
// With Redis down every BullMQ call fails fast and the rows simply wait. Deterministic job ids make
// two dispatchers (several worker processes) harmless: BullMQ ignores a second add of the same id.
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { Clock } from '../../common/time/clock';
import { ReminderFireProducer, WebhookDigestProducer } from '../../queue/producers';
import { QueueConnection, within } from '../../queue/queue-connection';
import { QUEUES } from '../../queue/queues';
import { delayUntil } from './reminder-schedule';
import { RemindersRepository } from './reminders.repository';

const BATCH = 2000;
const RECONCILE_EVERY_MS = 5 * 60_000;
/** A digest still pending this long after its reminders were sent has lost its job. */
const WEBHOOK_GRACE_MS = 30_000;

@Injectable()
export class ReminderDispatcher implements OnApplicationShutdown {
  private readonly logger = new Logger(ReminderDispatcher.name);
  private timer: NodeJS.Timeout | null = null;
  private nudgeTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private lastReconcile = 0;
  private stopped = false;

  constructor(
    private readonly repo: RemindersRepository,
    private readonly queues: QueueConnection,
    private readonly reminderJobs: ReminderFireProducer,
    private readonly digestJobs: WebhookDigestProducer,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts the periodic passes (in the process that runs the worker). */
  start(): void {
    if (this.timer || !this.queues.available) return;
    this.stopped = false;
    // Connect the producer queues now, so the first pass finds them ready.
    this.queues.queue(QUEUES.reminders);
    this.queues.queue(QUEUES.webhooks);
    this.timer = setInterval(() => void this.pass(), this.config.queue.dispatchIntervalMs);
    this.timer.unref();
    void this.pass({ reconcile: true });
  }

  /** A change was committed: dispatch soon (debounced), without waiting for the next interval. */
  nudge(): void {
    if (!this.timer || this.nudgeTimer) return;
    this.nudgeTimer = setTimeout(() => {
      this.nudgeTimer = null;
      void this.pass();
    }, 20);
    this.nudgeTimer.unref();
  }

  /** One dispatch pass; concurrent calls coalesce into one more pass after the current one. */
  async pass(options: { reconcile?: boolean } = {}): Promise<void> {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          if (!(await this.queues.ready())) break;
          const now = this.clock.now().getTime();
          if (options.reconcile || now - this.lastReconcile > RECONCILE_EVERY_MS) {
            await this.reconcile();
            this.lastReconcile = now;
            options = {};
          }
          await this.sweep();
          await this.enqueuePlanned();
          await this.removeStaleJobs();
          await this.sweepWebhooks();
        } catch (err) {
          this.logger.warn({ msg: 'dispatch pass failed; rows wait for the next pass', err: (err as Error).message });
        }
      } while (this.again && !this.stopped);
    })().finally(() => (this.running = null));
    return this.running;
  }

  /**
   * Planned rows → delayed jobs, a batch at a time, walking the rows by (fireAt, id). Reading the
   * next batch and marking the previous one queued happen while Redis stores the current one:
   * better-sqlite3 works on this thread, Redis on its own.
   */
  private async enqueuePlanned(): Promise<void> {
    if (!this.queues.available) return;
    let marking: Promise<void> = Promise.resolve();
    try {
      let rows = await this.repo.plannedBatch(BATCH, null);
      while (rows.length) {
        const last = rows[rows.length - 1];
        const now = this.clock.now();
        const adding = this.reminderJobs.addBulk(rows.map((r) => ({ reminderId: r.id, attempt: r.attempt, delayMs: delayUntil(r.fireAt, now) })));
        // While Redis stores this batch, read the next one and mark the previous one queued.
        const next = rows.length < BATCH ? [] : await this.repo.plannedBatch(BATCH, { fireAt: last.fireAt, id: last.id });
        await adding;
        await marking;
        const ids = rows.map((r) => r.id);
        marking = this.tx.run(() => this.repo.markQueued(ids, this.clock.now().toISOString()));
        rows = next;
      }
    } finally {
      await marking;
    }
  }

  private async removeStaleJobs(): Promise<void> {
    if (!this.queues.available) return;
    const rows = await this.repo.withStaleJobs(BATCH);
    if (!rows.length) return;
    // remove() answers 0 for a job that is running; the processor then finds the row cancelled and does nothing.
    await Promise.all(rows.map((r) => this.reminderJobs.remove(r.jobId!)));
    await this.tx.run(() => this.repo.clearJobIds(rows.map((r) => r.id)));
  }

  private async sweep(): Promise<void> {
    const now = this.clock.now();
    const before = new Date(now.getTime() - this.config.queue.lostAfterMs).toISOString();
    const n = await this.tx.run(() => this.repo.requeueLost(before, now.toISOString()));
    if (n) this.logger.warn({ msg: 'reminders overdue without delivery were queued again', count: n });
  }

  /**
   * Digests whose job was lost (Redis flushed between delivery and digest) are queued again; a job
   * still waiting or retrying has the same id, so the add is a no-op.
   */
  private async sweepWebhooks(): Promise<void> {
    if (!this.queues.available) return;
    const now = this.clock.now();
    const before = new Date(now.getTime() - Math.min(WEBHOOK_GRACE_MS, this.config.queue.lostAfterMs)).toISOString();
    await this.tx.run(() => this.repo.releaseStaleWebhookClaims(new Date(now.getTime() - this.config.queue.lostAfterMs).toISOString(), now.toISOString()));
    for (const { departmentId, firstFireAt } of await this.repo.departmentsWithPendingWebhooks(before)) {
      await this.digestJobs.add(departmentId, new Date(firstFireAt).getTime());
    }
  }

  /** Makes Redis agree with the database: every queued row has its job, and no job lacks a row. */
  async reconcile(): Promise<void> {
    if (!this.queues.available) return;
    const inRedis = await this.reminderJobs.pendingJobIds();
    const queued = await this.repo.queuedJobIds();
    const expected = new Set(queued.map((r) => r.jobId));
    const missing = queued.filter((r) => !r.jobId || !inRedis.has(r.jobId)).map((r) => r.id);
    if (missing.length) {
      await this.tx.run(() => this.repo.requeueIds(missing, this.clock.now().toISOString()));
      this.logger.warn({ msg: 'queued reminders without a job in Redis were planned again', count: missing.length });
    }
    const active = await this.reminderJobs.activeJobIds();
    const orphans = [...inRedis].filter((id) => id.startsWith('rem-') && !expected.has(id) && !active.has(id));
    if (orphans.length) {
      await Promise.all(orphans.map((id) => this.reminderJobs.remove(id)));
      this.logger.log({ msg: 'jobs without a reminder row were dropped', count: orphans.length });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.nudgeTimer) clearTimeout(this.nudgeTimer);
    this.timer = null;
    this.nudgeTimer = null;
    // A pass blocked on a Redis that went away must not hold up shutdown; its rows stay in the DB.
    if (this.running) await within(this.running, 2000);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
