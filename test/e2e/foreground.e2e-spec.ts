// The requests in flight, as a quarter's close sees them (src/common/async/foreground.ts): counted from
// the moment their headers arrive to their end, however they end — a leak would slow every later close,
// a miss would let a close run its slices through a writer's statements.
import { describe, expect, it } from '@jest/globals';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { busy } from '../../src/common/async/foreground';
import { bearer, startTestApp, waitFor } from '../helpers/test-app';

describe('requests in flight (e2e)', () => {
  it('counts a request from its headers to its end: answered, refused, or abandoned by its client', async () => {
    const t = await startTestApp();
    try {
      await t.app.listen(0, '127.0.0.1');
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      const body = JSON.stringify({ name: '前台请求测试局' });
      const open = (): { req: ClientRequest; answer: Promise<IncomingMessage> } => {
        const req = httpRequest({
          host: '127.0.0.1', port, method: 'POST', path: '/api/departments',
          headers: { ...bearer(t.adminToken), 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        });
        const answer = new Promise<IncomingMessage>((resolve, reject) => {
          req.on('response', (res) => {
            res.resume();
            res.on('end', () => resolve(res));
          });
          req.on('error', reject);
        });
        return { req, answer };
      };
      expect(busy()).toBe(false);

      // Its body still coming: in flight. Once answered: not.
      const a = open();
      a.req.write(body.slice(0, 5));
      await waitFor(() => busy(), 5_000, 'the request to count');
      a.req.end(body.slice(5));
      expect((await a.answer).statusCode).toBe(201);
      await waitFor(() => !busy(), 5_000, 'the answered request to end');

      // A client that goes away mid-body.
      const b = open();
      b.answer.catch(() => undefined);
      b.req.write(body.slice(0, 5));
      await waitFor(() => busy(), 5_000, 'the second request to count');
      b.req.destroy();
      await waitFor(() => !busy(), 5_000, 'the abandoned request to end');

      // Refused (401, 404, 400 on bad JSON) and answered requests leave nothing behind.
      await t.http().get('/api/plans');
      await t.http().get('/api/nowhere').set(bearer(t.adminToken));
      await t.http().post('/api/departments').set(bearer(t.adminToken)).set('content-type', 'application/json').send('{"name":');
      await t.http().get('/api/health/live');
      expect(busy()).toBe(false);
    } finally {
      await t.close();
    }
  });
});
