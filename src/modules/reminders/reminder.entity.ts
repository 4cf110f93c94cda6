import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Plan } from '../plans/plan.entity';

/**
 * acknowledge: a department has not acknowledged (签收) its task; event: a message about something
 * that happened (督办 issued, request decided, task cancelled …) for the department's robot — its
 * in-app notifications were written with the event itself, the row only carries it to the robot.
 */
export const REMINDER_KINDS = ['before_due', 'due', 'overdue', 'quarterly', 'acknowledge', 'event'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
/** planned: waits for the dispatcher; queued: a BullMQ job exists; sent; cancelled; skipped (nothing to remind of at fire time); failed. */
export type ReminderStatus = 'planned' | 'queued' | 'sent' | 'cancelled' | 'failed' | 'skipped';
export type WebhookStatus = 'none' | 'pending' | 'sending' | 'sent' | 'failed';

/**
 * A scheduled reminder. The database is the source of truth (transactional outbox, PITFALLS B):
 * rows are written in the same transaction as the task change that causes them, and BullMQ only
 * times them. `key` (task or department + kind + fire time) is unique: one row, one delivery.
 */
@Entity('reminders')
@Index('idx_reminders_status_fire', ['status', 'fireAt'])
@Index('idx_reminders_task', ['taskId'])
@Index('idx_reminders_webhook', ['webhookStatus', 'departmentId'])
@Check('chk_reminders_status', "status IN ('planned','queued','sent','cancelled','failed','skipped')")
@Check('chk_reminders_kind', "kind IN ('before_due','due','overdue','quarterly','acknowledge','event')")
export class Reminder {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 160, unique: true })
  key: string;

  @Column({ name: 'plan_id', type: 'varchar', length: 36 })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  /** Null for quarterly reminders, which go to a department about all its open tasks of a plan. */
  @Column({ name: 'task_id', type: 'varchar', length: 36, nullable: true })
  taskId: string | null;

  @Column({ name: 'department_id', type: 'varchar', length: 36 })
  departmentId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ReminderKind;

  /** before_due: working days before; overdue: the n-th overdue reminder; quarterly: the quarter (1–4). */
  @Column({ type: 'integer' })
  seq: number;

  /** The due date (or reporting deadline) the reminder is about. */
  @Column({ name: 'due_date', type: 'varchar', length: 10, nullable: true })
  dueDate: string | null;

  /** Text fixed when the row is written (event rows); other kinds word themselves at send time. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  title: string | null;

  @Column({ type: 'text', nullable: true })
  body: string | null;

  @Column({ name: 'fire_at', type: 'varchar', length: 24 })
  fireAt: string;

  @Column({ type: 'varchar', length: 12 })
  status: ReminderStatus;

  /** Bumped whenever the row must be (re)queued: the job id carries it, so a stale job can never act. */
  @Column({ type: 'integer' })
  attempt: number;

  @Column({ name: 'job_id', type: 'varchar', length: 80, nullable: true })
  jobId: string | null;

  @Column({ name: 'webhook_status', type: 'varchar', length: 12 })
  webhookStatus: WebhookStatus;

  /** The digest send that claimed this row ('sending'): two digest jobs never send the same reminder. */
  @Column({ name: 'webhook_claim', type: 'varchar', length: 36, nullable: true })
  webhookClaim: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'sent_at', type: 'varchar', length: 24, nullable: true })
  sentAt: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 24 })
  updatedAt: string;
}
