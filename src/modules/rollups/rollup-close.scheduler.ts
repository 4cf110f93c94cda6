// Closes quarters on time: a quarter closes after its reporting window (window end + N working days,
// per plan policy — not on the 1st), a day that depends on the plan and the working-day calendar, so
// a BullMQ job scheduler fires daily at 00:05 Asia/Shanghai and closes whatever is due (upserted
// under a stable id on every boot, which also restores it after a Redis flush). A catch-up runs at
// boot and every 10 minutes — so a quarter missed while Redis or the worker was down, or crossed by a
// CLOCK_START demo clock, is still closed. The handler is an idempotent insert under the unique
// (plan, quarter) key (PITFALLS A5).
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../common/time/clock';
import { RollupCloseProducer } from '../../queue/producers';
import { QueueWorkers } from '../../queue/queue-workers';
import { QUEUES } from '../../queue/queues';
import { RollupsService } from './rollups.service';

export { QUARTER_CLOSE_CRON } from '../../queue/producers';
const CATCH_UP_EVERY_MS = 10 * 60_000;

@Injectable()
export class RollupCloseScheduler implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RollupCloseScheduler.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly rollups: RollupsService,
    private readonly producer: RollupCloseProducer,
    private readonly workers: QueueWorkers,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.workers.register(QUEUES.rollups, () => this.catchUp('scheduler'));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.workers.runsWorker) return;
    this.timer = setInterval(() => void this.catchUp('periodic'), CATCH_UP_EVERY_MS);
    this.timer.unref();
    void this.catchUp('boot');
    if (!(await this.producer.ensureScheduler())) {
      this.logger.warn({ msg: 'Redis unavailable: quarters close by the periodic catch-up until it returns' });
    }
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

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
