// Reminders: planning (in the transaction of each task change), dispatch into BullMQ, delivery.
// Global so that TasksModule receives the TaskScheduleHook without importing this module back.
import { Global, Module } from '@nestjs/common';
import { MetricsCoreModule } from '../../common/metrics/metrics';
import { QueueModule } from '../../queue/queue.module';
import { TaskScheduleHook } from '../tasks/task-schedule.hook';
import { TasksModule } from '../tasks/tasks.module';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesService } from './deliveries.service';
import { ReminderDeliveryService } from './reminder-delivery.service';
import { ReminderDispatcher } from './reminder-dispatcher.service';
import { ReminderPlanner } from './reminder-planner.service';
import { ReminderWorker } from './reminder.worker';
import { RobotRateLimiter } from './robot-rate-limiter';
import { RemindersController } from './reminders.controller';
import { RemindersRepository } from './reminders.repository';

@Global()
@Module({
  imports: [TasksModule, QueueModule, MetricsCoreModule],
  controllers: [RemindersController, DeliveriesController],
  providers: [
    RemindersRepository,
    ReminderDispatcher,
    ReminderPlanner,
    { provide: TaskScheduleHook, useExisting: ReminderPlanner },
    ReminderDeliveryService,
    ReminderWorker,
    DeliveriesService,
    RobotRateLimiter,
  ],
  exports: [TaskScheduleHook, ReminderPlanner, ReminderDispatcher, ReminderDeliveryService, RemindersRepository],
})
export class RemindersModule {}
