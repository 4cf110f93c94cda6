import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Task } from './task.entity';

export type ReviewStatus = 'pending' | 'approved' | 'returned';

/** What every reviewed request carries: who asked for which task, and the legal office's decision. */
abstract class ReviewedRequest {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'task_id', type: 'varchar', length: 36 })
  taskId: string;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: Relation<Task>;

  @Column({ name: 'department_id', type: 'varchar', length: 36 })
  departmentId: string;

  @Column({ name: 'requested_by', type: 'varchar', length: 36 })
  requestedBy: string;

  @Column({ type: 'varchar', length: 12 })
  status: ReviewStatus;

  @Column({ name: 'review_reason', type: 'text', nullable: true })
  reviewReason: string | null;

  @Column({ name: 'reviewed_by', type: 'varchar', length: 36, nullable: true })
  reviewedBy: string | null;

  @Column({ name: 'reviewed_at', type: 'varchar', length: 24, nullable: true })
  reviewedAt: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt: string;
}

/** 延期申请: approved moves the due date (the original stays on the task), returned carries a reason. */
@Entity('extension_requests')
@Index('idx_extension_requests_task', ['taskId', 'createdAt'])
@Check('chk_extension_requests_status', "status IN ('pending','approved','returned')")
export class ExtensionRequest extends ReviewedRequest {
  @Column({ name: 'requested_due_date', type: 'varchar', length: 10 })
  requestedDueDate: string;

  @Column({ name: 'previous_due_date', type: 'varchar', length: 10 })
  previousDueDate: string;

  @Column({ type: 'text' })
  reason: string;
}

/** 办结申请: approved completes the task, returned carries a reason. */
@Entity('completion_requests')
@Index('idx_completion_requests_task', ['taskId', 'createdAt'])
@Check('chk_completion_requests_status', "status IN ('pending','approved','returned')")
export class CompletionRequest extends ReviewedRequest {
  @Column({ type: 'text' })
  summary: string;
}
