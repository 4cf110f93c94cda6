import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { PlanSection } from './plan-section.entity';
import { Plan } from './plan.entity';

export interface StoredSuggestions {
  lead: { name: string; departmentId: string | null }[];
  cooperating: { name: string; departmentId: string | null }[];
  dueText?: string;
  unitText?: string;
  unmatched: string[];
}

/** A numbered work point (1. …) of a plan. */
@Entity('plan_items')
@Index('idx_plan_items_plan', ['planId', 'position'])
export class PlanItem {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'plan_id', type: 'varchar', length: 36 })
  planId: string;

  @Column({ name: 'section_id', type: 'varchar', length: 36 })
  sectionId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  @ManyToOne(() => PlanSection, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'section_id' })
  section?: Relation<PlanSection>;

  @Column({ type: 'integer' })
  number: number;

  @Column({ type: 'varchar', length: 16 })
  label: string;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'integer' })
  line: number;

  @Column({ type: 'simple-json', nullable: true })
  suggestions: StoredSuggestions | null;
}
