// The processors of the reminder and webhook-digest queues, registered with the QueueModule's
// workers (which run in the API process by default — WORKER_IN_API — and in `npm run worker`,
// several at once if wanted). This process also runs the dispatcher when it runs the workers.
import { Injectable, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Job } from 'bullmq';
import { QueueWorkers } from '../../queue/queue-workers';
import { QUEUES, ReminderFirePayload, WebhookDigestPayload } from '../../queue/queues';
import { ReminderDeliveryService } from './reminder-delivery.service';
import { ReminderDispatcher } from './reminder-dispatcher.service';

@Injectable()
export class ReminderWorker implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly delivery: ReminderDeliveryService,
    private readonly dispatcher: ReminderDispatcher,
    private readonly workers: QueueWorkers,
  ) {}

  onModuleInit(): void {
    this.workers.register<ReminderFirePayload>(QUEUES.reminders, (job) => this.fire(job));
    this.workers.register<WebhookDigestPayload>(QUEUES.webhooks, (job) => this.digest(job));
  }

  onApplicationBootstrap(): void {
    if (this.workers.active) this.dispatcher.start();
  }

  private async fire(job: Job<ReminderFirePayload>): Promise<string> {
    return this.delivery.deliver(job.data.reminderId, job.data.attempt);
  }

  private async digest(job: Job<WebhookDigestPayload>): Promise<number> {
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.delivery.sendDigest(job.data.departmentId, final);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dispatcher.stop();
  }
}
