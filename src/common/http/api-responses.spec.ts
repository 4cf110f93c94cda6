// Keeps the documented response bodies true. At compile time (`npm run typecheck`): each entry of
// ApiResponses must be exactly what its route's handler returns. At run time: the committed
// openapi-schemas.generated.ts must be what the generator makes from today's types.
import { describe, expect, it } from '@jest/globals';
import type { AuthController } from '../../modules/auth/auth.controller';
import type { CalendarController } from '../../modules/calendar/calendar.controller';
import type { DepartmentsController } from '../../modules/departments/departments.controller';
import type { IndicatorsController } from '../../modules/indicators/indicators.controller';
import type { NotificationsController } from '../../modules/notifications/notifications.controller';
import type { PlanCorrectionsController } from '../../modules/plan-corrections/plan-corrections.controller';
import type { PlansController } from '../../modules/plans/plans.controller';
import type { RemindersController } from '../../modules/reminders/reminders.controller';
import type { DashboardService } from '../../modules/rollups/dashboard.service';
import type { RollupsController } from '../../modules/rollups/rollups.controller';
import type { RollupsService } from '../../modules/rollups/rollups.service';
import type { closeAnswer } from '../../modules/rollups/snapshot-json';
import type { TasksController } from '../../modules/tasks/tasks.controller';
import type { TasksService } from '../../modules/tasks/tasks.service';
import type { UsersController } from '../../modules/users/users.controller';
import type { ApiResponses } from './api-responses';
import { generateResponseSchemas } from './openapi-schemas';
import { GENERATED_SCHEMAS } from './openapi-schemas.generated';

/** The handler (or, for routes answering pre-serialised JSON, the method computing the body) of each route. */
interface Handlers {
  'POST /api/auth/login': AuthController['login'];
  'GET /api/auth/me': AuthController['me'];
  'GET /api/users': UsersController['list'];
  'POST /api/users': UsersController['create'];
  'PATCH /api/users/{id}': UsersController['update'];
  'GET /api/departments': DepartmentsController['list'];
  'POST /api/departments': DepartmentsController['create'];
  'GET /api/departments/{id}': DepartmentsController['get'];
  'PATCH /api/departments/{id}': DepartmentsController['update'];
  'POST /api/plans/import': PlansController['import'];
  'GET /api/plans': PlansController['list'];
  'GET /api/plans/{id}': PlansController['get'];
  'PATCH /api/plans/{id}/items/{itemId}': PlanCorrectionsController['updateItem'];
  'POST /api/plans/{id}/items/{itemId}/split': PlanCorrectionsController['split'];
  'POST /api/plans/{id}/items/merge': PlanCorrectionsController['merge'];
  'PUT /api/plans/{id}/document': PlanCorrectionsController['replaceDocument'];
  'POST /api/plans/{id}/archive': PlanCorrectionsController['archive'];
  'POST /api/plans/{planId}/tasks': TasksController['createTasks'];
  'POST /api/plans/{planId}/assignments/import': TasksController['importAssignments'];
  'GET /api/plans/{planId}/assignment-draft': TasksController['draft'];
  'GET /api/plans/{planId}/supervision-notices': TasksController['planNotices'];
  'GET /api/plans/{planId}/review-requests': TasksController['reviewQueue'];
  'GET /api/tasks': TasksService['list']; // the controller answers its result as cached JSON (listJson)
  'GET /api/tasks/{id}': TasksController['get'];
  'PATCH /api/tasks/{id}': TasksController['update'];
  'POST /api/tasks/{id}/cancel': TasksController['cancel'];
  'POST /api/tasks/{id}/acknowledge': TasksController['acknowledge'];
  'POST /api/tasks/{id}/progress': TasksController['report'];
  'GET /api/tasks/{id}/progress': TasksController['reports'];
  'POST /api/progress/{id}/correction': TasksController['correct'];
  'POST /api/progress/{id}/withdraw': TasksController['withdraw'];
  'POST /api/tasks/{id}/extension-requests': TasksController['requestExtension'];
  'GET /api/tasks/{id}/extension-requests': TasksController['extensions'];
  'POST /api/extension-requests/{id}/approve': TasksController['approveExtension'];
  'POST /api/extension-requests/{id}/return': TasksController['returnExtension'];
  'POST /api/tasks/{id}/completion-request': TasksController['requestCompletion'];
  'GET /api/tasks/{id}/completion-requests': TasksController['completions'];
  'POST /api/tasks/{id}/completion/approve': TasksController['approveCompletion'];
  'POST /api/tasks/{id}/completion/return': TasksController['returnCompletion'];
  'POST /api/tasks/{id}/supervision-notices': TasksController['issueNotice'];
  'GET /api/tasks/{id}/supervision-notices': TasksController['taskNotices'];
  'POST /api/supervision-notices/{id}/response': TasksController['respond'];
  'GET /api/tasks/{id}/audit': TasksController['auditTrail'];
  'GET /api/calendar/{year}': CalendarController['get'];
  'PUT /api/calendar/{year}': CalendarController['put'];
  'GET /api/tasks/{id}/reminders': RemindersController['ofTask'];
  'GET /api/plans/{id}/reminder-policy': RemindersController['policy'];
  'PUT /api/plans/{id}/reminder-policy': RemindersController['setPolicy'];
  'GET /api/me/notifications': NotificationsController['list'];
  'POST /api/me/notifications/{id}/read': NotificationsController['read'];
  'POST /api/me/notifications/read-all': NotificationsController['readAll'];
  'GET /api/plans/{id}/periods': RollupsController['periods'];
  'GET /api/plans/{id}/rollups/{quarter}': RollupsService['getUncached'];
  // The service answers bytes: those of closeAnswer's value (made in the close's thread, or from the stored snapshot).
  'POST /api/plans/{id}/rollups/{quarter}/close': typeof closeAnswer;
  'GET /api/plans/{id}/dashboard': DashboardService['compact'];
  'GET /api/plans/{id}/dashboard/departments': DashboardService['departmentsPage'];
  'GET /api/plans/{id}/dashboard/overdue': DashboardService['overduePage'];
  'GET /api/plans/{id}/indicators': IndicatorsController['list'];
  'POST /api/plans/{id}/indicators': IndicatorsController['create'];
  'PATCH /api/indicators/{id}': IndicatorsController['update'];
}

type Result<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Routes whose ApiResponses entry is not what the handler returns (never when all agree). */
type Mismatched = { [K in keyof Handlers & keyof ApiResponses]: Same<Result<Handlers[K]>, ApiResponses[K]> extends true ? never : K }[keyof Handlers & keyof ApiResponses];
type Unpaired = Exclude<keyof ApiResponses, keyof Handlers> | Exclude<keyof Handlers, keyof ApiResponses>;
// A compile error here ("property 'GET /api/…' is missing") names the route whose documented body is
// wrong, or that is in one table and not the other.
const mismatched: Record<Mismatched, 'differs from the handler'> = {};
const unpaired: Record<Unpaired, 'in one table only'> = {};
void mismatched;
void unpaired;

describe('documented response bodies', () => {
  it('are generated from the current types (else run `npm run openapi:schemas`)', () => {
    expect(generateResponseSchemas()).toEqual(GENERATED_SCHEMAS);
  }, 120_000);
});
