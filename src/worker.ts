// Worker entry: the same modules without HTTP (reminder delivery, webhook digests, the dispatcher
// and the quarterly close). Start several for scale; SIGTERM lets running jobs finish.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '../config/app-config';
import { AppModule } from './app.module';
import { onShutdownSignals } from './common/lifecycle/shutdown';
import { ensureRedis } from './queue/redis-launcher';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Worker');
  const config = loadConfigOrExit();
  // The worker never starts its own Redis: it uses REDIS_URL or the local one the API uses.
  const redis = await ensureRedis({ ...config.redis, autostart: false }, logger);
  if (!redis.url) {
    logger.error({ msg: 'the worker needs Redis: set REDIS_URL or start the API first' });
    process.exit(1);
  }
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, redis: { ...config.redis, url: redis.url } }, { runsWorker: true }));
  logger.log({ msg: 'worker started', redis: redis.url, db: config.db.type });
  // app.close() runs the shutdown hooks: the dispatcher stops, workers finish running jobs, queues close.
  onShutdownSignals(app, logger, config.ops.shutdownTimeoutMs);
}

void bootstrap();
