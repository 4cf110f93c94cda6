// Builds the HTTP application exactly as production runs it; main.ts and the e2e tests both use it.
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { ConsoleLogger, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { AppModule, AppOverrides } from './app.module';
import { HttpErrorFilter } from './common/errors/http-error.filter';
import { createValidationPipe } from './common/http/validation';
import { findWebDist, registerWebApp } from './common/http/web-app';
import { UsersService } from './modules/users/users.service';

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
    /**
     * Serve the web app from web/dist at `/` (default: as docsUi; skipped when web/dist is not built).
     * Uses @fastify/static too, so Jest-run e2e tests leave it off.
     */
    webUi?: boolean;
  } = {},
): Promise<NestFastifyApplication> {
  if (config.db.type === 'sqlite') mkdirSync(dirname(config.db.path), { recursive: true });
  const adapter = new FastifyAdapter({ bodyLimit: config.http.bodyLimitBytes, trustProxy: false });
  const logger = overrides.logger ?? new ConsoleLogger({ json: config.nodeEnv === 'production' });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, overrides), adapter, {
    logger,
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
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
    errorResponseBuilder: (_req: unknown, ctx: { after: string }) => ({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `username: 登录尝试过于频繁，请 ${ctx.after} 后再试`,
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
  return app;
}

