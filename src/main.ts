// HTTP entry point.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DEFAULT_ADMIN_PASSWORD, loadConfigOrExit } from '../config/app-config';
import { createApp } from './app.factory';
import { onShutdownSignals } from './common/lifecycle/shutdown';
import { ensureRedis } from './queue/redis-launcher';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Bootstrap');
  const config = loadConfigOrExit();
  const redis = await ensureRedis(config.redis, logger);
  const app = await createApp({ ...config, redis: { ...config.redis, url: redis.url } });
  app.getHttpServer().once('close', () => void redis.stop());
  await app.listen(config.port, '0.0.0.0');
  const base = `http://localhost:${config.port}`;
  logger.log({ msg: 'listening', url: base, db: config.db.type, redis: redis.url ?? 'none' });
  if (config.nodeEnv !== 'production') {
    const pw = config.admin.usingDefaultPassword ? DEFAULT_ADMIN_PASSWORD : '<ADMIN_PASSWORD>';
    logger.log(
      `Log in: curl -s ${base}/api/auth/login -H 'content-type: application/json' ` +
        `-d '{"username":"${config.admin.username}","password":"${pw}"}'   ·   API docs: ${base}/api/docs`,
    );
  }
  onShutdownSignals(app, logger, config.ops.shutdownTimeoutMs, () => redis.stop());
}

void bootstrap();
