// Errors fastify answers before any route runs (a URL it cannot route, a path parameter over the
// length limit, headers too large for the HTTP parser) keep the one error shape
// { statusCode, error, message, requestId }: no fastify internal code, and the path is never echoed
// back. The request id is the one on the log lines of that request, so a user can quote it.
import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import { requestIdFrom } from '../logging/log';

const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_MAX_PARAM_LENGTH: 'path: 路径参数过长',
  FST_ERR_BAD_URL: 'path: 无效的 URL',
};

/** Fastify builds a request (with its id, from genReqId) for these before answering, but runs no hook. */
export function frameworkErrorHandler(
  err: { code?: string; statusCode?: number },
  req: { id: string },
  reply: { header(k: string, v: string): unknown; code(n: number): { send(b: unknown): unknown } },
): void {
  const statusCode = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  reply.header('x-request-id', req.id);
  reply.code(statusCode).send({ statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message: FRAMEWORK_MESSAGES[err.code ?? ''] ?? 'request: 请求无效', requestId: req.id });
}

/**
 * The HTTP parser's errors come before any request exists: the id is made here, from the same
 * source as genReqId (a new UUID, as no header could be read), and logged with the error.
 */
export function clientErrorHandler(log: { warn(obj: object, msg: string): void }): (err: { code?: string }, socket: Socket) => void {
  return (err, socket) => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const [statusCode, message] =
      err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'headers: 请求头过大']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'request: 请求超时']
      : err.code === 'HPE_URI_TOO_LONG' ? [414, 'path: URL 过长']
      : [400, 'request: 无法解析的 HTTP 请求'];
    const requestId = requestIdFrom(undefined);
    log.warn({ reqId: requestId, statusCode, code: err.code, remoteAddress: socket.remoteAddress }, 'request rejected by the HTTP parser');
    const body = JSON.stringify({ statusCode, error: STATUS_CODES[statusCode], message, requestId });
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
          `Content-Type: application/json; charset=utf-8\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy();
  };
}
