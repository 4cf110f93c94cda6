import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { RollupsModule } from '../rollups/rollups.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** The year-end report (年度法治政府建设情况报告) draft, built from the frozen quarterly roll-ups. */
@Module({
  imports: [RollupsModule, PlansModule],
  controllers: [ReportsController],
  providers: [ReportsService],
})
export class ReportsModule {}
