// Data for the browser journeys, set up through the API as the legal office would: the seed plan
// (../shared/seeds), departments with users, a leader, and tasks assigned from the plan's items.
import { readFileSync } from 'node:fs';
import { SEED_PLAN_PATH } from '../helpers/shared-docs';
import type { Service } from './service';

/**
 * The seed plan is the 2016 工作要点: the service clock starts mid-2016 so the year is live, 40 s
 * before 09:00 in Shanghai on Wednesday 15 June, so the reminder one working day before the due
 * date (Thursday 16 June) of item 3 (法制办 leads it) fires during the test and lands in 消息中心.
 */
export const CLOCK_START = '2016-06-15T00:59:20.000Z';
export const SERVICE_ENV = { CLOCK_START, REMINDER_BEFORE_WORKING_DAYS: '1', REMINDER_HOUR: '9' };

export interface Person {
  username: string;
  password: string;
}
export interface Seeded {
  planId: string;
  departments: { fzb: { id: string; name: string }; cg: { id: string; name: string } };
  users: { fzb: Person; cg: Person; leader: Person };
  /** Task ids by plan item number. */
  tasks: Map<number, string>;
}

export async function seedPlan(svc: Service): Promise<Seeded> {
  const admin = svc.adminToken;
  const plan = await svc.api('POST', '/plans/import', admin, { text: readFileSync(SEED_PLAN_PATH, 'utf8') });
  const planId: string = plan.plan.id;
  const fzb = await svc.api('POST', '/departments', admin, { name: '区政府法制办', aliases: ['法制办'], kind: 'office' });
  const cg = await svc.api('POST', '/departments', admin, { name: '区城市管理局', aliases: ['城管局'], kind: 'bureau' });
  const users = {
    fzb: { username: 'fazhiban', password: 'fazhiban-pass' },
    cg: { username: 'chengguan', password: 'chengguan-pass' },
    leader: { username: 'lingdao', password: 'lingdao-pass' },
  };
  await svc.api('POST', '/users', admin, { ...users.fzb, role: 'department', departmentId: fzb.id });
  await svc.api('POST', '/users', admin, { ...users.cg, role: 'department', departmentId: cg.id });
  await svc.api('POST', '/users', admin, { ...users.leader, role: 'leader' });
  // Items 1–10: 法制办 leads the odd ones, 城管局 the even ones, each co-operating on the other's.
  const rows = Array.from({ length: 10 }, (_, i) => ({
    itemNumber: i + 1,
    leadDepartment: i % 2 === 0 ? '法制办' : '城管局',
    cooperatingDepartments: [i % 2 === 0 ? '城管局' : '法制办'],
    dueDate: i === 2 ? '2016-06-16' : i < 3 ? '2016-06-30' : '年底',
    deliverable: '工作总结',
  }));
  const created: { id: string; itemNumber: number }[] = await svc.api('POST', `/plans/${planId}/tasks`, admin, rows);
  return {
    planId,
    departments: { fzb: { id: fzb.id, name: fzb.name }, cg: { id: cg.id, name: cg.name } },
    users,
    tasks: new Map(created.map((t) => [t.itemNumber, t.id])),
  };
}
