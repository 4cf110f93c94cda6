import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../departments/departments.module';
import { UploadsModule } from '../uploads/uploads.module';
import { PlansModule } from '../plans/plans.module';
import { LedgerExportService } from './ledger-export.service';
import { ProgressService } from './progress.service';
import { ReviewsService } from './reviews.service';
import { SupervisionService } from './supervision.service';
import { TaskAccess } from './task-access';
import { TasksController } from './tasks.controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

@Module({
  imports: [DepartmentsModule, PlansModule, UploadsModule],
  controllers: [TasksController],
  providers: [TasksService, TasksRepository, TaskAccess, ProgressService, ReviewsService, SupervisionService, LedgerExportService],
  exports: [TasksService, TasksRepository, SupervisionService, TaskAccess],
})
export class TasksModule {}
