// One error shape for every failure: { statusCode, error, message, requestId } (API.md). The
// requestId is the one on every log line of the request: a user quoting it finds the 500's stack.
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { MAX_JSON_DEPTH } from '../http/json-depth';
import { currentRequestId } from '../logging/log';
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
  requestId?: string;
}

/** Fastify's own errors (bad JSON, body too large, wrong content type) carry a statusCode and a code. */
interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Fastify's and its plugins' error codes, in Chinese (their own messages are English). */
const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'body: 请求体过大',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'body: 不支持的 Content-Type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'body: 请求体为空，应为 JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'body: JSON 格式错误',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'body: Content-Length 与请求体长度不符',
  FST_ERR_CTP_EMPTY_TYPE: 'body: 缺少 Content-Type',
  FST_ERR_CTP_INVALID_TYPE: 'body: Content-Type 无效',
  FST_REQ_FILE_TOO_LARGE: 'file: 文件过大（上限 5 MB）',
  FST_FILES_LIMIT: 'file: 一次只能上传一个文件',
  FST_PARTS_LIMIT: 'body: 表单字段过多',
  FST_FIELDS_LIMIT: 'body: 表单字段过多',
  FST_PROTO_VIOLATION: 'body: 表单字段名无效',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'body: 应为 multipart/form-data 请求',
  FST_ERR_BAD_URL: 'path: 请求地址无效',
  FST_ERR_ASYNC_CONSTRAINT: 'request: 请求无效',
};

/** Generic Chinese text per status, for errors that carry only English. */
const STATUS_MESSAGES: Record<number, string> = {
  400: 'request: 请求无效', 401: 'authorization: 未登录或登录已失效', 403: 'role: 无权执行此操作', 404: 'path: 未找到',
  405: 'method: 不支持的请求方法', 406: 'accept: 无法提供所请求的格式', 408: 'request: 请求超时', 409: 'request: 与当前数据冲突',
  413: 'body: 请求体过大', 415: 'body: 不支持的 Content-Type', 422: 'request: 请求无效', 429: 'request: 请求过于频繁，请稍后再试',
};

const CJK = /[\u4e00-\u9fff]/;

export const JSON_TOO_DEEP = 'DUBAN_JSON_TOO_DEEP';

function fastifyMessage(err: FastifyLikeError, statusCode: number): string {
  if (err.code === JSON_TOO_DEEP) return `body: JSON 嵌套层数超过 ${MAX_JSON_DEPTH} 层上限`;
  const known = err.code ? FASTIFY_MESSAGES[err.code] : undefined;
  if (known) return known;
  if (err.message && CJK.test(err.message)) return err.message;
  return STATUS_MESSAGES[statusCode] ?? 'request: 请求无效';
}

export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof DomainError) {
    const statusCode = STATUS_BY_KIND[exception.kind];
    return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message: exception.message, details: exception.details };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    // Nest wraps Fastify's own errors (bad JSON, body too large, …) and keeps them as the cause.
    const cause = exception.cause as FastifyLikeError | undefined;
    if (typeof cause?.code === 'string' && cause.code.startsWith('FST_')) {
      return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message: fastifyMessage(cause, statusCode) };
    }
    const res = exception.getResponse();
    let message: string;
    if (typeof res === 'string') message = res;
    else {
      const m = (res as { message?: unknown }).message;
      message = Array.isArray(m) ? m.join('; ') : typeof m === 'string' ? m : exception.message;
    }
    if (statusCode === 429) message = STATUS_MESSAGES[429];
    // An unknown route is named by its method only: echoing the path would hand back whatever was sent in it.
    const route = /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (.*)$/.exec(message);
    if (statusCode === 404 && route) message = `path: 接口不存在（${route[1]}）`;
    // Nest's built-in exceptions speak English ("Not Found", "Unexpected field"): say it in Chinese.
    else if (!CJK.test(message)) message = STATUS_MESSAGES[statusCode] ?? 'request: 请求无效';
    return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
  }
  const fe = exception as FastifyLikeError;
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { statusCode: fe.statusCode, error: STATUS_CODES[fe.statusCode] ?? 'Error', message: fastifyMessage(fe, fe.statusCode) };
  }
  return { statusCode: 500, error: 'Internal Server Error', message: '服务器内部错误' };
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<{ id?: string } | undefined>();
    const requestId = request?.id ?? currentRequestId();
    const body: ErrorBody = { ...toErrorBody(exception), ...(requestId ? { requestId } : {}) };
    if (body.statusCode >= HttpStatus.INTERNAL_SERVER_ERROR) {
      this.logger.error({ msg: 'unhandled error', err: exception instanceof Error ? exception.stack : String(exception) });
    } else {
      this.logger.log({ msg: 'request rejected', statusCode: body.statusCode, message: body.message });
    }
    const reply = host.switchToHttp().getResponse<{ status(code: number): { send(b: unknown): void } }>();
    reply.status(body.statusCode).send(body);
  }
}
