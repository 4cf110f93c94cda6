// Builds the HTTP application exactly as production runs it; main.ts and the e2e tests both use it.
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { ConsoleLogger, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { AppModule, AppOverrides } from './app.module';
import { clientErrorHandler, frameworkErrorHandler } from './common/errors/framework-errors';
import { HttpErrorFilter, JSON_TOO_DEEP } from './common/errors/http-error.filter';
import { jsonTooDeep, MAX_JSON_DEPTH } from './common/http/json-depth';
import { createValidationPipe } from './common/http/validation';
import { findWebDist, registerWebApp } from './common/http/web-app';
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
  } = {},
): Promise<NestFastifyApplication> {
  if (config.db.type === 'sqlite') mkdirSync(dirname(config.db.path), { recursive: true });
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: false,
    frameworkErrors: frameworkErrorHandler as never,
    clientErrorHandler,
  });
  const logger = overrides.logger ?? new ConsoleLogger({ json: config.nodeEnv === 'production' });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, overrides), adapter, {
    logger,
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
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
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('督办台账 API')
      .setDescription('工作要点 import, tasks, progress ledger, reminders, quarterly roll-ups and the year-end report')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', swaggerUiEnabled: overrides.docsUi ?? true });

  const webDist = (overrides.webUi ?? overrides.docsUi ?? true) ? findWebDist() : null;
  if (webDist) await registerWebApp(app, webDist);

  await app.init();
  await app.get(UsersService).ensureInitialAdmin();
  app.get(UploadParser).warm();
  return app;
}

