// Reminders: planning (in the transaction of each task change), dispatch into BullMQ, delivery.
// Global so that TasksModule receives the TaskScheduleHook without importing this module back.
import { Global, Module } from '@nestjs/common';
import { QueueModule } from '../../queue/queue.module';
import { DepartmentsModule } from '../departments/departments.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PlansModule } from '../plans/plans.module';
import { TaskScheduleHook } from '../tasks/task-schedule.hook';
import { TasksModule } from '../tasks/tasks.module';
import { UsersModule } from '../users/users.module';
import { ReminderDeliveryService } from './reminder-delivery.service';
import { ReminderDispatcher } from './reminder-dispatcher.service';
import { ReminderPlanner } from './reminder-planner.service';
import { ReminderPolicyService } from './reminder-policy.service';
import { ReminderWorker } from './reminder.worker';
import { RemindersController } from './reminders.controller';
import { RemindersRepository } from './reminders.repository';

@Global()
@Module({
  imports: [TasksModule, PlansModule, DepartmentsModule, UsersModule, NotificationsModule, QueueModule],
  controllers: [RemindersController],
  providers: [
    RemindersRepository,
    ReminderDispatcher,
    ReminderPlanner,
    ReminderPolicyService,
    { provide: TaskScheduleHook, useExisting: ReminderPlanner },
    ReminderDeliveryService,
    ReminderWorker,
  ],
  exports: [TaskScheduleHook, ReminderPlanner, ReminderDispatcher, ReminderDeliveryService],
})
export class RemindersModule {}
