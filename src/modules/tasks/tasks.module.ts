import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../departments/departments.module';
import { UploadsModule } from '../uploads/uploads.module';
import { IndicatorsModule } from '../indicators/indicators.module';
import { PlansModule } from '../plans/plans.module';
import { LedgerExportService } from './ledger-export.service';
import { ProgressRepository } from './progress.repository';
import { ProgressService } from './progress.service';
import { ReportingPeriods } from './reporting-periods';
import { ReviewRequestsRepository } from './review-requests.repository';
import { ReviewsService } from './reviews.service';
import { SupervisionNoticesRepository } from './supervision-notices.repository';
import { SupervisionService } from './supervision.service';
import { TaskAccess } from './task-access';
import { TasksController } from './tasks.controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

@Module({
  imports: [DepartmentsModule, PlansModule, UploadsModule, IndicatorsModule],
  controllers: [TasksController],
  providers: [
    TasksService, TaskAccess, ProgressService, ReviewsService, SupervisionService, LedgerExportService, ReportingPeriods,
    TasksRepository, ProgressRepository, ReviewRequestsRepository, SupervisionNoticesRepository,
  ],
  exports: [
    TasksService, SupervisionService, TaskAccess, ProgressService, ReportingPeriods,
    TasksRepository, ProgressRepository, ReviewRequestsRepository, SupervisionNoticesRepository,
  ],
})
export class TasksModule {}
