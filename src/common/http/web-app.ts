// Serves the built web app (web/dist) at `/`: hashed assets cached for good, index.html never,
// and every other non-/api GET answered with index.html (SPA fallback). /api is never shadowed:
// an unknown /api path goes to the normal not-found handling (JSON 404).
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where the built web app is: WEB_DIST_DIR, else web/dist under the working directory or beside dist/. */
export function findWebDist(): string | null {
  const candidates = [
    process.env.WEB_DIST_DIR,
    resolve(process.cwd(), 'web/dist'),
    // dist/src/common/http → the repository root
    typeof __dirname === 'string' ? resolve(__dirname, '../../../../web/dist') : undefined,
  ].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(join(p, 'index.html'))) ?? null;
}

interface Reply {
  header(name: string, value: string): Reply;
  sendFile(file: string): unknown;
  callNotFound(): void;
}
interface Req {
  url: string;
}

export async function registerWebApp(app: NestFastifyApplication, root: string): Promise<void> {
  const { default: fastifyStatic } = await import('@fastify/static');
  await app.register(fastifyStatic as never, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    cacheControl: false,
    // The build writes .br and .gz beside each asset; the smaller one the browser accepts is sent.
    preCompressed: true,
    setHeaders: (reply: { header(n: string, v: string): void }, path: string) => {
      const immutable = /[\\/]assets[\\/]/.test(path);
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const fastify = app.getHttpAdapter().getInstance();
  const fallback = (req: Req, reply: Reply) => {
    const path = req.url.split('?')[0];
    // The API, missing hashed assets and file-like paths get a real 404, not the page.
    if (path === '/api' || path.startsWith('/api/') || path.startsWith('/assets/')) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  };
  fastify.get('/', fallback as never);
  fastify.get('/*', fallback as never);
}
