// Every route of the OpenAPI document, with random and hostile path parameters, queries and bodies
// (fast-check), as the admin and as a department user: no answer may be a 5xx.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { FixedClock } from '../../src/common/time/clock';
import { departmentWithUser, SeededDepartment } from '../factories/directory.factory';
import { bearer, startTestApp, TestApp } from '../helpers/test-app';

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  params: { name: string; in: 'path' | 'query' }[];
  bodySchema: Schema | null;
  multipart: boolean;
}

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  example?: unknown;
  enum?: unknown[];
  minimum?: number;
}

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 20);

/** Values that broke routes before, and their neighbours. */
const nasty = fc.oneof(
  fc.constantFrom(
    '9999-12-31', '2026-02-30', '0000-01-01', '2026-06-30', '', ' ', '\u0000', 'a\u0000b', '\u202e', '\u200b', '[object Object]',
    '99999999999999999999', '-1', '0', '1e309', 'NaN', 'null', 'true', '2026Q1', '9999Q4', '__proto__', 'constructor',
    '../../etc/passwd', '<script>', "'; DROP TABLE tasks; --", '区城市管理局', 'x'.repeat(10_000),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e20, -1, 0, 1, 2, 2 ** 31, Number.MAX_SAFE_INTEGER, 9999),
  fc.boolean(),
  fc.constant(null),
  fc.constant([[]]),
  fc.constant({}),
  fc.uuid(),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.jsonValue({ maxDepth: 3 }),
);

function resolveSchema(schema: Schema | undefined, components: Record<string, Schema>): Schema | undefined {
  if (schema?.$ref) return components[schema.$ref.split('/').pop()!];
  return schema;
}

/** A plausible value for a schema: the example when given, else one within its bounds. */
function plausible(schema: Schema | undefined, components: Record<string, Schema>, name = ''): unknown {
  const r = resolveSchema(schema, components);
  if (!r) return 'x';
  if (r.example !== undefined) return r.example;
  if (r.enum?.length) return r.enum[0];
  if (r.properties) return Object.fromEntries(Object.entries(r.properties).map(([k, v]) => [k, plausible(v, components, k)]));
  switch (r.type) {
    case 'array': return [plausible(r.items, components, name)];
    case 'integer': case 'number': return r.minimum ?? 1;
    case 'boolean': return false;
    default: return /date|respondBy/i.test(name) ? '2026-06-30' : `${name || 'x'}-值`;
  }
}

/**
 * Bodies near the DTO: each field kept plausible or swapped for a hostile value (nested objects and
 * arrays of objects alike), so bad values reach the services, not only the first validation error;
 * or any JSON at all.
 */
function bodyArbitrary(schema: Schema | null, components: Record<string, Schema>): fc.Arbitrary<unknown> {
  const near = (s: Schema | undefined, name: string): fc.Arbitrary<unknown> => {
    const r = resolveSchema(s, components);
    const keep = fc.constant(plausible(r, components, name));
    if (r?.properties) {
      const fields = Object.fromEntries(Object.entries(r.properties).map(([k, v]) => [k, near(v, k)]));
      return fc.oneof({ weight: 4, arbitrary: fc.record(fields) }, { weight: 1, arbitrary: fc.record(fields, { requiredKeys: [] }) });
    }
    if (r?.type === 'array') {
      const element = fc.oneof({ weight: 3, arbitrary: near(r.items, name) }, { weight: 1, arbitrary: nasty });
      return fc.oneof({ weight: 3, arbitrary: fc.array(element, { maxLength: 3 }) }, { weight: 1, arbitrary: nasty });
    }
    return fc.oneof({ weight: 3, arbitrary: keep }, { weight: 1, arbitrary: nasty });
  };
  const resolved = resolveSchema(schema ?? undefined, components);
  return fc.oneof(
    { weight: 4, arbitrary: near(resolved, '') },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  );
}

describe('route fuzzing: no 5xx from any route (e2e)', () => {
  let t: TestApp;
  let ops: Operation[];
  let components: Record<string, Schema>;
  let dept: SeededDepartment;
  const ids: Record<string, string> = {};
  const failures: string[] = [];
  const statuses = new Map<number, number>();

  /** An open task with a pending extension request and a 督办 notice: each route is fuzzed on its own. */
  const freshTask = async () => {
    const admin = bearer(t.adminToken);
    // A fresh task each time on the same item: append past the duplicate check.
    const tasks = await t.http().post(`/api/plans/${ids.plans}/tasks?mode=append`).set(admin).send([{ itemNumber: 1, leadDepartment: '城管局', dueDate: '2026-06-30' }]);
    const ext = await t.http().post(`/api/tasks/${tasks.body[0].id}/extension-requests`).set(bearer(dept.token)).send({ requestedDueDate: '2026-09-30', reason: '需要更多时间' });
    const notice = await t.http().post(`/api/tasks/${tasks.body[0].id}/supervision-notices`).set(admin).send({ message: '请加快', respondBy: '2026-03-20' });
    Object.assign(ids, { tasks: tasks.body[0].id, 'extension-requests': ext.body.id, 'supervision-notices': notice.body.id });
    for (const [k, v] of Object.entries(ids)) if (typeof v !== 'string') throw new Error(`fixture ${k} missing`);
  };

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock('2026-03-02T01:00:00Z') });
    const admin = bearer(t.adminToken);
    dept = await departmentWithUser(t, '区城市管理局', 'chengguan', ['城管局']);
    const leader = await t.http().post('/api/users').set(admin).send({ username: 'fuzz-leader', password: 'fuzz-leader-pass', role: 'leader' });
    const plan = await t.http().post('/api/plans/import').set(admin)
      .send({ text: '某区2026年法治政府建设工作要点\n一、依法全面履行政府职能\n1. 推进政府职能转变。\n2. 规范权力运行。\n' });
    Object.assign(ids, { plans: plan.body.plan.id, departments: dept.id, users: leader.body.id, items: plan.body.sections[0].items[0].id });
    await freshTask();

    const doc = (await t.http().get('/api/docs-json')).body as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
      components: { schemas: Record<string, Schema> };
    };
    components = doc.components?.schemas ?? {};
    ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method as Operation['method'],
        path,
        params: (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query') as Operation['params'],
        bodySchema: op.requestBody?.content['application/json']?.schema ?? null,
        multipart: !!op.requestBody?.content['multipart/form-data'],
      })),
    );
  }, 120_000);
  afterAll(async () => t?.close());

  it('finds the routes in the OpenAPI document', () => {
    expect(ops.length).toBeGreaterThanOrEqual(40);
  });

  /** A real id for the parameter (by the path segment before it), a random UUID, or garbage. */
  const pathValue = (path: string, name: string): fc.Arbitrary<string> => {
    const segments = path.split('/');
    const before = segments[segments.indexOf(`{${name}}`) - 1];
    const known = name === 'planId' ? ids.plans : ids[before] ?? null;
    const garbage = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('9999', '2026', '2026Q1', '9999Q4', '99999999999999999999', '-1', '%00'));
    return known ? fc.oneof({ weight: 4, arbitrary: fc.constant(known) }, { weight: 1, arbitrary: fc.constant(randomUUID()) }, { weight: 1, arbitrary: garbage }) : garbage;
  };

  for (const role of ['admin', 'department'] as const) {
    it(`answers every route below 500 with hostile input (${role})`, async () => {
      const token = role === 'admin' ? t.adminToken : dept.token;
      for (const op of ops) {
        await freshTask();
        const pathParams = op.params.filter((p) => p.in === 'path');
        const queryParams = op.params.filter((p) => p.in === 'query');
        const input = fc.record({
          path: fc.tuple(...pathParams.map((p) => pathValue(op.path, p.name))),
          query: fc.record(Object.fromEntries([...queryParams.map((p) => p.name), 'unexpected'].map((n) => [n, fc.oneof(nasty.map(String), fc.string({ maxLength: 20 }))])), { requiredKeys: [] }),
          body: bodyArbitrary(op.bodySchema, components),
          file: fc.uint8Array({ maxLength: 2000 }),
        });
        await fc.assert(
          fc.asyncProperty(input, async ({ path, query, body, file }) => {
            let url = op.path;
            pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, encodeURIComponent(path[i]) || 'x')));
            let req = t.http()[op.method](url).set(bearer(token)).query(query as Record<string, string>);
            if (op.multipart && file.length % 2 === 0) {
              req = req.attach('file', Buffer.from(file), 'upload.bin');
            } else if (op.method !== 'get' && op.method !== 'delete') {
              req = req.set('content-type', 'application/json').send(JSON.stringify(body) ?? 'null');
            }
            const res = await req;
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            if (res.status >= 500) failures.push(`${op.method.toUpperCase()} ${url} ${JSON.stringify(query)} ${JSON.stringify(body)?.slice(0, 300)} → ${res.status} ${JSON.stringify(res.body)}`);
            return res.status < 500;
          }),
          { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
        ).catch(() => undefined); // every failure is listed below, not just the first
      }
      expect(failures).toEqual([]);
      // The input reached the handlers: some requests succeed, most are refused with a 4xx.
      console.log(JSON.stringify({ role, routes: ops.length, byStatus: Object.fromEntries(statuses) }));
      expect([...statuses.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
      expect([...statuses.entries()].filter(([s]) => s === 400).reduce((n, [, c]) => n + c, 0)).toBeGreaterThan(ops.length);
      statuses.clear();
    }, 600_000);
  }
});
