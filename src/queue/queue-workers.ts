// The one place BullMQ workers start and stop. Domain modules register a processor per queue while
// the application initialises (onModuleInit); the workers start at bootstrap, only in a process
// whose role is to run them (WORKER_ROLE), and only with Redis configured. On shutdown running jobs
// finish (worker.close() waits for them) within a bound; past it — Redis gone, a job stuck — the
// connections are dropped so the process always exits (the jobs run again elsewhere: they are
// idempotent and BullMQ hands stalled jobs to another worker).
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { CONCURRENCY, QueueName } from './queues';
import { QueueConnection, within } from './queue-connection';
import { RedisConnection } from './redis-connection';

/** True in a process that consumes the queues and runs the dispatcher and the quarter-close scheduler. */
export const WORKER_ROLE = Symbol('WORKER_ROLE');

/** How long running jobs may take to finish on shutdown. */
export const WORKER_CLOSE_BUDGET_MS = 5000;

export type Processor<T> = (job: Job<T>) => Promise<unknown>;

@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueWorkers.name);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- payload types differ per queue
  private readonly processors = new Map<QueueName, Processor<any>>();
  private workers: Worker[] = [];
  private stopping = false;

  constructor(
    private readonly queues: QueueConnection,
    private readonly redis: RedisConnection,
    @Inject(WORKER_ROLE) readonly runsWorker: boolean,
  ) {}

  /** True when this process will consume the queues. */
  get active(): boolean {
    return this.runsWorker && this.queues.available;
  }

  register<T>(queue: QueueName, processor: Processor<T>): void {
    if (this.processors.has(queue)) throw new Error(`a processor for queue ${queue} is already registered`);
    this.processors.set(queue, processor as Processor<unknown>);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.active || this.stopping) return;
    await this.checkRedisDurability();
    for (const [name, processor] of this.processors) {
      const w = new Worker(name, processor, this.queues.workerOptions(CONCURRENCY[name]));
      w.on('error', (err) => this.logger.debug({ msg: 'worker connection error', queue: name, err: err.message }));
      w.on('stalled', (jobId) => this.logger.warn({ msg: 'job stalled and will run again', queue: name, jobId }));
      this.workers.push(w);
    }
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
      // CONFIG may be disabled on managed Redis, or Redis is down; the dispatcher rebuilds lost jobs either way.
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    const workers = this.workers;
    this.workers = [];
    if (!workers.length) return;
    if (await within(Promise.all(workers.map((w) => w.close())), WORKER_CLOSE_BUDGET_MS)) return;
    this.logger.warn({ msg: 'workers did not close in time (Redis unreachable or a job stuck); dropping their connections', budgetMs: WORKER_CLOSE_BUDGET_MS });
    await within(Promise.all(workers.map((w) => w.disconnect())), 500);
  }
}
