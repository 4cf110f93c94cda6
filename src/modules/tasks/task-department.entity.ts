import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Department } from '../departments/department.entity';
import { Task } from './task.entity';

export type TaskRole = 'lead' | 'cooperating';

/** Which departments take part in a task; the department scope of every query joins here. */
@Entity('task_departments')
@Index('idx_task_departments_department', ['departmentId', 'taskId'])
export class TaskDepartment {
  @PrimaryColumn({ name: 'task_id', type: 'varchar', length: 36 })
  taskId: string;

  @PrimaryColumn({ name: 'department_id', type: 'varchar', length: 36 })
  departmentId: string;

  @Column({ type: 'varchar', length: 12 })
  role: TaskRole;

  /** 签收: when (and by whom) the department acknowledged the task. */
  @Column({ name: 'acknowledged_at', type: 'varchar', length: 24, nullable: true })
  acknowledgedAt?: string | null;

  @Column({ name: 'acknowledged_by', type: 'varchar', length: 36, nullable: true })
  acknowledgedBy?: string | null;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: Relation<Task>;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department?: Relation<Department>;
}
