import { Body, Controller, Get, Header, HttpCode, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, AnyRole, CurrentActor, Roles } from '../../common/auth/actor';
import { readMultipartUpload } from '../../common/http/multipart';
import { InvalidInput } from '../../common/errors/domain-error';
import { IdParam } from '../../common/http/id-param';
import { UploadParser } from '../uploads/upload-parser.service';
import { MAX_ASSIGNMENT_ROWS, sheetRowInput, validateAssignmentRows, validateBulkBody } from './assignment-input';
import { SHEET_FIELDS } from './assignment-rows';
import { CreateProgressReportDto, WithdrawProgressDto } from './dto/create-progress-report.dto';
import { CreateTaskDto } from './dto/create-task.dto';
import { AssignModeQuery, CancelTaskDto } from './dto/cancel-task.dto';
import { ASSIGN_MODES, type AssignMode } from './assignment-duplicates';
import { ListTasksQuery } from './dto/list-tasks.query';
import { ListReviewRequestsQuery } from './dto/list-review-requests.query';
import { ListPlanNoticesQuery } from './dto/list-plan-notices.query';
import {
  CreateCompletionRequestDto, CreateExtensionRequestDto, CreateSupervisionNoticeDto, RespondNoticeDto, ReturnRequestDto,
} from './dto/review.dto';
import { UpdateTaskDto } from './dto/update-task.dto';
import { LedgerExportService } from './ledger-export.service';
import { ProgressService } from './progress.service';
import { ReviewsService } from './reviews.service';
import { SupervisionService } from './supervision.service';
import { TasksService } from './tasks.service';

const MAX_SHEET_BYTES = 5 * 1024 * 1024;
/** Header rows may sit anywhere in the first ten rows, so a sheet may reach this row. */
const SHEET_LIMITS = { maxTaskRows: MAX_ASSIGNMENT_ROWS, maxRow: MAX_ASSIGNMENT_ROWS + 10, maxColumn: 100 };

@ApiTags('tasks')
@ApiBearerAuth()
@Controller()
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly progress: ProgressService,
    private readonly reviews: ReviewsService,
    private readonly supervision: SupervisionService,
    private readonly ledger: LedgerExportService,
    private readonly uploads: UploadParser,
  ) {}

  @Post('plans/:planId/tasks')
  @Roles('admin')
  @ApiBody({ type: [CreateTaskDto] })
  async createTasks(@IdParam('planId') planId: string, @Body() body: unknown, @Query() q: AssignModeQuery, @CurrentActor() actor: Actor) {
    // Shape errors and reference errors (unknown departments, deadlines) are reported together.
    const { rows, errors } = await validateBulkBody(body);
    return this.tasks.assign(planId, rows, actor, { shapeErrors: errors, mode: q.mode });
  }

  /** A 任务分工表 (.xlsx): 序号 (the plan item number), 工作任务, 牵头单位, 配合单位, 完成时限, 成果形式. */
  @Post('plans/:planId/assignments/import')
  @Roles('admin')
  @ApiConsumes('multipart/form-data')
  async importAssignments(@IdParam('planId') planId: string, @Req() req: FastifyRequest, @Query() q: AssignModeQuery, @CurrentActor() actor: Actor) {
    const { file, fields } = await readMultipartUpload(req, { maxBytes: MAX_SHEET_BYTES, fields: ['mode'], what: ' .xlsx 任务分工表' });
    const mode = fields.mode ?? q.mode;
    if (mode !== undefined && !(ASSIGN_MODES as readonly string[]).includes(mode)) throw new InvalidInput('mode: 只能是 append 或 replace');
    // Limits (zip size and entries, sheet rows and columns) are checked in the worker before parsing.
    const sheetRows = await this.uploads.sheet(file.buffer, SHEET_LIMITS);
    const { rows, errors } = await validateAssignmentRows(sheetRows.map(sheetRowInput), SHEET_FIELDS);
    return this.tasks.assign(planId, rows, actor, { fields: SHEET_FIELDS, rowWord: '第N行', shapeErrors: errors, mode: mode as AssignMode | undefined });
  }

  @Get('plans/:planId/assignment-draft')
  @Roles('admin')
  draft(@IdParam('planId') planId: string) {
    return this.tasks.draft(planId);
  }

  @Get('plans/:planId/ledger.xlsx')
  @AnyRole()
  @ApiQuery({ name: 'period', required: false, description: 'the quarter whose progress and figures to show (default: the current reporting period)' })
  async ledgerXlsx(@IdParam('planId') planId: string, @CurrentActor() actor: Actor, @Res() reply: FastifyReply, @Query('period') period?: string) {
    const { filename, buffer } = await this.ledger.build(planId, actor, period);
    await reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
      .send(buffer);
  }

  @Get('plans/:planId/supervision-notices')
  @AnyRole()
  planNotices(@IdParam('planId') planId: string, @Query() q: ListPlanNoticesQuery, @CurrentActor() actor: Actor) {
    return this.supervision.ofPlan(planId, actor, { open: q.open, page: q.page, pageSize: q.pageSize });
  }

  /** 待办: the plan's requests waiting for the legal office, with each task's title, item and department. */
  @Get('plans/:planId/review-requests')
  @Roles('admin')
  reviewQueue(@IdParam('planId') planId: string, @Query() q: ListReviewRequestsQuery) {
    return this.reviews.queueOfPlan(planId, { kind: q.kind ?? 'extension', status: q.status ?? 'pending', page: q.page ?? 1, pageSize: q.pageSize ?? 20 });
  }

  /** The ledger page; served as cached JSON (TasksService.listJson), the same body as a Page<TaskView>. */
  @Get('tasks')
  @AnyRole()
  @Header('content-type', 'application/json; charset=utf-8')
  list(@Query() q: ListTasksQuery, @CurrentActor() actor: Actor): Promise<Buffer> {
    return this.tasks.listJson(
      {
        planId: q.planId, departmentId: q.departmentId, status: q.status, light: q.light, q: q.q, dueFrom: q.dueFrom, dueTo: q.dueTo,
        pendingExtension: q.pendingExtension, sort: q.sort, order: q.order, page: q.page ?? 1, pageSize: q.pageSize ?? 50,
      },
      actor,
    );
  }

  @Get('tasks/:id')
  @AnyRole()
  get(@IdParam() id: string, @CurrentActor() actor: Actor) {
    return this.tasks.get(id, actor);
  }

  @Patch('tasks/:id')
  @Roles('admin')
  update(@IdParam() id: string, @Body() body: UpdateTaskDto, @CurrentActor() actor: Actor) {
    return this.tasks.update(id, body, actor);
  }

  /** 撤销 (admin): out of every statistic, kept in the ledger marked 已撤销. */
  @Post('tasks/:id/cancel')
  @Roles('admin')
  @HttpCode(200)
  cancel(@IdParam() id: string, @Body() body: CancelTaskDto, @CurrentActor() actor: Actor) {
    return this.tasks.cancel(id, body.reason, actor);
  }

  /** 签收 by the lead or a co-operating department. */
  @Post('tasks/:id/acknowledge')
  @Roles('department')
  @HttpCode(200)
  acknowledge(@IdParam() id: string, @CurrentActor() actor: Actor) {
    return this.tasks.acknowledge(id, actor);
  }

  @Post('tasks/:id/progress')
  @Roles('admin', 'department')
  report(@IdParam() id: string, @Body() body: CreateProgressReportDto, @CurrentActor() actor: Actor) {
    return this.progress.report(id, body, actor);
  }

  /** A correction of the department's own entry (same body as a new entry): it supersedes that entry, which stays in the ledger. */
  @Post('progress/:id/correction')
  @Roles('admin', 'department')
  correct(@IdParam() id: string, @Body() body: CreateProgressReportDto, @CurrentActor() actor: Actor) {
    return this.progress.correct(id, body, actor);
  }

  /** Withdraws the department's own entry: kept in the ledger, no longer counted. */
  @Post('progress/:id/withdraw')
  @Roles('admin', 'department')
  @HttpCode(200)
  withdraw(@IdParam() id: string, @Body() body: WithdrawProgressDto, @CurrentActor() actor: Actor) {
    return this.progress.withdraw(id, body.reason, actor);
  }

  @Get('tasks/:id/progress')
  @AnyRole()
  reports(@IdParam() id: string, @CurrentActor() actor: Actor) {
    return this.progress.list(id, actor);
  }

  @Post('tasks/:id/extension-requests')
  @Roles('admin', 'department')
  requestExtension(@IdParam() id: string, @Body() body: CreateExtensionRequestDto, @CurrentActor() actor: Actor) {
    return this.reviews.requestExtension(id, body, actor);
  }

  @Get('tasks/:id/extension-requests')
  @AnyRole()
  extensions(@IdParam() id: string, @CurrentActor() actor: Actor) {
    return this.reviews.extensions(id, actor);
  }

  @Post('extension-requests/:id/approve')
  @Roles('admin')
  @HttpCode(200)
  approveExtension(@IdParam() id: string, @CurrentActor() actor: Actor) {
    return this.reviews.reviewExtension(id, 'approve', null, actor);
  }

  @Post('extension-requests/:id/return')
  @Roles('admin')
  @HttpCode(200)
  returnExtension(@IdParam() id: string, @Body() body: ReturnRequestDto, @CurrentActor() actor: Actor) {
    return this.reviews.reviewExtension(id, 'return', body.reason.trim(), actor);
  }

  @Post('tasks/:id/completion-request')
  @Roles('admin', 'department')
  requestCompletion(@IdParam() id: string, @Body() body: CreateCompletionRequestDto, @CurrentActor() actor: Actor) {
    return this.reviews.requestCompletion(id, body.summary, actor);
  }

  @Get('tasks/:id/completion-requests')
  @AnyRole()
  completions(@IdParam() id: string, @CurrentActor() actor: Actor) {
    return this.reviews.completions(id, actor);
  }

  @Post('tasks/:id/completion/approve')
  @Roles('admin')
  @HttpCode(200)
  approveCompletion(@IdParam() id: string, @CurrentActor() actor: Actor) {
    return this.reviews.reviewCompletion(id, 'approve', null, actor);
  }

  @Post('tasks/:id/completion/return')
  @Roles('admin')
  @HttpCode(200)
  returnCompletion(@IdParam() id: string, @Body() body: ReturnRequestDto, @CurrentActor() actor: Actor) {
    return this.reviews.reviewCompletion(id, 'return', body.reason.trim(), actor);
  }

  @Post('tasks/:id/supervision-notices')
  @Roles('admin')
  issueNotice(@IdParam() id: string, @Body() body: CreateSupervisionNoticeDto, @CurrentActor() actor: Actor) {
    return this.supervision.issue(id, body, actor);
  }

  @Get('tasks/:id/supervision-notices')
  @AnyRole()
  taskNotices(@IdParam() id: string, @CurrentActor() actor: Actor) {
    return this.supervision.ofTask(id, actor);
  }

  @Post('supervision-notices/:id/response')
  @Roles('admin', 'department')
  @HttpCode(200)
  respond(@IdParam() id: string, @Body() body: RespondNoticeDto, @CurrentActor() actor: Actor) {
    return this.supervision.respond(id, body.response, actor);
  }

  /** The audit trail of a task: who did what, when, before and after. */
  @Get('tasks/:id/audit')
  @AnyRole()
  async auditTrail(@IdParam() id: string, @CurrentActor() actor: Actor) {
    return this.progress.auditTrail(id, actor);
  }
}
