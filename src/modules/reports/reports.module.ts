import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { RollupsModule } from '../rollups/rollups.module';
import { TasksModule } from '../tasks/tasks.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** The year-end report (年度法治政府建设情况报告) draft, built from the annual roll-up, the frozen quarters and the departments' own words. */
@Module({
  imports: [RollupsModule, PlansModule, TasksModule],
  controllers: [ReportsController],
  providers: [ReportsService],
})
export class ReportsModule {}
