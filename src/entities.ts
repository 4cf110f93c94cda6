// Every TypeORM entity, listed once for the app module, the CLI data source and tests.
import { AuditLog } from './modules/audit/audit-log.entity';
import { CalendarYearEntry } from './modules/calendar/calendar-year.entity';
import { Indicator } from './modules/indicators/indicator.entity';
import { Notification } from './modules/notifications/notification.entity';
import { Reminder } from './modules/reminders/reminder.entity';
import { QuarterlyRollup } from './modules/rollups/quarterly-rollup.entity';
import { DepartmentName } from './modules/departments/department-name.entity';
import { Department } from './modules/departments/department.entity';
import { PlanItem } from './modules/plans/plan-item.entity';
import { PlanSection } from './modules/plans/plan-section.entity';
import { Plan } from './modules/plans/plan.entity';
import { ProgressFigure } from './modules/tasks/progress-figure.entity';
import { ProgressReport } from './modules/tasks/progress-report.entity';
import { CompletionRequest, ExtensionRequest } from './modules/tasks/review-request.entity';
import { SupervisionNotice } from './modules/tasks/supervision-notice.entity';
import { TaskDepartment } from './modules/tasks/task-department.entity';
import { Task } from './modules/tasks/task.entity';
import { User } from './modules/users/user.entity';

export const ENTITIES = [
  User, Department, DepartmentName, Plan, PlanSection, PlanItem, AuditLog,
  Task, TaskDepartment, ProgressReport, ProgressFigure, ExtensionRequest, CompletionRequest, SupervisionNotice,
  CalendarYearEntry, Reminder, Notification, QuarterlyRollup, Indicator,
];
