// The queue wiring: the BullMQ connection, the worker role, default job options (queues.ts), one
// producer per job and the one place workers start (QueueWorkers). Imported by the modules that
// produce or process jobs (reminders, rollups). The role comes from the typed config
// (WORKER_IN_API, forced on by the worker entry); config and the Redis client are ambient (CoreModule).
//
// Not @nestjs/bullmq: its explorer starts every @Processor at module init whatever the process
// role, and closes workers without a bound — a shutdown with Redis down then never completes. Plain
// BullMQ Workers started here keep both under our control, in about as many lines.
import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { LeaderDigestProducer, ReminderFireProducer, RollupCloseProducer, WebhookDigestProducer } from './producers';
import { QueueConnection } from './queue-connection';
import { QueueWorkers, WORKER_ROLE } from './queue-workers';

@Module({
  providers: [
    QueueConnection,
    { provide: WORKER_ROLE, useFactory: (config: AppConfig) => config.queue.runsWorker, inject: [APP_CONFIG] },
    QueueWorkers,
    ReminderFireProducer,
    WebhookDigestProducer,
    RollupCloseProducer,
    LeaderDigestProducer,
  ],
  exports: [QueueConnection, WORKER_ROLE, QueueWorkers, ReminderFireProducer, WebhookDigestProducer, RollupCloseProducer, LeaderDigestProducer],
})
export class QueueModule {}
