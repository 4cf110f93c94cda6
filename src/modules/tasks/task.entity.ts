import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Department } from '../departments/department.entity';
import { PlanItem } from '../plans/plan-item.entity';
import { Plan } from '../plans/plan.entity';

/** `cancelled` (已撤销): out of every statistic, kept in the ledger's history. */
export const TASK_STATUSES = ['in_progress', 'completion_requested', 'completed', 'cancelled'] as const;
/** Statuses of tasks still to be worked on (reminders, overdue lists). */
export const OPEN_TASK_STATUSES = ['in_progress', 'completion_requested'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** The assignable unit: one lead department, any number of co-operating ones (task_departments). */
@Entity('tasks')
@Index('idx_tasks_plan', ['planId', 'seq'])
@Index('idx_tasks_lead_due', ['leadDepartmentId', 'dueDate'])
@Index('idx_tasks_status_due', ['status', 'dueDate'])
@Index('idx_tasks_plan_lead', ['planId', 'leadDepartmentId']) // migration 1763900200000-rollups: roll-ups group by lead department
@Index('idx_tasks_plan_change', ['planId', 'changeSeq']) // migration 1764410000000: the ledger model reloads the tasks changed since it last looked
@Check('chk_tasks_status', "status IN ('in_progress','completion_requested','completed','cancelled')")
export class Task {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'plan_id', type: 'varchar', length: 36 })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  @Column({ name: 'item_id', type: 'varchar', length: 36 })
  itemId: string;

  @ManyToOne(() => PlanItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id' })
  item?: Relation<PlanItem>;

  /** Order in the ledger (序号 of the task within its plan). */
  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ name: 'lead_department_id', type: 'varchar', length: 36 })
  leadDepartmentId: string;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_department_id' })
  leadDepartment?: Relation<Department>;

  @Column({ type: 'varchar', length: 500, nullable: true })
  deliverable: string | null;

  @Column({ type: 'simple-json', nullable: true })
  milestones: { date: string; description: string }[] | null;

  /** When the task began (for 序时进度: the share of its time already elapsed). */
  @Column({ name: 'start_date', type: 'varchar', length: 10 })
  startDate: string;

  @Column({ name: 'due_date', type: 'varchar', length: 10 })
  dueDate: string;

  /** Day numbers (days since 1970-01-01) of startDate and dueDate: portable integer arithmetic for the light filter in SQL. */
  @Column({ name: 'start_day', type: 'integer' })
  startDay: number;

  @Column({ name: 'due_day', type: 'integer' })
  dueDay: number;

  /** The due date first assigned: kept for statistics when extensions move dueDate. */
  @Column({ name: 'original_due_date', type: 'varchar', length: 10 })
  originalDueDate: string;

  @Column({ type: 'varchar', length: 24 })
  status: TaskStatus;

  /** Official progress: the lead department's latest report. */
  @Column({ type: 'integer' })
  percent: number;

  @Column({ name: 'last_reported_on', type: 'varchar', length: 10, nullable: true })
  lastReportedOn: string | null;

  @Column({ name: 'last_report_at', type: 'varchar', length: 24, nullable: true })
  lastReportAt: string | null;

  @Column({ name: 'latest_narrative', type: 'text', nullable: true })
  latestNarrative: string | null;

  @Column({ name: 'pending_extension', type: 'boolean' })
  pendingExtension: boolean;

  @Column({ name: 'completed_on', type: 'varchar', length: 10, nullable: true })
  completedOn: string | null;

  @Column({ name: 'cancelled_at', type: 'varchar', length: 24, nullable: true })
  cancelledAt: string | null;

  @Column({ name: 'cancelled_by', type: 'varchar', length: 36, nullable: true })
  cancelledBy: string | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason: string | null;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 24 })
  updatedAt: string;

  /**
   * The plan's change number of the last write that touched this task (plans/ledger-changes.ts); SQL only;
   * null for tasks never touched since the column came. Nullable with no default on purpose: with a
   * default TypeORM re-reads the column after a multi-row insert and, on SQLite, matched the rows back to
   * the wrong entities (ids swapped).
   */
  @Column({ name: 'change_seq', type: 'integer', nullable: true, select: false, insert: false, update: false })
  changeSeq?: number;
}
