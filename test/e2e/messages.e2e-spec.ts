// What a user reads when a request goes wrong: Chinese, naming the field or path, no English tails,
// no role codes — Fastify's own errors included. Every error body carries the request id.
import { describe, expect, it } from '@jest/globals';
import { newId } from '../../src/common/database/ids';
import { createUser } from '../factories/directory.factory';
import { bearer, startTestApp } from '../helpers/test-app';

/** No English words beyond tokens a user may quote (HTTP methods, paths, Content-Type, JSON). */
function plainChinese(message: string): boolean {
  const stripped = message.replace(/\b(GET|POST|PUT|PATCH|DELETE|JSON|Content-Type|Content-Length|multipart\/form-data|MB)\b/g, '').replace(/\/[\w/.-]*/g, '');
  return /[\u4e00-\u9fff]/.test(message) && !/[A-Za-z]{4,}/.test(stripped.replace(/^[A-Za-z]+: /, ''));
}

describe('error messages (e2e)', () => {
  it('answers Fastify’s and Nest’s own errors, role refusals and the login limit in Chinese', async () => {
    const t = await startTestApp({ env: { LOGIN_RATE_LIMIT: '2' } });
    try {
      const leader = await createUser(t, 'lingdao', 'leader');
      const cases = [
        await t.http().post('/api/departments').set(bearer(t.adminToken)).set('content-type', 'application/json').send('{"name": '),
        await t.http().get('/api/nowhere').set(bearer(t.adminToken)),
        await t.http().post('/api/departments').set(bearer(t.adminToken)).set('content-type', 'application/json').send(JSON.stringify({ name: 'x'.repeat(300 * 1024) })),
        await t.http().post('/api/departments').set(bearer(t.adminToken)).set('content-type', 'application/xml').send('<a/>'),
        await t.http().post('/api/departments').set(bearer(leader)).send({ name: '某部门' }),
      ];
      expect(cases.map((r) => r.status)).toEqual([400, 404, 413, 415, 403]);
      expect(cases[0].body.message).toBe('body: JSON 格式错误');
      expect(cases[1].body.message).toBe('path: 接口不存在（GET）');
      expect(cases[4].body.message).toBe('role: 领导账号无权执行此操作');
      for (const r of cases) {
        expect({ message: r.body.message, plain: plainChinese(r.body.message) }).toEqual({ message: r.body.message, plain: true });
        expect(r.body.requestId).toEqual(expect.any(String));
      }

      // Validation: the field named, the bound or the allowed values stated in Chinese, no English tail.
      const invalid = [
        await t.http().post('/api/departments').set(bearer(t.adminToken)).send({ name: '某部门', summary: '多余' }),
        await t.http().post('/api/departments').set(bearer(t.adminToken)).send({ name: '部'.repeat(101) }),
        await t.http().get('/api/tasks?pageSize=100000').set(bearer(t.adminToken)),
        await t.http().get('/api/tasks?planId=not-an-id').set(bearer(t.adminToken)),
        await t.http().get('/api/tasks?status=whatever').set(bearer(t.adminToken)),
        await t.http().get('/api/tasks?order=sideways').set(bearer(t.adminToken)),
        // A required field left out: said once, not as every rule the missing value breaks.
        await t.http().patch(`/api/tasks/${newId()}`).set(bearer(t.adminToken)).send({ title: '新标题' }),
        await t.http().post('/api/departments').set(bearer(t.adminToken)).send({}),
      ];
      expect(invalid.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 400, 400, 400]);
      expect(invalid.map((r) => r.body.message)).toEqual([
        'summary: 不允许的字段', 'name: 长度不能超过 100 个字符', expect.stringMatching(/^pageSize: 不能大于 \d+$/), 'planId: 必须是有效的 ID',
        expect.stringMatching(/^status: 取值必须是以下之一：/),
        'order: order 必须是 asc 或 desc', // a decorator's own message, as written
        'version: 必须提供', 'name: 必须提供',
      ]);
      for (const r of invalid.slice(0, 5)) expect({ message: r.body.message, plain: plainChinese(r.body.message.replace(/：.*$/, '')) }).toEqual({ message: r.body.message, plain: true });

      const attempts = [];
      for (let i = 0; i < 3; i++) attempts.push(await t.http().post('/api/auth/login').send({ username: 'nobody', password: `wrong-${i}` }));
      const limited = attempts.find((r) => r.status === 429)!;
      expect(limited.body.message).toMatch(/^username: .*请 \d+ ?(秒|分钟)后再试$/);
      expect(limited.body.requestId).toEqual(expect.any(String));
    } finally {
      await t.close();
    }
  });
});
