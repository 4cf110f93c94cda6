// Logs: pino, the logger Fastify itself uses (one JSON object a line, ISO time), shared by Fastify's
// access log and Nest's Logger. Every line written while a request (or a job) runs carries its id as
// `reqId`: Fastify's request logger adds it to its own lines, and the log context below (an
// AsyncLocalStorage entered when the request starts, or when a job starts with the id of the
// request that caused it) adds it to lines written through Nest's Logger.
import type { LoggerService } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { pino, type DestinationStream, type Logger as Pino } from 'pino';

export interface LogContext {
  reqId: string;
}

const context = new AsyncLocalStorage<LogContext>();

/** The id of the request (or job) this code runs for, if any. */
export function currentRequestId(): string | undefined {
  return context.getStore()?.reqId;
}

/** Runs `fn` with `reqId` on every line it logs (and on jobs it queues). */
export function runWithRequestId<T>(reqId: string, fn: () => T): T {
  return context.run({ reqId }, fn);
}

const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** An incoming X-Request-Id from a proxy is kept when it is a plain token; otherwise a new UUID. */
export function requestIdFrom(header: unknown): string {
  return typeof header === 'string' && SAFE_ID.test(header) ? header : randomUUID();
}

function hasReqIdBinding(logger: Pino): boolean {
  return typeof logger.bindings === 'function' && 'reqId' in logger.bindings();
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export function createLog(level: LogLevel, destination?: DestinationStream): Pino {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Request and error objects as Fastify logs them; a bearer token never reaches the log.
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
      // Fastify's request logger already binds reqId: add it only to the other lines.
      mixin: (_obj: object, _level: number, logger: Pino) => {
        const reqId = currentRequestId();
        return reqId && !hasReqIdBinding(logger) ? { reqId } : {};
      },
    },
    destination ?? pino.destination({ sync: true }),
  );
}

/** Nest's LoggerService on top of pino: `logger.log({msg, ...fields})` or `logger.log('text')`, context as a field. */
export class PinoNestLogger implements LoggerService {
  constructor(readonly pino: Pino) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    // Nest passes (message, stack?, context?).
    const [stack, ctx] = rest.length >= 2 ? rest : [undefined, rest[0]];
    this.write('error', message, [ctx], typeof stack === 'string' ? stack : undefined);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', message: unknown, rest: unknown[], stack?: string): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const ctx = rest.length && typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const fields: Record<string, unknown> = {};
    if (ctx) fields.context = ctx;
    if (stack) fields.stack = stack;
    if (message && typeof message === 'object' && !(message instanceof Error)) {
      const { msg, ...others } = message as { msg?: unknown };
      this.pino[level]({ ...fields, ...others }, typeof msg === 'string' ? msg : '');
    } else if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else {
      this.pino[level](fields, String(message));
    }
  }
}
