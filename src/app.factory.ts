// Builds the HTTP application exactly as production runs it; main.ts and the e2e tests both use it.
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { LoggerService } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { createLog, PinoNestLogger, requestIdFrom, runWithRequestId } from './common/logging/log';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { AppModule, AppOverrides } from './app.module';
import { completeOpenApi } from './common/http/openapi';
import { Metrics } from './common/metrics/metrics';
import { HttpErrorFilter } from './common/errors/http-error.filter';
import { createValidationPipe } from './common/http/validation';
import { UsersService } from './modules/users/users.service';
import { DataSource } from 'typeorm';
import { withBootLock } from './common/database/boot-lock';

/** Routes that accept bodies larger than the global limit (whole plan documents). */
const LARGE_BODY_ROUTES = new Set(['/api/plans/import']);
const LOGIN_ROUTE = '/api/auth/login';

export async function createApp(
  config: AppConfig,
  overrides: AppOverrides & {
    logger?: LoggerService | false;
    /**
     * Serve the Swagger UI assets (default true). Jest on Node 20 cannot load @fastify/static's
     * ESM-only dependencies, so e2e tests turn the UI off; the JSON document is served either way.
     */
    docsUi?: boolean;
    /** Tests: write the JSON log here (at LOG_LEVEL) instead of stdout. */
    logDestination?: DestinationStream;
  } = {},
): Promise<NestFastifyApplication> {
  if (config.db.type === 'sqlite') mkdirSync(dirname(config.db.path), { recursive: true });
  // One pino logger for Fastify's access log and Nest's Logger; `logger: false` (tests) silences both.
  const log = createLog(overrides.logger === false && !overrides.logDestination ? 'silent' : config.ops.logLevel, overrides.logDestination);
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: false,
    loggerInstance: log,
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, unknown> }) => requestIdFrom(req.headers['x-request-id']),
  });
  const logger = overrides.logger || (overrides.logger === false && !overrides.logDestination ? false : new PinoNestLogger(log));
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, overrides), adapter, {
    logger,
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // HTTP latency by route pattern (never the raw path: ids would explode the label set).
  const metrics = app.get(Metrics);
  fastify.addHook('onResponse', (req, reply, done) => {
    metrics.httpDuration.observe(
      { method: req.method, route: req.routeOptions?.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
  // Every line logged while the request runs carries its id; the client gets it back in a header.
  fastify.addHook('onRequest', (req, reply, done) => {
    void reply.header('x-request-id', req.id);
    runWithRequestId(req.id, done);
  });
  fastify.addHook('onRoute', (route) => {
    if (LARGE_BODY_ROUTES.has(route.url)) route.bodyLimit = config.http.importBodyLimitBytes;
    // Login attempts are limited per client address and username, in memory, so the limit works
    // with Redis down (PITFALLS D5). preHandler: the body (username) is parsed by then.
    if (route.url === LOGIN_ROUTE && route.method === 'POST') {
      route.config = {
        ...(route.config as object),
        rateLimit: {
          max: config.http.loginRateLimit,
          timeWindow: config.http.loginRateWindowMs,
          hook: 'preHandler',
          keyGenerator: (req: { ip: string; body?: { username?: unknown } }) =>
            `${req.ip}|${typeof req.body?.username === 'string' ? req.body.username.toLowerCase() : ''}`,
        },
      } as never;
    }
  });
  await app.register(rateLimit as never, {
    global: false,
    errorResponseBuilder: (_req: unknown, ctx: { ttl: number }) => ({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `username: 登录尝试过于频繁，请 ${Math.max(1, Math.ceil(ctx.ttl / 1000))} 秒后再试`,
    }),
  });
  await app.register(helmet as never, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  await app.register(multipart as never, { limits: { fileSize: 5 * 1024 * 1024, files: 1 } });
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());

  const document = completeOpenApi(SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('督办台账 API')
      .setDescription('工作要点 import, tasks, progress ledger, reminders, quarterly roll-ups and the year-end report')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  ));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', swaggerUiEnabled: overrides.docsUi ?? true });

  await app.init();
  // Under the boot lock: API processes starting together create one first admin. Without
  // MIGRATE_AT_BOOT the deploy step (`npm run migrate`) creates it.
  if (config.ops.migrateAtBoot) {
    const users = app.get(UsersService);
    await withBootLock(app.get(DataSource), () => users.ensureInitialAdmin());
  }
  return app;
}

