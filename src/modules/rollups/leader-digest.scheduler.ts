// Fires the leaders' weekly digest: a BullMQ job scheduler (Monday 08:30 Asia/Shanghai, stable id,
// upserted on every boot), plus a catch-up at boot and every 10 minutes so a Monday missed while
// Redis or the worker was down still gets its digest. The handler is idempotent (see the service).
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Worker } from 'bullmq';
import { Clock } from '../../common/time/clock';
import { QueueConnection } from '../../queue/queue-connection';
import { JOBS, LEADER_DIGEST_SCHEDULER_ID, QUEUES } from '../../queue/queues';
import { WORKER_ROLE } from '../reminders/reminder.worker';
import { LEADER_DIGEST_CRON, LeaderDigestService } from './leader-digest.service';

const CATCH_UP_EVERY_MS = 10 * 60_000;

@Injectable()
export class LeaderDigestScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LeaderDigestScheduler.name);
  private worker: Worker | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly digests: LeaderDigestService,
    private readonly queues: QueueConnection,
    private readonly clock: Clock,
    @Inject(WORKER_ROLE) private readonly runsWorker: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.runsWorker) return;
    this.timer = setInterval(() => void this.run('periodic'), CATCH_UP_EVERY_MS);
    this.timer.unref();
    void this.run('boot');
    const queue = this.queues.queue(QUEUES.digests);
    if (!queue || !(await this.queues.ready())) {
      this.logger.warn({ msg: 'Redis unavailable: the weekly digest goes out by the periodic catch-up until it returns' });
      return;
    }
    await queue.upsertJobScheduler(LEADER_DIGEST_SCHEDULER_ID, { pattern: LEADER_DIGEST_CRON, tz: 'Asia/Shanghai' }, { name: JOBS.leaderDigest, data: {} });
    this.worker = new Worker(QUEUES.digests, () => this.run('scheduler'), this.queues.workerOptions(1));
    this.worker.on('error', (err) => this.logger.debug({ msg: 'digest worker connection error', err: err.message }));
  }

  async run(trigger: string): Promise<number> {
    try {
      const plans = await this.digests.sendDue(this.clock.now());
      if (plans.length) this.logger.log({ msg: 'weekly leader digest', trigger, plans: plans.length });
      return plans.length;
    } catch (err) {
      this.logger.error({ msg: 'weekly leader digest failed; the next run retries', trigger, err: (err as Error).message });
      return 0;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.worker?.close();
  }
}
