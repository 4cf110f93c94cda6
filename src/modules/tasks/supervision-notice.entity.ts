import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, type Relation } from 'typeorm';
import { Task } from './task.entity';

export const NOTICE_LEVELS = ['blue', 'yellow', 'red'] as const;
export type NoticeLevel = (typeof NOTICE_LEVELS)[number];

/** 督办 notice, numbered per plan (督办〔2026〕3号); the lead department responds. */
@Entity('supervision_notices')
@Unique('uq_supervision_notices_plan_seq', ['planId', 'seq'])
@Index('idx_supervision_notices_task', ['taskId'])
@Check('chk_supervision_notices_level', "level IN ('blue','yellow','red')")
export class SupervisionNotice {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'plan_id', type: 'varchar', length: 36 })
  planId: string;

  @Column({ name: 'task_id', type: 'varchar', length: 36 })
  taskId: string;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: Relation<Task>;

  @Column({ name: 'department_id', type: 'varchar', length: 36 })
  departmentId: string;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 40 })
  number: string;

  @Column({ type: 'varchar', length: 8 })
  level: NoticeLevel;

  @Column({ type: 'text' })
  message: string;

  @Column({ name: 'respond_by', type: 'varchar', length: 10 })
  respondBy: string;

  /** Null for notices the system issues itself (after repeated overdue reminders). */
  @Column({ name: 'issued_by', type: 'varchar', length: 36, nullable: true })
  issuedBy: string | null;

  @Column({ name: 'issued_on', type: 'varchar', length: 10 })
  issuedOn: string;

  @Column({ type: 'text', nullable: true })
  response: string | null;

  @Column({ name: 'responded_by', type: 'varchar', length: 36, nullable: true })
  respondedBy: string | null;

  @Column({ name: 'responded_on', type: 'varchar', length: 10, nullable: true })
  respondedOn: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt: string;
}
