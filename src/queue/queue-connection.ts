// BullMQ queues and workers share these options. No request handler ever calls BullMQ (PITFALLS
// A9, B1): only the dispatcher and the workers do, and they check Redis with a fail-fast ping
// first. (BullMQ 6 cannot initialise a queue with enableOfflineQueue: false plus
// skipWaitingForReady — its setup commands fail and the queue stays unusable — so producer queues
// keep ioredis' offline queue: a call made as Redis drops waits for it to return.) Workers wait for
// Redis indefinitely (maxRetriesPerRequest: null). The key prefix carries a Cluster hash tag (A11).
// Closing is bounded: with Redis down a close would wait for a reconnection that may never come.
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue, QueueOptions, WorkerOptions } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { JOB_DEFAULTS, KEEP_COMPLETED, KEEP_FAILED, QueueName } from './queues';
import { RedisConnection } from './redis-connection';

/** How long closing the producer queues may take before their connections are dropped. */
export const QUEUE_CLOSE_BUDGET_MS = 1500;

export function redisConnectionOptions(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined,
    tls: u.protocol === 'rediss:' ? {} : undefined,
  };
}

/** Resolves when `work` settles or after `ms`, whichever comes first; true when it settled. */
export async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const settled = await Promise.race([
    work.then(() => true, () => true),
    new Promise<false>((r) => {
      timer = setTimeout(() => r(false), ms);
      timer.unref();
    }),
  ]);
  clearTimeout(timer);
  return settled;
}

@Injectable()
export class QueueConnection implements OnApplicationShutdown {
  private readonly logger = new Logger(QueueConnection.name);
  private readonly queues = new Map<QueueName, Queue>();
  private closing = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly redis: RedisConnection) {}

  /** Redis is configured and the queues are not closing. */
  get available(): boolean {
    return !!this.config.redis.url && !this.closing;
  }

  get prefix(): string {
    return `{${this.config.queue.prefix}}`;
  }

  /** True when Redis answers now: callers skip their work otherwise (rows wait in the database). */
  ready(): Promise<boolean> {
    return this.redis.ping(1000);
  }

  /** A producer queue that fails fast, with the queue's default job options; null without Redis or once closing. */
  queue(name: QueueName): Queue | null {
    if (!this.config.redis.url || this.closing) return null;
    let q = this.queues.get(name);
    if (!q) {
      const options: QueueOptions = {
        prefix: this.prefix,
        defaultJobOptions: JOB_DEFAULTS[name],
        connection: {
          ...redisConnectionOptions(this.config.redis.url),
          maxRetriesPerRequest: 1,
          connectTimeout: 2000,
          retryStrategy: (times: number) => Math.min(times * 500, 5000),
        },
      } as QueueOptions;
      q = new Queue(name, options);
      q.on('error', (err) => this.logger.debug({ msg: 'queue connection error', queue: name, err: err.message }));
      this.queues.set(name, q);
    }
    return q;
  }

  workerOptions(concurrency: number): WorkerOptions {
    return {
      prefix: this.prefix,
      concurrency,
      connection: { ...redisConnectionOptions(this.config.redis.url!), maxRetriesPerRequest: null },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    } as WorkerOptions;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    const queues = [...this.queues.values()];
    if (await within(Promise.all(queues.map((q) => q.close())), QUEUE_CLOSE_BUDGET_MS)) return;
    // Redis does not answer: drop the connections instead of waiting for it.
    await within(Promise.all(queues.map((q) => q.disconnect())), 500);
  }
}
