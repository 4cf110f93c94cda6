// A plan's reminder policy: the configured defaults overridden per plan. Changing it replans the
// plan's reminders in the same transaction and is audited.
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type ReminderPolicy } from '../../../config/app-config';
import type { Actor } from '../../common/auth/actor';
import { NotFound } from '../../common/errors/domain-error';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { AuditService } from '../audit/audit.service';
import { PlansRepository } from '../plans/plans.repository';
import { ReminderPlanner } from './reminder-planner.service';
import { effectivePolicy } from './reminder-schedule';

@Injectable()
export class ReminderPolicyService {
  constructor(
    private readonly plans: PlansRepository,
    private readonly planner: ReminderPlanner,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async policyOf(planId: string): Promise<ReminderPolicy> {
    const plan = await this.plans.findById(planId);
    if (!plan) throw new NotFound('plan', planId);
    return effectivePolicy(this.config.reminders, plan.reminderPolicy);
  }

  /** Overrides the fields sent (the others keep their plan or default value) and replans the plan's reminders. */
  async setPolicy(planId: string, sent: Partial<ReminderPolicy>, actor: Actor): Promise<ReminderPolicy> {
    return this.tx.run(async () => {
      const plan = await this.plans.findById(planId);
      if (!plan) throw new NotFound('plan', planId);
      const before = plan.reminderPolicy ?? null;
      const next: Partial<ReminderPolicy> = { ...(plan.reminderPolicy ?? {}), ...sent };
      if (next.beforeWorkingDays) next.beforeWorkingDays = [...new Set(next.beforeWorkingDays)].sort((a, b) => b - a);
      await this.plans.setReminderPolicy(planId, next);
      await this.audit.record({ actorId: actor.id, action: 'plan.reminder-policy', entityType: 'plan', entityId: planId, before, after: next });
      await this.planner.replanPlan(planId);
      return effectivePolicy(this.config.reminders, next);
    });
  }
}
