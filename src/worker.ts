// Worker entry: the same modules without HTTP (reminder delivery, webhook digests, the dispatcher
// and the quarterly close). Start several for scale; SIGTERM lets running jobs finish.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '../config/app-config';
import { AppModule } from './app.module';
import { createLog, PinoNestLogger } from './common/logging/log';
import { onShutdownSignals } from './common/lifecycle/shutdown';
import { ensureRedis } from './queue/redis-launcher';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const nestLogger = new PinoNestLogger(createLog(config.ops.logLevel));
  Logger.overrideLogger(nestLogger);
  const logger = new Logger('Worker');
  // The worker never starts its own Redis: it uses REDIS_URL or the local one the API uses.
  const redis = await ensureRedis({ ...config.redis, autostart: false }, logger);
  if (!redis.url) {
    logger.error({ msg: 'the worker needs Redis: set REDIS_URL or start the API first' });
    process.exit(1);
  }
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(
    // No HTTP readiness to hold: a worker loads a plan's ledger when a close or a digest needs it.
    { ...config, rollups: { ...config.rollups, preloadLedgers: false }, redis: { ...config.redis, url: redis.url } },
    { runsWorker: true },
  ), { logger: nestLogger });
  logger.log({ msg: 'worker started', redis: redis.url, db: config.db.type });
  // app.close() runs the shutdown hooks: the dispatcher stops, workers finish running jobs, queues close.
  onShutdownSignals(app, logger, config.ops.shutdownTimeoutMs);
}

void bootstrap();
