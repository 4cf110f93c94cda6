import { Module } from '@nestjs/common';
import { MetricsCoreModule } from '../../common/metrics/metrics';
import { QueueModule } from '../../queue/queue.module';
import { AuthModule } from '../auth/auth.module';
import { RemindersModule } from '../reminders/reminders.module';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Module({
  imports: [MetricsCoreModule, QueueModule, AuthModule, RemindersModule],
  controllers: [MetricsController],
  providers: [MetricsService],
})
export class MetricsModule {}
