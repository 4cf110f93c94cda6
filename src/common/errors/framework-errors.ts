// Errors fastify answers before any route runs (a URL it cannot route, a path parameter over the
// length limit, headers too large for the HTTP parser) keep the one error shape
// { statusCode, error, message }: no fastify internal code, and the path is never echoed back.
import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';

const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_MAX_PARAM_LENGTH: 'path: 路径参数过长',
  FST_ERR_BAD_URL: 'path: 无效的 URL',
};

export function frameworkErrorHandler(
  err: { code?: string; statusCode?: number },
  _req: unknown,
  reply: { code(n: number): { send(b: unknown): unknown } },
): void {
  const statusCode = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  reply.code(statusCode).send({ statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message: FRAMEWORK_MESSAGES[err.code ?? ''] ?? 'request: 请求无效' });
}

export function clientErrorHandler(err: { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [statusCode, message] =
    err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'headers: 请求头过大']
    : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'request: 请求超时']
    : err.code === 'HPE_URI_TOO_LONG' ? [414, 'path: URL 过长']
    : [400, 'request: 无法解析的 HTTP 请求'];
  const body = JSON.stringify({ statusCode, error: STATUS_CODES[statusCode], message });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
