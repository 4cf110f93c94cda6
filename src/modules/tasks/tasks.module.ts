import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../departments/departments.module';
import { IndicatorsModule } from '../indicators/indicators.module';
import { PlansModule } from '../plans/plans.module';
import { LedgerExportService } from './ledger-export.service';
import { ProgressRepository } from './progress.repository';
import { ProgressService } from './progress.service';
import { ReportingPeriods } from './reporting-periods';
import { ReviewRequestsRepository } from './review-requests.repository';
import { ReviewsService } from './reviews.service';
import { SupervisionService } from './supervision.service';
import { TaskAccess } from './task-access';
import { TasksController } from './tasks.controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

@Module({
  imports: [DepartmentsModule, PlansModule, IndicatorsModule],
  controllers: [TasksController],
  providers: [
    TasksService, TasksRepository, TaskAccess, ProgressService, ProgressRepository, ReportingPeriods, ReviewRequestsRepository,
    ReviewsService, SupervisionService, LedgerExportService,
  ],
  exports: [TasksService, TasksRepository, SupervisionService, TaskAccess, ProgressService, ProgressRepository, ReportingPeriods, ReviewRequestsRepository],
})
export class TasksModule {}
