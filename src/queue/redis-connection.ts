// One shared ioredis client for health checks and quick reads. It fails fast while Redis is down
// (no offline queue, one retry), so no HTTP request ever waits on Redis.
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';

@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisConnection.name);
  readonly client: Redis | null;

  constructor(readonly url: string | null) {
    this.client = url
      ? new Redis(url, {
          lazyConnect: false,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          connectTimeout: 2000,
          retryStrategy: (times) => Math.min(times * 200, 5000),
        })
      : null;
    this.client?.on('error', (err) => this.logger.debug({ msg: 'redis error', err: err.message }));
  }

  async ping(timeoutMs = 500): Promise<boolean> {
    if (!this.client) return false;
    try {
      // Just after boot the client may still be connecting: give it the same time budget.
      if (this.client.status !== 'ready') {
        await Promise.race([
          new Promise((resolve) => this.client!.once('ready', resolve)),
          new Promise((resolve) => setTimeout(resolve, timeoutMs).unref()),
        ]);
      }
      const reply = await Promise.race([
        this.client.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
      ]);
      return reply === 'PONG';
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.client?.disconnect();
  }
}
