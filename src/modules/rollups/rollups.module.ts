import { Module } from '@nestjs/common';
import { MetricsCoreModule } from '../../common/metrics/metrics';
import { IndicatorsModule } from '../indicators/indicators.module';
import { TasksModule } from '../tasks/tasks.module';
import { QueueModule } from '../../queue/queue.module';
import { DepartmentsModule } from '../departments/departments.module';
import { PlansModule } from '../plans/plans.module';
import { DashboardRepository } from './dashboard.repository';
import { DashboardService } from './dashboard.service';
import { LeaderDigestScheduler } from './leader-digest.scheduler';
import { LeaderDigestService } from './leader-digest.service';
import { RollupCloseScheduler } from './rollup-close.scheduler';
import { RollupsController } from './rollups.controller';
import { LedgerModel } from './ledger-model';
import { RollupsRepository } from './rollups.repository';
import { RollupsService } from './rollups.service';

/** Quarterly and annual roll-ups, the leaders' dashboard and their weekly digest. RollupsService.closeDueQuarters is the daily close job's handler. */
@Module({
  imports: [PlansModule, DepartmentsModule, QueueModule, TasksModule, IndicatorsModule, MetricsCoreModule],
  controllers: [RollupsController],
  providers: [RollupsService, RollupsRepository, LedgerModel, DashboardRepository, DashboardService, RollupCloseScheduler, LeaderDigestService, LeaderDigestScheduler],
  exports: [RollupsService, RollupsRepository],
})
export class RollupsModule {}
