// Request ids: every log line of a request carries it, the client gets it in X-Request-Id and in
// every error body, and a job queued by the request logs under it too.
import { describe, expect, it } from '@jest/globals';
import { runWithRequestId } from '../../src/common/logging/log';
import { WebhookDigestProducer } from '../../src/queue/producers';
import { QueueConnection } from '../../src/queue/queue-connection';
import { QUEUES, webhookJobId } from '../../src/queue/queues';
import { bearer, startTestApp } from '../helpers/test-app';

class Lines {
  readonly all: Record<string, unknown>[] = [];
  write(line: string): void {
    for (const l of line.split('\n').filter(Boolean)) this.all.push(JSON.parse(l) as Record<string, unknown>);
  }
}

describe('request ids in logs and error bodies (e2e)', () => {
  it('puts the request id on every line of a request, in the response header and in the error body', async () => {
    const log = new Lines();
    const t = await startTestApp({ env: { LOG_LEVEL: 'info' }, logDestination: log });
    try {
      const res = await t.http().post('/api/departments').set(bearer(t.adminToken)).send({ name: '' });
      expect(res.status).toBe(400);
      const id = res.body.requestId as string;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers['x-request-id']).toBe(id);
      const lines = log.all.filter((l) => l.reqId === id);
      // The access log (in and out) and the rejection in between, all JSON with the same id.
      expect(lines.map((l) => l.msg)).toEqual(['incoming request', 'request rejected', 'request completed']);
      expect(lines[2]).toMatchObject({ res: { statusCode: 400 }, responseTime: expect.any(Number) });
      expect(lines[1]).toMatchObject({ context: 'HttpErrorFilter', statusCode: 400 });
      // No access-log line of any request (the login included) lacks its id.
      expect(log.all.filter((l) => (l.req || l.res) && !l.reqId)).toEqual([]);
      expect(log.all.filter((l) => l.msg === 'request completed').length).toBeGreaterThanOrEqual(2);
      // The bearer token never reaches the log.
      expect(JSON.stringify(log.all)).not.toContain(t.adminToken);

      // A proxy's X-Request-Id is kept when it is a plain token; anything else is replaced.
      const kept = await t.http().get('/api/nowhere').set('x-request-id', 'edge-1234');
      expect(kept.status).toBe(404);
      expect(kept.body.requestId).toBe('edge-1234');
      const replaced = await t.http().get('/api/nowhere').set('x-request-id', 'bad id\twith tab');
      expect(replaced.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
      // Fastify's own errors (bad JSON) carry it too.
      const badJson = await t.http().post('/api/departments').set(bearer(t.adminToken)).set('content-type', 'application/json').send('{"name":');
      expect(badJson.status).toBe(400);
      expect(badJson.body.requestId).toEqual(expect.any(String));
    } finally {
      await t.close();
    }
  });

  it('carries the id of the request that queued a job into the job', async () => {
    const t = await startTestApp({ env: { WORKER_IN_API: 'false' } });
    try {
      const producer = t.app.get(WebhookDigestProducer);
      await runWithRequestId('req-from-api', () => producer.add('00000000-0000-4000-8000-000000000001', 1_700_000_000_000, 60_000));
      const job = await t.app.get(QueueConnection).queue(QUEUES.webhooks)!.getJob(webhookJobId('00000000-0000-4000-8000-000000000001', 1_700_000_000_000));
      expect(job?.data).toEqual({ departmentId: '00000000-0000-4000-8000-000000000001', requestId: 'req-from-api' });
    } finally {
      await t.close();
    }
  });
});
