import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Plan } from './plan.entity';

/** A chapter (level 1, 一、) or a sub-section (level 2, （一）) of a plan. */
@Entity('plan_sections')
@Index('idx_plan_sections_plan', ['planId', 'position'])
export class PlanSection {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'plan_id', type: 'varchar', length: 36 })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId: string | null;

  @Column({ type: 'integer' })
  level: number;

  @Column({ type: 'varchar', length: 16 })
  ordinal: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** Document order across the whole plan. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'integer' })
  line: number;
}
