// One error shape for every failure: { statusCode, error, message } (API.md).
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { MAX_JSON_DEPTH } from '../http/json-depth';
import { DomainError, DomainErrorKind } from './domain-error';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unauthorized: 401,
  too_many: 429,
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
}

/** Fastify's own errors (bad JSON, body too large, wrong content type) carry a statusCode and a code. */
interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

export const JSON_TOO_DEEP = 'DUBAN_JSON_TOO_DEEP';

function fastifyMessage(err: FastifyLikeError): string {
  switch (err.code) {
    case JSON_TOO_DEEP:
      return `body: JSON 嵌套层数超过 ${MAX_JSON_DEPTH} 层上限`;
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'body: 请求体过大';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'body: 不支持的 Content-Type';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'body: JSON 格式错误';
    default:
      return err.code?.startsWith('FST_') ? `body: ${err.message ?? '请求无效'}` : `request: ${err.message ?? '请求无效'}`;
  }
}

export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof DomainError) {
    const statusCode = STATUS_BY_KIND[exception.kind];
    return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message: exception.message, details: exception.details };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const res = exception.getResponse();
    let message: string;
    if (typeof res === 'string') message = res;
    else {
      const m = (res as { message?: unknown }).message;
      message = Array.isArray(m) ? m.join('; ') : typeof m === 'string' ? m : exception.message;
    }
    if (statusCode === 429) message = '请求过于频繁，请稍后再试';
    if (statusCode === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE)/.test(message)) message = 'path: 接口不存在';
    return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
  }
  const fe = exception as FastifyLikeError;
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { statusCode: fe.statusCode, error: STATUS_CODES[fe.statusCode] ?? 'Error', message: fastifyMessage(fe) };
  }
  return { statusCode: 500, error: 'Internal Server Error', message: '服务器内部错误' };
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = toErrorBody(exception);
    if (body.statusCode >= HttpStatus.INTERNAL_SERVER_ERROR) {
      this.logger.error({ msg: 'unhandled error', err: exception instanceof Error ? exception.stack : String(exception) });
    }
    const reply = host.switchToHttp().getResponse<{ status(code: number): { send(b: unknown): void } }>();
    reply.status(body.statusCode).send(body);
  }
}
