import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { ProgressReport } from './progress-report.entity';

/** One reported figure (审核规范性文件 14 件), a row of its own so roll-ups can SUM by indicator and unit. */
@Entity('progress_figures')
@Index('idx_progress_figures_plan', ['planId', 'reportedOn'])
// migration 1763900200000-rollups: covers the quarterly figure sums (official figures of a plan within a quarter)
@Index('idx_progress_figures_rollup', ['planId', 'isOfficial', 'reportedOn', 'taskId', 'indicator', 'unit', 'value'])
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
}
