// The OpenAPI document a client generator reads: every operation summarised in Chinese, the errors
// it can answer with their body (requestId included), uploads as multipart with their file,
// downloads as files, and the body of every success with the real field names of what it returns.
import { describe, expect, it } from '@jest/globals';
import { GENERATED_SCHEMAS } from '../../src/common/http/openapi-schemas.generated';
import { startTestApp } from '../helpers/test-app';

type Schema = { $ref?: string; type?: string; format?: string; properties?: Record<string, Schema>; items?: Schema; required?: string[]; allOf?: Schema[] };
type Op = { summary?: string; requestBody?: { content: Record<string, { schema: { properties?: Record<string, { format?: string }> } }> }; responses: Record<string, { content?: Record<string, { schema?: Schema }> }> };
type Doc = { paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, Schema> } };

/** Every $ref anywhere under `node`. */
function refsIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, found));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') found.push(v);
      else refsIn(v, found);
    }
  }
  return found;
}

describe('OpenAPI document (e2e)', () => {
  it('summarises every operation in Chinese and documents its errors, uploads and downloads', async () => {
    const t = await startTestApp({ noRedis: true, env: { WORKER_IN_API: 'false' } });
    try {
      const doc = (await t.http().get('/api/docs-json')).body as Doc;
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

      // Success bodies: a schema on every operation's 2xx (204 alone may be empty), with fields.
      const resolve = (schema: Schema | undefined): Schema | undefined => {
        const ref = schema?.$ref ?? (schema?.allOf?.length === 1 ? schema.allOf[0].$ref : undefined);
        return ref ? resolve(doc.components.schemas[ref.replace('#/components/schemas/', '')]) : schema;
      };
      const success = (key: string) => {
        const op = byKey.get(key)!;
        const code = Object.keys(op.responses).find((c) => c.startsWith('2'))!;
        return { code, content: op.responses[code].content };
      };
      const undocumented = ops.filter(({ key }) => {
        const { code, content } = success(key);
        if (code === '204') return content !== undefined;
        const schemas = Object.values(content ?? {}).map((c) => resolve(c.schema));
        return schemas.length === 0 || schemas.some((s) => !s || (s.type === 'object' && !s.properties) || (!s.type && !s.allOf && !s.properties));
      });
      expect(undocumented.map((o) => o.key)).toEqual([]);
      expect(success('POST /api/auth/password').code).toBe('204');
      expect(success('GET /api/plans/{id}/report').content?.['application/vnd.openxmlformats-officedocument.wordprocessingml.document']?.schema?.format).toBe('binary');

      // Every route of the types table exists (a renamed path would otherwise keep a dead entry).
      expect(Object.keys(GENERATED_SCHEMAS.responses).filter((key) => !byKey.has(key))).toEqual([]);
      const dangling = [...new Set(refsIn(doc))].filter((ref) => !doc.components.schemas[ref.replace('#/components/schemas/', '')]);
      expect(dangling).toEqual([]);

      const json = (key: string) => resolve(success(key).content?.['application/json']?.schema);
      expect(json('POST /api/auth/login')?.required).toEqual(expect.arrayContaining(['accessToken', 'user']));
      expect(Object.keys(resolve(json('POST /api/auth/login')?.properties?.user)?.properties ?? {})).toEqual(expect.arrayContaining(['id', 'role', 'departmentId']));
      expect(Object.keys(json('GET /api/plans/{id}/dashboard')?.properties ?? {})).toEqual(expect.arrayContaining(['lights', 'planId']));
      const page = json('GET /api/tasks');
      expect(Object.keys(page?.properties ?? {})).toEqual(expect.arrayContaining(['items', 'total']));
      const task = resolve(page?.properties?.items?.items);
      expect(Object.keys(task?.properties ?? {})).toEqual(expect.arrayContaining(['id', 'title', 'dueDate', 'leadDepartment']));
      expect(resolve(json('GET /api/tasks/{id}/progress')?.items)?.properties?.percent?.type).toBe('number');
      // Entities lose their TypeORM relations, which are never answered.
      expect(resolve(json('GET /api/tasks/{id}/progress')?.items)?.properties).not.toHaveProperty('task');
      expect(Object.keys(json('GET /api/plans/{id}/rollups/{quarter}')?.properties ?? {})).toEqual(expect.arrayContaining(['status', 'overall', 'byChapter']));
    } finally {
      await t.close();
    }
  });
});
