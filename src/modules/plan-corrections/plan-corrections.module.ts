import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { TasksModule } from '../tasks/tasks.module';
import { PlanCorrectionsController } from './plan-corrections.controller';
import { PlanCorrectionsService } from './plan-corrections.service';

/** Corrections of a misread plan (items, document, archive); composes the plans and tasks aggregates. */
@Module({
  imports: [PlansModule, TasksModule],
  controllers: [PlanCorrectionsController],
  providers: [PlanCorrectionsService],
})
export class PlanCorrectionsModule {}
