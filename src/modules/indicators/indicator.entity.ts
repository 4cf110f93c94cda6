import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, type Relation } from 'typeorm';
import { Plan } from '../plans/plan.entity';

export const INDICATOR_KINDS = ['count', 'cumulative', 'rate', 'text'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export const INDICATOR_STATUSES = ['confirmed', 'proposed', 'merged'] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];

/**
 * 指标: one entry of a plan's indicator catalogue. `kind` decides how roll-ups aggregate its figures
 * (count: summed over periods; cumulative: latest value as of the period; rate: a percentage, never
 * summed; text: not aggregated). A name a department reports that the catalogue does not know becomes a
 * `proposed` indicator; the office confirms it or merges it into another (then `merged`, `mergedInto`).
 */
@Entity('indicators')
@Unique('uq_indicators_plan_name', ['planId', 'name'])
@Index('idx_indicators_plan', ['planId', 'status'])
@Check('chk_indicators_kind', "kind IN ('count','cumulative','rate','text')")
@Check('chk_indicators_status', "status IN ('confirmed','proposed','merged')")
export class Indicator {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'plan_id', type: 'varchar', length: 36 })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  unit: string;

  @Column({ type: 'varchar', length: 12 })
  kind: IndicatorKind;

  /** Other names departments use for it ("受理行政复议案件" for 行政复议受理数). */
  @Column({ type: 'simple-json' })
  aliases: string[];

  @Column({ type: 'varchar', length: 12 })
  status: IndicatorStatus;

  @Column({ name: 'merged_into', type: 'varchar', length: 36, nullable: true })
  mergedInto: string | null;

  /** The department whose figure proposed it (null when the office created it). */
  @Column({ name: 'proposed_by', type: 'varchar', length: 36, nullable: true })
  proposedBy: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 24 })
  updatedAt: string;
}
