import { Module } from '@nestjs/common';
import { QueueModule } from '../../queue/queue.module';
import { DepartmentsModule } from '../departments/departments.module';
import { PlansModule } from '../plans/plans.module';
import { DashboardService } from './dashboard.service';
import { RollupCloseScheduler } from './rollup-close.scheduler';
import { RollupsController } from './rollups.controller';
import { RollupsRepository } from './rollups.repository';
import { RollupsService } from './rollups.service';

/** Quarterly roll-ups and the leaders' dashboard. RollupsService.closeDueQuarters is the quarterly job's handler. */
@Module({
  imports: [PlansModule, DepartmentsModule, QueueModule],
  controllers: [RollupsController],
  providers: [RollupsService, RollupsRepository, DashboardService, RollupCloseScheduler],
  exports: [RollupsService, RollupsRepository],
})
export class RollupsModule {}
