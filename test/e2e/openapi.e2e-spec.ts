// The OpenAPI document a client generator reads: every operation summarised in Chinese, the errors
// it can answer with their body (requestId included), uploads as multipart with their file, and
// downloads as files.
import { describe, expect, it } from '@jest/globals';
import { startTestApp } from '../helpers/test-app';

type Op = { summary?: string; requestBody?: { content: Record<string, { schema: { properties?: Record<string, { format?: string }> } }> }; responses: Record<string, { content?: Record<string, { schema?: { $ref?: string; format?: string } }> }> };

describe('OpenAPI document (e2e)', () => {
  it('summarises every operation in Chinese and documents its errors, uploads and downloads', async () => {
    const t = await startTestApp({ noRedis: true, env: { WORKER_IN_API: 'false' } });
    try {
      const doc = (await t.http().get('/api/docs-json')).body as { paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, { required?: string[] }> } };
      const ops = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, path, op })));
      expect(ops.length).toBeGreaterThanOrEqual(55);
      expect(ops.filter(({ op }) => !op.summary || !/[\u4e00-\u9fff]/.test(op.summary)).map((o) => o.key)).toEqual([]);
      expect(doc.components.schemas.ErrorBody.required).toEqual(['statusCode', 'error', 'message', 'requestId']);
      const withoutErrors = ops.filter(({ path, op }) => !path.startsWith('/api/health') && path !== '/metrics'
        && !Object.entries(op.responses).some(([code, r]) => code.startsWith('4') && r.content?.['application/json']?.schema?.$ref === '#/components/schemas/ErrorBody'));
      expect(withoutErrors.map((o) => o.key)).toEqual([]);
      const withoutSuccess = ops.filter(({ op }) => !Object.keys(op.responses).some((c) => c.startsWith('2')));
      expect(withoutSuccess.map((o) => o.key)).toEqual([]);
      const byKey = new Map(ops.map((o) => [o.key, o.op]));
      for (const upload of ['POST /api/plans/import', 'POST /api/plans/{planId}/assignments/import', 'PUT /api/plans/{id}/document']) {
        expect(byKey.get(upload)?.requestBody?.content['multipart/form-data']?.schema.properties?.file?.format).toBe('binary');
      }
      expect(byKey.get('GET /api/plans/{planId}/ledger.xlsx')?.responses['200'].content?.['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']?.schema?.format).toBe('binary');
      expect(byKey.get('POST /api/auth/login')?.responses['429']).toBeDefined();
    } finally {
      await t.close();
    }
  });
});
