import { BadRequestException, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, AnyRole, CurrentActor, Roles } from '../../common/auth/actor';
import { IdParam } from '../../common/http/id-param';
import { DashboardService } from './dashboard.service';
import { DashboardDepartmentsQuery, DashboardOverdueQuery, DashboardQuery } from './dto/dashboard.query';
import { PlanPeriods, RollupsService } from './rollups.service';

@ApiTags('rollups')
@ApiBearerAuth()
@Controller('plans/:id')
export class RollupsController {
  constructor(private readonly rollups: RollupsService, private readonly dashboard: DashboardService) {}

  /** The plan's reporting periods: windows, close days, states, and where a new entry goes by default. */
  @Get('periods')
  @AnyRole()
  periods(@IdParam() id: string): Promise<PlanPeriods> {
    return this.rollups.periodsOf(id);
  }

  /**
   * A period's roll-up: a quarter ('2026Q2'; the next year's quarters too) live until closed, the frozen
   * snapshot after; or the year ('2026'). `tasks=true` adds the task lists.
   */
  @Get('rollups/:quarter')
  @AnyRole()
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiQuery({ name: 'tasks', required: false, type: Boolean })
  get(@IdParam() id: string, @Param('quarter') quarter: string, @CurrentActor() actor: Actor, @Query('tasks') tasks?: string): Promise<Buffer> {
    if (tasks !== undefined && tasks !== 'true' && tasks !== 'false') throw new BadRequestException('tasks: 必须是 true 或 false');
    return this.rollups.getJson(id, quarter, actor, tasks === 'true');
  }

  /** Freezes an ended quarter; closing again answers the first snapshot unchanged. `tasks=true` adds the task lists, as for GET. */
  @Post('rollups/:quarter/close')
  @Roles('admin')
  @HttpCode(200)
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiQuery({ name: 'tasks', required: false, type: Boolean })
  async close(@IdParam() id: string, @Param('quarter') quarter: string, @CurrentActor() actor: Actor, @Query('tasks') tasks?: string): Promise<Buffer> {
    if (tasks !== undefined && tasks !== 'true' && tasks !== 'false') throw new BadRequestException('tasks: 必须是 true 或 false');
    // A province's answer is megabytes (RollupResponse, see api-responses.ts): made with the snapshot, off this event loop.
    return this.rollups.close(id, quarter, actor, tasks === 'true');
  }

  /**
   * The leaders' view (JSON of the Dashboard shape, serialised once per computation): totals, chapters
   * and the first `limit` rows of each list with the count of all; the full lists are the drill-downs below.
   */
  @Get('dashboard')
  @AnyRole()
  @Header('content-type', 'application/json; charset=utf-8')
  getDashboard(@IdParam() id: string, @Query() q: DashboardQuery, @CurrentActor() actor: Actor): Promise<Buffer> {
    return this.dashboard.buildJson(id, actor, q.limit);
  }

  /** Every lead department's lights and ranking figures, paged (DashboardDepartmentsPage); a department user: its own. */
  @Get('dashboard/departments')
  @AnyRole()
  @Header('content-type', 'application/json; charset=utf-8')
  getDashboardDepartments(@IdParam() id: string, @Query() q: DashboardDepartmentsQuery, @CurrentActor() actor: Actor): Promise<Buffer> {
    return this.dashboard.departmentsJson(id, actor, q);
  }

  /** The overdue tasks, most overdue first, paged and filterable (DashboardOverduePage); a department user: its own. */
  @Get('dashboard/overdue')
  @AnyRole()
  @Header('content-type', 'application/json; charset=utf-8')
  getDashboardOverdue(@IdParam() id: string, @Query() q: DashboardOverdueQuery, @CurrentActor() actor: Actor): Promise<Buffer> {
    return this.dashboard.overdueJson(id, actor, q);
  }
}
