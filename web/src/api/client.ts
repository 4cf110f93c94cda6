// A small typed fetch client. Errors come back as ApiError carrying the server's message, the field
// errors parsed from it ("field: message; other: message") and the status (409 = stale version).
// No UI library here (the login page uses it).
import { expireSession, getSession } from '../auth/session';
import { common } from '../i18n/common';

export interface ErrorBody {
  statusCode: number;
  error?: string;
  message: string;
  requestId?: string;
  details?: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    /** field (first path segment, e.g. "percent", "figures") → message */
    readonly fields: Record<string, string>,
  ) {
    super(body.message);
  }
  get isStale(): boolean {
    return this.status === 409;
  }
}

/** "percent: 不能大于 100; narrative: 不能为空" → { percent: '不能大于 100', narrative: '不能为空' } */
export function parseFieldErrors(message: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of message.split(/;\s*/)) {
    const m = /^([A-Za-z][\w]*)((?:\.[\w]+|\[\d+\])*):\s*(.+)$/s.exec(part.trim());
    if (!m) continue;
    const field = m[1];
    const text = m[2] ? `${m[2].replace(/^\./, '')}: ${m[3]}` : m[3];
    out[field] = out[field] ? `${out[field]}；${text}` : text;
  }
  return out;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

async function request(method: string, path: string, body?: unknown, init: { auth?: boolean } = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const session = getSession();
  if (init.auth !== false && session) headers.authorization = `Bearer ${session.token}`;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method, headers, body: payload });
  } catch {
    throw new ApiError(0, { statusCode: 0, message: common.networkError }, {});
  }
  if (res.ok) return res;
  let err: ErrorBody;
  try {
    err = (await res.json()) as ErrorBody;
  } catch {
    err = { statusCode: res.status, message: common.requestFailed(res.status) };
  }
  if (typeof err.message !== 'string') err.message = common.requestFailed(res.status);
  if (res.status === 401 && init.auth !== false) expireSession();
  throw new ApiError(res.status, err, parseFieldErrors(err.message));
}

async function json<T>(method: string, path: string, body?: unknown, init?: { auth?: boolean }): Promise<T> {
  const res = await request(method, path, body, init);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => json<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown, init?: { auth?: boolean }) => json<T>('POST', path, body ?? {}, init),
  patch: <T>(path: string, body: unknown) => json<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => json<T>('PUT', path, body),
  del: <T>(path: string) => json<T>('DELETE', path),
  /** A text answer as it is (the Markdown report). */
  text: async (path: string, query?: Query) => (await request('GET', withQuery(path, query))).text(),
  /** Downloads a file (ledger, report) with the bearer token and saves it under the server's name. */
  async download(path: string, fallbackName: string): Promise<void> {
    const res = await request('GET', path);
    const cd = res.headers.get('content-disposition') ?? '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
    const plain = /filename="([^"]+)"/i.exec(cd);
    const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};
