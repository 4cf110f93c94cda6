// Reminders: planning (in the transaction of each task change), dispatch into BullMQ, delivery,
// and the publisher of task events (in-app notifications + robot rows through the same outbox).
// Global so that TasksModule receives the TaskScheduleHook and TaskEventPublisher without importing this module back.
import { Global, Module } from '@nestjs/common';
import { QueueModule } from '../../queue/queue.module';
import { DepartmentsModule } from '../departments/departments.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PlansModule } from '../plans/plans.module';
import { TaskEventPublisher } from '../tasks/task-events';
import { TaskScheduleHook } from '../tasks/task-schedule.hook';
import { TasksModule } from '../tasks/tasks.module';
import { UsersModule } from '../users/users.module';
import { EventPublisher } from './event-publisher.service';
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
    EventPublisher,
    { provide: TaskEventPublisher, useExisting: EventPublisher },
    ReminderDeliveryService,
    ReminderWorker,
  ],
  exports: [TaskScheduleHook, TaskEventPublisher, ReminderPlanner, ReminderDispatcher, ReminderDeliveryService],
})
export class RemindersModule {}
