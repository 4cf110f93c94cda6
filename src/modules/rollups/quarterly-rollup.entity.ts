import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique, type Relation } from 'typeorm';
import { Plan } from '../plans/plan.entity';
import type { RollupStats, StoredRollup } from './rollup.types';

/**
 * 季度汇总: the frozen roll-up of one quarter of a plan. Written once when the quarter closes and
 * never updated: the unique (plan, quarter) key makes a second close — by hand, by the scheduler,
 * or both at once — a no-op that returns the first one.
 */
@Entity('quarterly_rollups')
@Unique('uq_quarterly_rollups_plan_quarter', ['planId', 'quarter'])
export class QuarterlyRollup {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'plan_id', type: 'varchar', length: 36 })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  /** '2026Q2' */
  @Column({ type: 'varchar', length: 6 })
  quarter: string;

  @Column({ name: 'period_start', type: 'varchar', length: 10 })
  periodStart: string;

  @Column({ name: 'period_end', type: 'varchar', length: 10 })
  periodEnd: string;

  /** The whole roll-up as it stood at closing (views and the facts they were folded from). */
  @Column({ type: 'simple-json' })
  data: StoredRollup;

  /** The overall figures of the view, kept beside it so the trend needs no parse of the whole snapshot. */
  @Column({ type: 'simple-json', nullable: true })
  overall: RollupStats | null;

  /** The admin who closed it; null when the quarterly scheduler did. */
  @Column({ name: 'closed_by', type: 'varchar', length: 36, nullable: true })
  closedBy: string | null;

  @Column({ name: 'closed_at', type: 'varchar', length: 24 })
  closedAt: string;
}
