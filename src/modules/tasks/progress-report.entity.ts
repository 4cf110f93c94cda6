import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Task } from './task.entity';

/** A figure as the department reported it (the name it used), with the catalogue indicator it was filed under. */
export interface ProgressFigureInput {
  indicatorId?: string;
  indicator: string;
  value: number | string;
  unit: string;
  numerator?: number;
  denominator?: number;
}

/**
 * 进展填报: append-only; a correction is a new report that supersedes the earlier one (both kept,
 * only the effective one counted). Each report belongs to a reporting period (a quarter); one filed
 * after that period closed is 补报 (`late`).
 */
@Entity('progress_reports')
@Index('idx_progress_reports_task', ['taskId', 'createdAt'])
// The roll-ups' "progress as of a period" seeks a task's newest effective official report of a period up to it.
@Index('idx_progress_reports_as_of', ['taskId', 'isOfficial', 'effective', 'period', 'createdAt', 'id', 'percent'])
// 未报送: which departments filed an effective report for a period.
@Index('idx_progress_reports_period', ['period', 'effective', 'departmentId', 'taskId'])
export class ProgressReport {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'task_id', type: 'varchar', length: 36 })
  taskId: string;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: Relation<Task>;

  @Column({ name: 'department_id', type: 'varchar', length: 36 })
  departmentId: string;

  @Column({ name: 'author_id', type: 'varchar', length: 36 })
  authorId: string;

  /** True for the lead department's reports: they are the task's official progress. */
  @Column({ name: 'is_official', type: 'boolean' })
  isOfficial: boolean;

  @Column({ name: 'reported_on', type: 'varchar', length: 10 })
  reportedOn: string;

  @Column({ type: 'integer' })
  percent: number;

  @Column({ type: 'text' })
  narrative: string;

  @Column({ type: 'simple-json' })
  figures: ProgressFigureInput[];

  @Column({ type: 'simple-json' })
  evidence: string[];

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt: string;

  /** The reporting period it counts for: '2026Q1'. */
  @Column({ type: 'varchar', length: 6 })
  period: string;

  /** 补报: filed after its period had closed (never in that period's frozen roll-up; in the annual figures). */
  @Column({ type: 'boolean' })
  late: boolean;

  /** False once superseded by a correction or withdrawn. */
  @Column({ type: 'boolean' })
  effective: boolean;

  @Column({ name: 'supersedes_id', type: 'varchar', length: 36, nullable: true })
  supersedesId: string | null;

  @Column({ name: 'superseded_by_id', type: 'varchar', length: 36, nullable: true })
  supersededById: string | null;

  @Column({ name: 'withdrawn_at', type: 'varchar', length: 24, nullable: true })
  withdrawnAt: string | null;

  @Column({ name: 'withdrawn_by', type: 'varchar', length: 36, nullable: true })
  withdrawnBy: string | null;

  @Column({ name: 'withdraw_reason', type: 'text', nullable: true })
  withdrawReason: string | null;

  /** Why the percentage went backwards (required then), or why a correction was made. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
