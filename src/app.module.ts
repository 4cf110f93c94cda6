import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from '../config/typeorm-options';
import { ChangeFeed } from './common/cache/change-feed';
import { ReadCache } from './common/cache/read-cache';
import { withBootLock } from './common/database/boot-lock';
import { TransactionRunner } from './common/database/transaction-runner';
import { Clock, ShiftedClock, SystemClock } from './common/time/clock';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { IndicatorsModule } from './modules/indicators/indicators.module';
import { CalendarModule } from './modules/calendar/calendar.module';
import { DepartmentsModule } from './modules/departments/departments.module';
import { HealthModule } from './modules/health/health.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { PlanCorrectionsModule } from './modules/plan-corrections/plan-corrections.module';
import { PlansModule } from './modules/plans/plans.module';
import { RemindersModule } from './modules/reminders/reminders.module';
import { ReportsModule } from './modules/reports/reports.module';
import { RollupsModule } from './modules/rollups/rollups.module';
import { TasksModule } from './modules/tasks/tasks.module';
import { UsersModule } from './modules/users/users.module';
import { QueueModule } from './queue/queue.module';
import { RedisConnection } from './queue/redis-connection';
import { SqliteHousekeeping } from './common/database/sqlite-housekeeping';
import { Warmup } from './common/lifecycle/warmup';

export interface AppOverrides {
  /** Tests pass a FixedClock; otherwise the system clock (or CLOCK_START outside production). */
  clock?: Clock;
  /** Consume the queues and run the dispatcher in this process (default: WORKER_IN_API; sets config.queue.runsWorker). */
  runsWorker?: boolean;
}

/** Config, clock, database and Redis: the few things every module needs. */
@Global()
@Module({})
class CoreModule {
  static forRoot(config: AppConfig, overrides: AppOverrides): DynamicModule {
    const clock = overrides.clock ?? (config.clockStart ? new ShiftedClock(new Date(config.clockStart)) : new SystemClock());
    return {
      module: CoreModule,
      imports: [
        // Migrations at boot (MIGRATE_AT_BOOT, default on) under the boot lock: several processes
        // starting together on an empty database migrate once, the others wait and find them applied.
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...buildDataSourceOptions(config), migrationsRun: false }),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            if (config.ops.migrateAtBoot) await withBootLock(dataSource, () => dataSource.runMigrations({ transaction: 'each' }));
            return dataSource;
          },
        }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock },
        { provide: RedisConnection, useFactory: () => new RedisConnection(config.redis.url) },
        TransactionRunner,
        SqliteHousekeeping,
        ReadCache,
        ChangeFeed,
        Warmup,
      ],
      exports: [APP_CONFIG, Clock, RedisConnection, TransactionRunner, ReadCache, ChangeFeed, Warmup],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(given: AppConfig, overrides: AppOverrides = {}): DynamicModule {
    const config = overrides.runsWorker === undefined ? given : { ...given, queue: { ...given.queue, runsWorker: overrides.runsWorker } };
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, overrides),
        AuditModule,
        AuthModule,
        UsersModule,
        DepartmentsModule,
        PlansModule,
        IndicatorsModule,
        PlanCorrectionsModule,
        TasksModule,
        CalendarModule,
        QueueModule,
        RemindersModule,
        NotificationsModule,
        RollupsModule,
        ReportsModule,
        HealthModule,
        MetricsModule,
      ],
    };
  }
}
