import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { ProgressReport } from './progress-report.entity';

/**
 * One reported figure (审核规范性文件 14 件) under a catalogue indicator, a row of its own so roll-ups
 * can aggregate by indicator. It carries its report's period and effective/late flags (kept in step
 * by ProgressRepository) so the roll-up reads figures through one index.
 */
@Entity('progress_figures')
@Index('idx_progress_figures_plan', ['planId', 'reportedOn'])
// migration 1764200000000: the roll-up reads a plan's effective official figures of some periods
@Index('idx_progress_figures_task', ['taskId']) // migration 1764410000000: the ledger model loads a task's figures
@Index('idx_progress_figures_period', ['planId', 'effective', 'period', 'isOfficial', 'taskId', 'indicatorId'])
export class ProgressFigure {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'report_id', type: 'varchar', length: 36 })
  reportId: string;

  @ManyToOne(() => ProgressReport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: Relation<ProgressReport>;

  @Column({ name: 'task_id', type: 'varchar', length: 36 })
  taskId: string;

  @Column({ name: 'plan_id', type: 'varchar', length: 36 })
  planId: string;

  @Column({ name: 'department_id', type: 'varchar', length: 36 })
  departmentId: string;

  @Column({ name: 'is_official', type: 'boolean' })
  isOfficial: boolean;

  @Column({ name: 'reported_on', type: 'varchar', length: 10 })
  reportedOn: string;

  @Column({ type: 'varchar', length: 100 })
  indicator: string;

  @Column({ type: 'double precision' })
  value: number;

  @Column({ type: 'varchar', length: 20 })
  unit: string;

  @Column({ name: 'indicator_id', type: 'varchar', length: 36 })
  indicatorId: string;

  @Column({ type: 'varchar', length: 6 })
  period: string;

  @Column({ type: 'boolean' })
  late: boolean;

  @Column({ type: 'boolean' })
  effective: boolean;

  /** For a rate: the counts it was computed from, when given (成功调解 45 / 受理 50). */
  @Column({ type: 'double precision', nullable: true })
  numerator: number | null;

  @Column({ type: 'double precision', nullable: true })
  denominator: number | null;

  /** For a text indicator: the text (value is 0). */
  @Column({ name: 'text_value', type: 'text', nullable: true })
  textValue: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt: string;
}
