// Builds the HTTP application exactly as production runs it; main.ts and the e2e tests both use it.
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { AppModule, AppOverrides } from './app.module';
import { requestEnded, requestStarted } from './common/async/foreground';
import { withBootLock } from './common/database/boot-lock';
import { clientErrorHandler, frameworkErrorHandler } from './common/errors/framework-errors';
import { HttpErrorFilter, JSON_TOO_DEEP } from './common/errors/http-error.filter';
import { jsonTooDeep, MAX_JSON_DEPTH } from './common/http/json-depth';
import { completeOpenApi } from './common/http/openapi';
import { createValidationPipe } from './common/http/validation';
import { findWebDist, registerWebApp } from './common/http/web-app';
import { createLog, PinoNestLogger, requestIdFrom, runWithRequestId } from './common/logging/log';
import { Metrics } from './common/metrics/metrics';
import { UploadParser } from './modules/uploads/upload-parser.service';
import { UsersService } from './modules/users/users.service';

/** Routes that accept bodies larger than the global limit (whole plan documents). */
const LARGE_BODY_ROUTES = new Set(['/api/plans/import']);

export async function createApp(
  config: AppConfig,
  overrides: AppOverrides & {
    logger?: LoggerService | false;
    /**
     * Serve the Swagger UI assets (default true). Jest on Node 20 cannot load @fastify/static's
     * ESM-only dependencies, so e2e tests turn the UI off; the JSON document is served either way.
     */
    docsUi?: boolean;
    /**
     * Serve the web app from web/dist at `/` (default: as docsUi; skipped when web/dist is not built).
     * Uses @fastify/static too, so Jest-run e2e tests leave it off.
     */
    webUi?: boolean;
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
    frameworkErrors: frameworkErrorHandler as never,
    clientErrorHandler: clientErrorHandler(log),
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
  // Every line logged while the request runs carries its id; the client gets it back in a header.
  // Requests in flight are counted: a quarter's close gives way to them between its slices (foreground.ts).
  fastify.addHook('onRequest', (req, reply, done) => {
    void reply.header('x-request-id', req.id);
    requestStarted(req.id);
    reply.raw.once('close', () => requestEnded(req.id));
    runWithRequestId(req.id, done);
  });
  // HTTP latency by route pattern (never the raw path: ids would explode the label set).
  const metrics = app.get(Metrics);
  fastify.addHook('onResponse', (req, reply, done) => {
    metrics.httpDuration.observe(
      { method: req.method, route: req.routeOptions?.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
  // JSON bodies: fastify's own parser (prototype-poisoning checks) behind a nesting-depth limit.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit: config.http.bodyLimitBytes }, ((req: never, body: Buffer, done: (err: Error | null, value?: unknown) => void) => {
    const text = body.toString('utf8');
    if (jsonTooDeep(text)) {
      done(Object.assign(new Error(`JSON nested deeper than ${MAX_JSON_DEPTH}`), { statusCode: 400, code: JSON_TOO_DEEP }));
      return;
    }
    parseJson(req, text, done as never);
  }) as never);
  fastify.addHook('onRoute', (route) => {
    if (LARGE_BODY_ROUTES.has(route.url)) route.bodyLimit = config.http.importBodyLimitBytes;
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

  const webDist = (overrides.webUi ?? overrides.docsUi ?? true) ? findWebDist() : null;
  if (webDist) await registerWebApp(app, webDist);

  await app.init();
  // Under the boot lock: API processes starting together create one first admin. Without
  // MIGRATE_AT_BOOT the deploy step (`npm run migrate`) creates it.
  if (config.ops.migrateAtBoot) {
    const users = app.get(UsersService);
    await withBootLock(app.get(DataSource), () => users.ensureInitialAdmin());
  }
  app.get(UploadParser).warm();
  return app;
}

