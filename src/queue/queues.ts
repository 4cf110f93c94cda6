// The one registry of queue names, job names and payloads (CONVENTIONS rule 6). Payloads carry ids
// only; processors reload the rows and re-check that the work is still due.
export const QUEUES = {
  reminders: 'reminders',
  webhooks: 'webhooks',
  rollups: 'rollups',
  digests: 'digests',
} as const;

export const JOBS = {
  reminderFire: 'reminder.fire',
  webhookDigest: 'webhook.digest',
  rollupCloseQuarters: 'rollup.close-quarters',
  leaderDigest: 'digest.leaders-weekly',
} as const;

export interface ReminderFirePayload {
  reminderId: string;
  attempt: number;
}

export interface WebhookDigestPayload {
  departmentId: string;
}

export type RollupClosePayload = Record<string, never>;

/** Job ids are deterministic, contain no ':', are never all digits, and carry the attempt (PITFALLS A2). */
export const reminderJobId = (reminderId: string, attempt: number) => `rem-${reminderId}-a${attempt}`;
export const webhookJobId = (departmentId: string, fireAtMs: number) => `wh-${departmentId}-${fireAtMs}`;
export const ROLLUP_SCHEDULER_ID = 'rollup-close-quarters';
export const LEADER_DIGEST_SCHEDULER_ID = 'leader-digest-weekly';

/** Retention: the database row is the audit trail, not Redis (PITFALLS A7). */
export const KEEP_COMPLETED = { age: 7 * 24 * 3600, count: 1000 };
export const KEEP_FAILED = { age: 30 * 24 * 3600 };
