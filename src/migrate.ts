// Deploy step: `npm run migrate` applies the pending migrations and creates the first admin, under
// the same boot lock the API and worker take, then exits. Run it before starting new versions
// with MIGRATE_AT_BOOT=false (a database user with DDL rights is then needed here only).
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { loadConfigOrExit } from '../config/app-config';
import { AppModule } from './app.module';
import { withBootLock } from './common/database/boot-lock';
import { UsersService } from './modules/users/users.service';

async function migrate(): Promise<void> {
  const logger = new Logger('Migrate');
  const config = loadConfigOrExit();
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ ...config, redis: { ...config.redis, url: null }, ops: { ...config.ops, migrateAtBoot: true } }, { runsWorker: false }),
    { logger: ['error', 'warn', 'log'] },
  );
  const dataSource = app.get(DataSource);
  const admin = await withBootLock(dataSource, () => app.get(UsersService).ensureInitialAdmin());
  const [{ n }] = (await dataSource.query(`SELECT COUNT(*) AS n FROM ${dataSource.options.migrationsTableName ?? 'migrations'}`)) as { n: string | number }[];
  logger.log({ msg: 'database is up to date', migrationsApplied: Number(n), adminCreated: admin.created });
  await app.close();
}

migrate().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err.stack ?? err.message);
    process.exit(1);
  },
);
