// The BullMQ workers for reminders and webhook digests. They run in the API process by default
// (WORKER_IN_API) and in `npm run worker`, several at once if wanted; on shutdown worker.close()
// lets running jobs finish, so SIGTERM loses none (PITFALLS A10).
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { QueueConnection } from '../../queue/queue-connection';
import { QUEUES, ReminderFirePayload, WebhookDigestPayload } from '../../queue/queues';
import { RedisConnection } from '../../queue/redis-connection';
import { ReminderDeliveryService } from './reminder-delivery.service';
import { ReminderDispatcher } from './reminder-dispatcher.service';

export const WORKER_ROLE = Symbol('WORKER_ROLE');

@Injectable()
export class ReminderWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReminderWorker.name);
  private workers: Worker[] = [];

  constructor(
    private readonly delivery: ReminderDeliveryService,
    private readonly dispatcher: ReminderDispatcher,
    private readonly queues: QueueConnection,
    private readonly redis: RedisConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WORKER_ROLE) private readonly runsWorker: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.runsWorker || !this.queues.available) return;
    await this.checkRedisDurability();
    this.workers = [
      new Worker<ReminderFirePayload>(QUEUES.reminders, (job) => this.fire(job), this.queues.workerOptions(20)),
      new Worker<WebhookDigestPayload>(QUEUES.webhooks, (job) => this.digest(job), this.queues.workerOptions(5)),
    ];
    for (const w of this.workers) {
      w.on('error', (err) => this.logger.debug({ msg: 'worker connection error', err: err.message }));
      w.on('stalled', (jobId) => this.logger.warn({ msg: 'job stalled and will run again', jobId }));
    }
    this.dispatcher.start();
  }

  private async fire(job: Job<ReminderFirePayload>): Promise<string> {
    return this.delivery.deliver(job.data.reminderId, job.data.attempt);
  }

  private async digest(job: Job<WebhookDigestPayload>): Promise<number> {
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.delivery.sendDigest(job.data.departmentId, final);
  }

  /** BullMQ needs AOF and noeviction to keep jobs (PITFALLS A8): say so when the given Redis is not set up so. */
  private async checkRedisDurability(): Promise<void> {
    try {
      const client = this.redis.client;
      if (!client) return;
      const [, policy] = (await client.config('GET', 'maxmemory-policy')) as string[];
      const [, aof] = (await client.config('GET', 'appendonly')) as string[];
      if (policy !== 'noeviction') this.logger.warn({ msg: 'Redis maxmemory-policy should be noeviction or queued jobs may be evicted', policy });
      if (aof !== 'yes') this.logger.warn({ msg: 'Redis runs without AOF: a restart loses queued jobs (the dispatcher rebuilds them from the database)', appendonly: aof });
    } catch {
      // CONFIG may be disabled on managed Redis; the dispatcher rebuilds lost jobs either way.
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dispatcher.stop();
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
