import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ReminderPolicy } from '../../../config/app-config';
import { type Actor, AnyRole, CurrentActor, Roles } from '../../common/auth/actor';
import { IdParam } from '../../common/http/id-param';
import { TaskAccess } from '../tasks/task-access';
import { ReminderPolicyDto } from './dto/reminder-policy.dto';
import { ReminderPolicyService } from './reminder-policy.service';
import type { Reminder } from './reminder.entity';
import { RemindersRepository } from './reminders.repository';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller()
export class RemindersController {
  constructor(
    private readonly repo: RemindersRepository,
    private readonly access: TaskAccess,
    private readonly policies: ReminderPolicyService,
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
  policy(@IdParam() id: string): Promise<ReminderPolicy> {
    return this.policies.policyOf(id);
  }

  /** Overrides the reminder policy for one plan and replans its reminders. */
  @Put('plans/:id/reminder-policy')
  @Roles('admin')
  setPolicy(@IdParam() id: string, @Body() body: ReminderPolicyDto, @CurrentActor() actor: Actor): Promise<ReminderPolicy> {
    // DTO instances carry every declared field (unset ones as undefined): keep only those sent.
    const sent = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as Partial<ReminderPolicy>;
    return this.policies.setPolicy(id, sent, actor);
  }
}
