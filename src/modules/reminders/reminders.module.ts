// Reminders: planning (in the transaction of each task change), dispatch into BullMQ, delivery.
// Global so that TasksModule receives the TaskScheduleHook without importing this module back.
import { DynamicModule, Global, Module } from '@nestjs/common';
import { QueueConnection } from '../../queue/queue-connection';
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
import { ReminderWorker, WORKER_ROLE } from './reminder.worker';
import { RemindersController } from './reminders.controller';
import { RemindersRepository } from './reminders.repository';

@Global()
@Module({})
export class RemindersModule {
  /** `runsWorker`: this process consumes the queues and runs the dispatcher. */
  static forRoot(runsWorker: boolean): DynamicModule {
    return {
      module: RemindersModule,
      imports: [TasksModule, PlansModule, DepartmentsModule, UsersModule, NotificationsModule],
      controllers: [RemindersController],
      providers: [
        QueueConnection,
        RemindersRepository,
        ReminderDispatcher,
        ReminderPlanner,
        ReminderPolicyService,
        { provide: TaskScheduleHook, useExisting: ReminderPlanner },
        ReminderDeliveryService,
        ReminderWorker,
        { provide: WORKER_ROLE, useValue: runsWorker },
      ],
      exports: [TaskScheduleHook, ReminderPlanner, ReminderDispatcher, ReminderDeliveryService, QueueConnection, WORKER_ROLE],
    };
  }
}
