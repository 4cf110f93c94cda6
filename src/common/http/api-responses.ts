// What each JSON route answers, by route key ("METHOD /path" as in the OpenAPI document). The build
// of the OpenAPI schemas (scripts/openapi-schemas.ts, `npm run openapi:schemas`) turns this interface
// into JSON schemas with ts-json-schema-generator, so the document follows the server's own types:
// change a view or an entity and the schema changes with it. api-responses.spec.ts makes the compiler
// check each entry against what the route's handler really returns, and fails while the generated
// file is older than the types. Routes answering files or nothing (204) are not listed here.
import type { ReminderPolicy } from '../../../config/app-config';
import type { AuditLog } from '../../modules/audit/audit-log.entity';
import type { LoginResult } from '../../modules/auth/auth.service';
import type { YearCalendar } from '../../modules/calendar/working-days';
import type { DepartmentView } from '../../modules/departments/departments.service';
import type { Indicator } from '../../modules/indicators/indicator.entity';
import type { Notification } from '../../modules/notifications/notification.entity';
import type { NotificationPage } from '../../modules/notifications/notifications.service';
import type { PlanSummaryRow } from '../../modules/plans/plans.repository';
import type { PlanView } from '../../modules/plans/plans.service';
import type { Reminder } from '../../modules/reminders/reminder.entity';
import type { Dashboard, DashboardDepartmentsPage, DashboardOverduePage } from '../../modules/rollups/dashboard.service';
import type { RollupResponse } from '../../modules/rollups/rollup.types';
import type { PlanPeriods } from '../../modules/rollups/rollups.service';
import type { ProgressReport } from '../../modules/tasks/progress-report.entity';
import type { CompletionRequest, ExtensionRequest } from '../../modules/tasks/review-request.entity';
import type { ReviewQueueRow } from '../../modules/tasks/review-requests.repository';
import type { SupervisionNotice } from '../../modules/tasks/supervision-notice.entity';
import type { PlanNotices } from '../../modules/tasks/supervision.service';
import type { TaskView } from '../../modules/tasks/task-view';
import type { DraftRow, Page } from '../../modules/tasks/tasks.service';
import type { UserView } from '../../modules/users/users.service';
import type { Actor } from '../auth/actor';

export interface ApiResponses {
  'POST /api/auth/login': LoginResult;
  'GET /api/auth/me': Actor;
  'GET /api/users': UserView[];
  'POST /api/users': UserView;
  'PATCH /api/users/{id}': UserView;
  'GET /api/departments': DepartmentView[];
  'POST /api/departments': DepartmentView;
  'GET /api/departments/{id}': DepartmentView;
  'PATCH /api/departments/{id}': DepartmentView;
  'POST /api/plans/import': PlanView;
  'GET /api/plans': PlanSummaryRow[];
  'GET /api/plans/{id}': PlanView;
  'PATCH /api/plans/{id}/items/{itemId}': PlanView;
  'POST /api/plans/{id}/items/{itemId}/split': PlanView;
  'POST /api/plans/{id}/items/merge': PlanView;
  'PUT /api/plans/{id}/document': PlanView;
  'POST /api/plans/{id}/archive': PlanView;
  'POST /api/plans/{planId}/tasks': TaskView[];
  'POST /api/plans/{planId}/assignments/import': TaskView[];
  'GET /api/plans/{planId}/assignment-draft': DraftRow[];
  'GET /api/plans/{planId}/supervision-notices': PlanNotices;
  'GET /api/plans/{planId}/review-requests': Page<ReviewQueueRow>;
  'GET /api/tasks': Page<TaskView>;
  'GET /api/tasks/{id}': TaskView;
  'PATCH /api/tasks/{id}': TaskView;
  'POST /api/tasks/{id}/cancel': TaskView;
  'POST /api/tasks/{id}/acknowledge': { taskId: string; departmentId: string; acknowledgedAt: string; alreadyAcknowledged: boolean };
  'POST /api/tasks/{id}/progress': ProgressReport;
  'GET /api/tasks/{id}/progress': ProgressReport[];
  'POST /api/progress/{id}/correction': ProgressReport;
  'POST /api/progress/{id}/withdraw': ProgressReport;
  'POST /api/tasks/{id}/extension-requests': ExtensionRequest;
  'GET /api/tasks/{id}/extension-requests': ExtensionRequest[];
  'POST /api/extension-requests/{id}/approve': ExtensionRequest;
  'POST /api/extension-requests/{id}/return': ExtensionRequest;
  'POST /api/tasks/{id}/completion-request': CompletionRequest;
  'GET /api/tasks/{id}/completion-requests': CompletionRequest[];
  'POST /api/tasks/{id}/completion/approve': CompletionRequest;
  'POST /api/tasks/{id}/completion/return': CompletionRequest;
  'POST /api/tasks/{id}/supervision-notices': SupervisionNotice;
  'GET /api/tasks/{id}/supervision-notices': SupervisionNotice[];
  'POST /api/supervision-notices/{id}/response': SupervisionNotice;
  'GET /api/tasks/{id}/audit': AuditLog[];
  'GET /api/calendar/{year}': YearCalendar;
  'PUT /api/calendar/{year}': YearCalendar;
  'GET /api/tasks/{id}/reminders': Reminder[];
  'GET /api/plans/{id}/reminder-policy': ReminderPolicy;
  'PUT /api/plans/{id}/reminder-policy': ReminderPolicy;
  'GET /api/me/notifications': NotificationPage;
  'POST /api/me/notifications/{id}/read': Notification;
  'POST /api/me/notifications/read-all': { marked: number; unread: number };
  'GET /api/plans/{id}/periods': PlanPeriods;
  /** Served as pre-serialised JSON (a Buffer): the type is the one the roll-up cache serialises. */
  'GET /api/plans/{id}/rollups/{quarter}': RollupResponse;
  'POST /api/plans/{id}/rollups/{quarter}/close': RollupResponse;
  /** Served as pre-serialised JSON (a Buffer) of this shape. */
  'GET /api/plans/{id}/dashboard': Dashboard;
  'GET /api/plans/{id}/dashboard/departments': DashboardDepartmentsPage;
  'GET /api/plans/{id}/dashboard/overdue': DashboardOverduePage;
  'GET /api/plans/{id}/indicators': Indicator[];
  'POST /api/plans/{id}/indicators': Indicator;
  'PATCH /api/indicators/{id}': Indicator;
}
