import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Task } from './task.entity';

export interface ProgressFigureInput {
  indicator: string;
  value: number;
  unit: string;
}

/** 进展填报: append-only; a correction is a new report. */
@Entity('progress_reports')
@Index('idx_progress_reports_task', ['taskId', 'createdAt'])
// The roll-ups' "progress as of a day" seeks a task's newest official report on or before it.
@Index('idx_progress_reports_as_of', ['taskId', 'isOfficial', 'reportedOn', 'createdAt', 'id', 'percent'])
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
}
