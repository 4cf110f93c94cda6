// Who may act on a task: admin may do all; a leader reads only; a department user acts only on
// tasks its department takes part in, and some steps only as the lead department.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { Forbidden, NotFound } from '../../common/errors/domain-error';
import { NotLeadDepartment } from './tasks.errors';
import { TasksRepository } from './tasks.repository';
import type { Task } from './task.entity';

export type Participation = 'admin' | 'lead' | 'cooperating';

@Injectable()
export class TaskAccess {
  constructor(private readonly repo: TasksRepository) {}

  /** The task if the actor may see it; otherwise 404, so ids of other departments' tasks reveal nothing. */
  async visible(id: string, actor: Actor): Promise<Task> {
    const task = await this.repo.findVisible(id, actor);
    if (!task) throw new NotFound('task', id);
    return task;
  }

  /** The task and how the actor takes part in it, for writes. Leaders never write. */
  async participant(id: string, actor: Actor): Promise<{ task: Task; as: Participation; departmentId: string }> {
    const task = await this.visible(id, actor);
    if (actor.role === 'admin') return { task, as: 'admin', departmentId: task.leadDepartmentId };
    if (actor.role !== 'department') throw new Forbidden('role: 领导账号只能查看，不能修改');
    const role = await this.repo.roleOf(task.id, actor.departmentId);
    if (!role) throw new NotFound('task', id);
    return { task, as: role.role, departmentId: role.departmentId };
  }

  async lead(id: string, actor: Actor, what: string): Promise<{ task: Task; departmentId: string }> {
    const p = await this.participant(id, actor);
    if (p.as === 'cooperating') throw new NotLeadDepartment(what);
    return p;
  }
}
