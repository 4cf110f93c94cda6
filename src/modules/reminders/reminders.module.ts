// Reminders: planning (in the transaction of each task change), dispatch into BullMQ, delivery.
// Global so that TasksModule receives the TaskScheduleHook and TaskEventPublisher without importing this module back.
import { DynamicModule, Global, Module } from '@nestjs/common';
import { QueueConnection } from '../../queue/queue-connection';
import { TaskScheduleHook } from '../tasks/task-schedule.hook';
import { NotificationsModule } from '../notifications/notifications.module';
import { TaskEventPublisher } from '../tasks/task-events';
import { TasksModule } from '../tasks/tasks.module';
import { EventPublisher } from './event-publisher.service';
import { ReminderDeliveryService } from './reminder-delivery.service';
import { ReminderDispatcher } from './reminder-dispatcher.service';
import { ReminderPlanner } from './reminder-planner.service';
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
      imports: [TasksModule, NotificationsModule],
      controllers: [RemindersController],
      providers: [
        QueueConnection,
        RemindersRepository,
        ReminderDispatcher,
        ReminderPlanner,
        { provide: TaskScheduleHook, useExisting: ReminderPlanner },
        EventPublisher,
        { provide: TaskEventPublisher, useExisting: EventPublisher },
        ReminderDeliveryService,
        ReminderWorker,
        { provide: WORKER_ROLE, useValue: runsWorker },
      ],
      exports: [TaskScheduleHook, TaskEventPublisher, ReminderPlanner, ReminderDispatcher, ReminderDeliveryService, QueueConnection, WORKER_ROLE],
    };
  }
}
