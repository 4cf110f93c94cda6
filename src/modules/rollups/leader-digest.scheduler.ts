// Fires the leaders' weekly digest: a BullMQ job scheduler (Monday 08:30 Asia/Shanghai, stable id,
// upserted on every boot), plus a catch-up at boot and every 10 minutes so a Monday missed while
// Redis or the worker was down still gets its digest. The handler is idempotent (see the service).
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../common/time/clock';
import { LeaderDigestProducer } from '../../queue/producers';
import { QueueWorkers } from '../../queue/queue-workers';
import { QUEUES } from '../../queue/queues';
import { LeaderDigestService } from './leader-digest.service';

const CATCH_UP_EVERY_MS = 10 * 60_000;

@Injectable()
export class LeaderDigestScheduler implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LeaderDigestScheduler.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly digests: LeaderDigestService,
    private readonly producer: LeaderDigestProducer,
    private readonly workers: QueueWorkers,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.workers.register(QUEUES.digests, () => this.run('scheduler'));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.workers.runsWorker) return;
    this.timer = setInterval(() => void this.run('periodic'), CATCH_UP_EVERY_MS);
    this.timer.unref();
    void this.run('boot');
    if (!(await this.producer.ensureScheduler())) {
      this.logger.warn({ msg: 'Redis unavailable: the weekly digest goes out by the periodic catch-up until it returns' });
    }
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

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
