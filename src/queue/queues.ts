// The one registry of queue names, job names, payloads and default job options. Payloads carry ids
// only; processors reload the rows and re-check that the work is still due.
import type { DefaultJobOptions } from 'bullmq';

export const QUEUES = {
  reminders: 'reminders',
  webhooks: 'webhooks',
  rollups: 'rollups',
  digests: 'digests',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  reminderFire: 'reminder.fire',
  webhookDigest: 'webhook.digest',
  rollupCloseQuarters: 'rollup.close-quarters',
  leaderDigest: 'digest.leaders-weekly',
} as const;

export interface ReminderFirePayload {
  reminderId: string;
  attempt: number;
  /** The request that caused the reminder to be queued, for the logs (absent for background passes). */
  requestId?: string;
}

export interface WebhookDigestPayload {
  departmentId: string;
  requestId?: string;
}

/** Job ids are deterministic, contain no ':', are never all digits, and carry the attempt (PITFALLS A2). */
export const reminderJobId = (reminderId: string, attempt: number) => `rem-${reminderId}-a${attempt}`;
export const webhookJobId = (departmentId: string, fireAtMs: number) => `wh-${departmentId}-${fireAtMs}`;
export const ROLLUP_SCHEDULER_ID = 'rollup-close-quarters';
export const LEADER_DIGEST_SCHEDULER_ID = 'leader-digest-weekly';

/** Retention: the database row is the audit trail, not Redis (PITFALLS A7). */
export const KEEP_COMPLETED = { age: 7 * 24 * 3600, count: 1000 };
export const KEEP_FAILED = { age: 30 * 24 * 3600 };

/** Default options of every job of each queue, set on the producer queue (jobs only add id and delay). */
export const JOB_DEFAULTS: Record<QueueName, DefaultJobOptions> = {
  [QUEUES.reminders]: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 5000 },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  },
  // Removed when done, so the id is free for the next digest of the same department and time.
  [QUEUES.webhooks]: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 2000 },
    removeOnComplete: true,
    removeOnFail: true,
  },
  // The scheduler's jobs take the workers' retention (KEEP_*).
  [QUEUES.rollups]: {},
  [QUEUES.digests]: {},
};

/** Worker concurrency per queue. */
export const CONCURRENCY: Record<QueueName, number> = {
  [QUEUES.reminders]: 20,
  [QUEUES.webhooks]: 5,
  [QUEUES.rollups]: 1,
  [QUEUES.digests]: 1,
};
