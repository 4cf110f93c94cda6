// Request and response types of the API, imported from the server's own code (type-only: erased at
// build time, so no server code reaches the browser). Never hand-copy a server shape here.
export type { LoginResult } from '@server/modules/auth/auth.service';
export type { Actor } from '@server/common/auth/actor';
export type { Role } from '@server/modules/users/user.entity';
export type { UserView } from '@server/modules/users/users.service';
export type { TaskView, DepartmentRef } from '@server/modules/tasks/task-view';
export type { Page, DraftRow } from '@server/modules/tasks/tasks.service';
export type { Light } from '@server/modules/tasks/task-light';
export type { CreateProgressReportDto, ProgressFigureDto } from '@server/modules/tasks/dto/create-progress-report.dto';
export type {
  CreateExtensionRequestDto, CreateCompletionRequestDto, CreateSupervisionNoticeDto, RespondNoticeDto, ReturnRequestDto,
} from '@server/modules/tasks/dto/review.dto';
export type { UpdateTaskDto } from '@server/modules/tasks/dto/update-task.dto';
export type { CreateTaskDto } from '@server/modules/tasks/dto/create-task.dto';
export type { ChangePasswordDto } from '@server/modules/users/dto/change-password.dto';
export type { CreateUserDto } from '@server/modules/users/dto/create-user.dto';
export type { UpdateUserDto } from '@server/modules/users/dto/update-user.dto';
export type { LoginDto } from '@server/modules/auth/dto/login.dto';
export type { ProgressReport } from '@server/modules/tasks/progress-report.entity';
export type { SupervisionNotice } from '@server/modules/tasks/supervision-notice.entity';
export type { PlanNotices } from '@server/modules/tasks/supervision.service';
export type { Notification } from '@server/modules/notifications/notification.entity';
export type {
  Dashboard, TrendPoint, RankingRow, OverdueTask, DashboardDepartmentRow, DashboardDepartmentsPage, DashboardOverdueRow, DashboardOverduePage,
} from '@server/modules/rollups/dashboard.service';
export type { DashboardDepartmentSort } from '@server/modules/rollups/dto/dashboard.query';
export type { RollupResponse, RollupStats, TaskLine } from '@server/modules/rollups/rollup.types';
export type { ExtensionRequest, CompletionRequest } from '@server/modules/tasks/review-request.entity';
export type { PlanView, PlanMetaView, SectionView, ItemView } from '@server/modules/plans/plans.service';
export type { DepartmentView } from '@server/modules/departments/departments.service';
export type { PlanSummaryRow } from '@server/modules/plans/plans.repository';
export type { AuditLog } from '@server/modules/audit/audit-log.entity';
// Legal office pages (web2)
export type { RowError } from '@server/modules/tasks/tasks.errors';
export type { StoredSuggestions } from '@server/modules/plans/plan-item.entity';
export type { Reminder } from '@server/modules/reminders/reminder.entity';
export type { YearCalendar } from '@server/modules/calendar/working-days';
export type { ReminderPolicy } from '@config/app-config';
export type { ReminderPolicyDto } from '@server/modules/reminders/dto/reminder-policy.dto';
export type { EnterCalendarDto } from '@server/modules/calendar/dto/enter-calendar.dto';
export type { CreateDepartmentDto } from '@server/modules/departments/dto/create-department.dto';
export type { UpdateDepartmentDto } from '@server/modules/departments/dto/update-department.dto';
export type { ListTasksQuery, TaskSort } from '@server/modules/tasks/dto/list-tasks.query';
export type { DeliveryView } from '@server/modules/reminders/deliveries.service';
export type { ReviewQueueRow, ReviewKind } from '@server/modules/tasks/review-requests.repository';
export type { Indicator } from '@server/modules/indicators/indicator.entity';
export type { PlanPeriods, PlanPeriodState } from '@server/modules/rollups/rollups.service';
