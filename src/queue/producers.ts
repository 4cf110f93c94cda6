// One producer per job: the only code that adds jobs to BullMQ. The callers (dispatcher, delivery,
// scheduler) check QueueConnection.available and ping Redis first; a producer called without a
// queue (no Redis configured, or shutting down) throws, so no row is ever marked queued without its job.
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JOBS, LEADER_DIGEST_SCHEDULER_ID, QueueName, QUEUES, ReminderFirePayload, reminderJobId, ROLLUP_SCHEDULER_ID, WebhookDigestPayload, webhookJobId } from './queues';
import { QueueConnection } from './queue-connection';

function open(queues: QueueConnection, name: QueueName): Queue {
  const queue = queues.queue(name);
  if (!queue) throw new Error(`queue ${name} unavailable (no Redis configured, or shutting down)`);
  return queue;
}

/** Fires daily at 00:05 Asia/Shanghai: quarters close after their reporting window, on a day that depends on the plan's policy. */
export const QUARTER_CLOSE_CRON = '5 0 * * *';

/** reminder.fire: one delayed job per reminder row and attempt. */
@Injectable()
export class ReminderFireProducer {
  constructor(private readonly queues: QueueConnection) {}

  async addBulk(jobs: { reminderId: string; attempt: number; delayMs: number; requestId?: string }[]): Promise<void> {
    if (!jobs.length) return;
    await open(this.queues, QUEUES.reminders).addBulk(jobs.map((j) => ({
      name: JOBS.reminderFire,
      data: { reminderId: j.reminderId, attempt: j.attempt, ...(j.requestId ? { requestId: j.requestId } : {}) } satisfies ReminderFirePayload,
      opts: { jobId: reminderJobId(j.reminderId, j.attempt), delay: j.delayMs },
    })));
  }

  /** Best effort: 0 when the job is running or gone. */
  async remove(jobId: string): Promise<number> {
    return open(this.queues, QUEUES.reminders).remove(jobId).catch(() => 0);
  }

  /** Ids of the jobs waiting, delayed or running. */
  async pendingJobIds(): Promise<Set<string>> {
    return new Set(await open(this.queues, QUEUES.reminders).getRanges(['delayed', 'wait', 'waiting', 'prioritized', 'active'], 0, -1));
  }

  async activeJobIds(): Promise<Set<string>> {
    return new Set(await open(this.queues, QUEUES.reminders).getRanges(['active'], 0, -1));
  }
}

/** webhook.digest: one digest per department and firing time (a second add of the same id is a no-op). */
@Injectable()
export class WebhookDigestProducer {
  constructor(private readonly queues: QueueConnection) {}

  get available(): boolean {
    return this.queues.available;
  }

  async add(departmentId: string, fireAtMs: number, delayMs = 0, requestId?: string): Promise<void> {
    await open(this.queues, QUEUES.webhooks).add(JOBS.webhookDigest, { departmentId, ...(requestId ? { requestId } : {}) } satisfies WebhookDigestPayload, {
      jobId: webhookJobId(departmentId, fireAtMs),
      ...(delayMs ? { delay: delayMs } : {}),
    });
  }
}

/** rollup.close-quarters: a job scheduler under a stable id, upserted on every boot. */
@Injectable()
export class RollupCloseProducer {
  constructor(private readonly queues: QueueConnection) {}

  /** False when Redis is not there (the periodic catch-up closes quarters meanwhile). */
  async ensureScheduler(): Promise<boolean> {
    if (!this.queues.available || !(await this.queues.ready())) return false;
    await open(this.queues, QUEUES.rollups).upsertJobScheduler(ROLLUP_SCHEDULER_ID, { pattern: QUARTER_CLOSE_CRON, tz: 'Asia/Shanghai' }, { name: JOBS.rollupCloseQuarters, data: {} });
    return true;
  }
}

/** Monday 08:30 Asia/Shanghai: the leaders' weekly digest. */
export const LEADER_DIGEST_CRON = '30 8 * * 1';

/** digest.leaders-weekly: a job scheduler under a stable id, upserted on every boot. */
@Injectable()
export class LeaderDigestProducer {
  constructor(private readonly queues: QueueConnection) {}

  /** False when Redis is not there (the periodic catch-up sends the digest meanwhile). */
  async ensureScheduler(): Promise<boolean> {
    if (!this.queues.available || !(await this.queues.ready())) return false;
    await open(this.queues, QUEUES.digests).upsertJobScheduler(LEADER_DIGEST_SCHEDULER_ID, { pattern: LEADER_DIGEST_CRON, tz: 'Asia/Shanghai' }, { name: JOBS.leaderDigest, data: {} });
    return true;
  }
}
