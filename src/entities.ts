// Every TypeORM entity, listed once for the app module, the CLI data source and tests.
import { AuditLog } from './modules/audit/audit-log.entity';
import { DepartmentName } from './modules/departments/department-name.entity';
import { Department } from './modules/departments/department.entity';
import { PlanItem } from './modules/plans/plan-item.entity';
import { PlanSection } from './modules/plans/plan-section.entity';
import { Plan } from './modules/plans/plan.entity';
import { User } from './modules/users/user.entity';

export const ENTITIES = [User, Department, DepartmentName, Plan, PlanSection, PlanItem, AuditLog];
