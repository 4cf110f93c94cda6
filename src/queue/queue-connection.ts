// BullMQ queues and workers share these options. Queues fail fast while Redis is down (no offline
// queue, no waiting for ready) so no caller ever hangs (PITFALLS A9); workers wait for Redis
// indefinitely (maxRetriesPerRequest: null). The key prefix carries a Cluster hash tag (A11).
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue, QueueOptions, WorkerOptions } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { QUEUES } from './queues';

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

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get available(): boolean {
    return !!this.config.redis.url;
  }

  get prefix(): string {
    return `{${this.config.queue.prefix}}`;
  }

  /** A producer queue that fails fast; null without Redis. */
  queue(name: QueueName): Queue | null {
    if (!this.config.redis.url) return null;
    let q = this.queues.get(name);
    if (!q) {
      const options: QueueOptions = {
        prefix: this.prefix,
        skipWaitingForReady: true,
        connection: {
          ...redisConnectionOptions(this.config.redis.url),
          enableOfflineQueue: false,
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
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
  }
}
