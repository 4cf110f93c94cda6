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

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: Relation<Task>;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department?: Relation<Department>;
}
