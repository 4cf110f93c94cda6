// Closes quarters on time: a quarter closes after its reporting window (window end + N working days,
// per plan policy — not on the 1st), a day that depends on the plan and the working-day calendar, so
// a BullMQ job scheduler fires daily at 00:05 Asia/Shanghai and closes whatever is due (upserted
// under a stable id on every boot, which also restores it after a Redis flush). A catch-up runs at
// boot and every 10 minutes — so a quarter missed while Redis or the worker was down, or crossed by a
// CLOCK_START demo clock, is still closed. The handler is an idempotent insert under the unique
// (plan, quarter) key (PITFALLS A5).
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Worker } from 'bullmq';
import { Clock } from '../../common/time/clock';
import { QueueConnection } from '../../queue/queue-connection';
import { JOBS, QUEUES, ROLLUP_SCHEDULER_ID } from '../../queue/queues';
import { WORKER_ROLE } from '../reminders/reminder.worker';
import { RollupsService } from './rollups.service';

export const QUARTER_CLOSE_CRON = '5 0 * * *';
const CATCH_UP_EVERY_MS = 10 * 60_000;

@Injectable()
export class RollupCloseScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RollupCloseScheduler.name);
  private worker: Worker | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly rollups: RollupsService,
    private readonly queues: QueueConnection,
    private readonly clock: Clock,
    @Inject(WORKER_ROLE) private readonly runsWorker: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.runsWorker) return;
    this.timer = setInterval(() => void this.catchUp('periodic'), CATCH_UP_EVERY_MS);
    this.timer.unref();
    void this.catchUp('boot');
    const queue = this.queues.queue(QUEUES.rollups);
    if (!queue || !(await this.queues.ready())) {
      this.logger.warn({ msg: 'Redis unavailable: quarters close by the periodic catch-up until it returns' });
      return;
    }
    await queue.upsertJobScheduler(ROLLUP_SCHEDULER_ID, { pattern: QUARTER_CLOSE_CRON, tz: 'Asia/Shanghai' }, { name: JOBS.rollupCloseQuarters, data: {} });
    this.worker = new Worker(QUEUES.rollups, () => this.catchUp('scheduler'), this.queues.workerOptions(1));
    this.worker.on('error', (err) => this.logger.debug({ msg: 'rollup worker connection error', err: err.message }));
  }

  async catchUp(trigger: string): Promise<number> {
    try {
      const closed = await this.rollups.closeDueQuarters(this.clock.now());
      if (closed.length) this.logger.log({ msg: 'quarters closed', trigger, closed });
      return closed.length;
    } catch (err) {
      this.logger.error({ msg: 'closing due quarters failed; the next run retries', trigger, err: (err as Error).message });
      return 0;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.worker?.close();
  }
}
