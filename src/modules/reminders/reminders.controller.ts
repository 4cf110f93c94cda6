import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig, type ReminderPolicy } from '../../../config/app-config';
import { type Actor, AnyRole, CurrentActor, Roles } from '../../common/auth/actor';
import { NotFound } from '../../common/errors/domain-error';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { IdParam } from '../../common/http/id-param';
import { AuditService } from '../audit/audit.service';
import { Plan } from '../plans/plan.entity';
import { TaskAccess } from '../tasks/task-access';
import { ReminderPolicyDto } from './dto/reminder-policy.dto';
import { ReminderPlanner } from './reminder-planner.service';
import { effectivePolicy } from './reminder-schedule';
import type { Reminder } from './reminder.entity';
import { RemindersRepository } from './reminders.repository';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller()
export class RemindersController {
  constructor(
    private readonly repo: RemindersRepository,
    private readonly access: TaskAccess,
    private readonly planner: ReminderPlanner,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Planned, queued, sent, cancelled, skipped and failed reminders of a task, with webhook results. */
  @Get('tasks/:id/reminders')
  @AnyRole()
  async ofTask(@IdParam() id: string, @CurrentActor() actor: Actor): Promise<Reminder[]> {
    await this.access.visible(id, actor);
    return this.repo.forTask(id);
  }

  @Get('plans/:id/reminder-policy')
  @AnyRole()
  async policy(@IdParam() id: string): Promise<ReminderPolicy> {
    const plan = await this.tx.manager().findOneBy(Plan, { id });
    if (!plan) throw new NotFound('plan', id);
    return effectivePolicy(this.config.reminders, plan.reminderPolicy);
  }

  /** Overrides the reminder policy for one plan and replans its reminders. */
  @Put('plans/:id/reminder-policy')
  @Roles('admin')
  async setPolicy(@IdParam() id: string, @Body() body: ReminderPolicyDto, @CurrentActor() actor: Actor): Promise<ReminderPolicy> {
    return this.tx.run(async (em) => {
      const plan = await em.findOneBy(Plan, { id });
      if (!plan) throw new NotFound('plan', id);
      const before = plan.reminderPolicy ?? null;
      // DTO instances carry every declared field (unset ones as undefined): keep only those sent.
      const sent = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as Partial<ReminderPolicy>;
      const next: Partial<ReminderPolicy> = { ...(plan.reminderPolicy ?? {}), ...sent };
      if (next.beforeWorkingDays) next.beforeWorkingDays = [...new Set(next.beforeWorkingDays)].sort((a, b) => b - a);
      await em.update(Plan, { id }, { reminderPolicy: next });
      await this.audit.record({ actorId: actor.id, action: 'plan.reminder-policy', entityType: 'plan', entityId: id, before, after: next });
      await this.planner.replanPlan(id);
      return effectivePolicy(this.config.reminders, next);
    });
  }
}
