// BullMQ queues and workers share these options. No request handler ever calls BullMQ (PITFALLS
// A9, B1): only the dispatcher and the workers do, and they check Redis with a fail-fast ping
// first. (BullMQ 6 cannot initialise a queue with enableOfflineQueue: false plus
// skipWaitingForReady — its setup commands fail and the queue stays unusable — so producer queues
// keep ioredis' offline queue: a call made as Redis drops waits for it to return.) Workers wait for
// Redis indefinitely (maxRetriesPerRequest: null). The key prefix carries a Cluster hash tag (A11).
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue, QueueOptions, WorkerOptions } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { QUEUES } from './queues';
import { RedisConnection } from './redis-connection';

type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

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

@Injectable()
export class QueueConnection implements OnApplicationShutdown {
  private readonly logger = new Logger(QueueConnection.name);
  private readonly queues = new Map<QueueName, Queue>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly redis: RedisConnection) {}

  get available(): boolean {
    return !!this.config.redis.url;
  }

  get prefix(): string {
    return `{${this.config.queue.prefix}}`;
  }

  /** True when Redis answers now: callers skip their work otherwise (rows wait in the database). */
  ready(): Promise<boolean> {
    return this.redis.ping(1000);
  }

  /** A producer queue that fails fast; null without Redis. */
  queue(name: QueueName): Queue | null {
    if (!this.config.redis.url) return null;
    let q = this.queues.get(name);
    if (!q) {
      const options: QueueOptions = {
        prefix: this.prefix,
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
      removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
      removeOnFail: { age: 30 * 24 * 3600 },
    } as WorkerOptions;
  }

  async onApplicationShutdown(): Promise<void> {
    // Bounded: with Redis down, close() would wait for a reconnection that may never come.
    await Promise.race([
      Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined))),
      new Promise((r) => setTimeout(r, 3000).unref()),
    ]);
  }
}
