// Hostile and careless input gets a 4xx naming the field, never a 500; limits and access rules hold.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/time/clock';
import { AuditLog } from '../../src/modules/audit/audit-log.entity';
import { hashPassword } from '../../src/modules/users/password-hasher';
import { User } from '../../src/modules/users/user.entity';
import { RedisConnection } from '../../src/queue/redis-connection';
import { createDepartment, departmentWithUser, SeededDepartment } from '../factories/directory.factory';
import { bearer, startTestApp, TestApp } from '../helpers/test-app';

const clock = () => new FixedClock('2026-03-02T01:00:00Z');

/** A small 2026 plan with a unique title, so every test imports its own. */
function planText(marker: string, items = 3): string {
  const lines = [`某区2026年法治政府建设工作要点（${marker}）`, '一、依法全面履行政府职能'];
  for (let i = 1; i <= items; i++) lines.push(`${i}. 第${i}项工作任务。认真落实。`);
  return lines.join('\n') + '\n';
}

interface Fixture {
  planId: string;
  taskId: string;
  version: number;
  lead: SeededDepartment;
  coopA: SeededDepartment;
  coopB: SeededDepartment;
}

/** A plan, three departments with a user each, and one task (lead + two co-operating departments). */
async function taskFixture(t: TestApp): Promise<Fixture> {
  const tag = randomBytes(3).toString('hex');
  const lead = await departmentWithUser(t, `牵头局${tag}`, `lead${tag}`);
  const coopA = await departmentWithUser(t, `配合甲${tag}`, `coopa${tag}`);
  const coopB = await departmentWithUser(t, `配合乙${tag}`, `coopb${tag}`);
  const plan = await t.http().post('/api/plans/import').set(bearer(t.adminToken)).send({ text: planText(tag) });
  expect(plan.status).toBe(200);
  const planId = plan.body.plan.id as string;
  const tasks = await t.http().post(`/api/plans/${planId}/tasks`).set(bearer(t.adminToken))
    .send([{ itemNumber: 1, leadDepartment: lead.name, cooperatingDepartments: [coopA.name, coopB.name], dueDate: '2026-06-30' }]);
  expect(tasks.status).toBe(201);
  return { planId, taskId: tasks.body[0].id, version: tasks.body[0].version, lead, coopA, coopB };
}

function rawRequest(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; requestIdHeader?: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, requestIdHeader: res.headers['x-request-id'] as string | undefined }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('bad input is a 400 naming the field, never a 500 (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock: clock() });
  });
  afterAll(async () => t?.close());
  const admin = () => bearer(t.adminToken);

  it('refuses year 9999 in extension requests, PATCH, bulk rows, milestones, notices and the calendar', async () => {
    const f = await taskFixture(t);
    const ext = await t.http().post(`/api/tasks/${f.taskId}/extension-requests`).set(bearer(f.lead.token)).send({ requestedDueDate: '9999-12-31', reason: '延期' });
    expect(ext.status).toBe(400);
    expect(ext.body.message).toMatch(/^requestedDueDate: /);

    const patch = await t.http().patch(`/api/tasks/${f.taskId}`).set(admin()).send({ version: f.version, dueDate: '9999-12-31' });
    expect(patch.status).toBe(400);
    expect(patch.body.message).toMatch(/^dueDate: /);
    expect(patch.body.message).not.toContain('row');
    // Within 2000–2100 but outside plan year − 1 … + 5: still refused, naming the allowed years.
    const far = await t.http().patch(`/api/tasks/${f.taskId}`).set(admin()).send({ version: f.version, dueDate: '2040-01-01' });
    expect(far.status).toBe(400);
    expect(far.body.message).toContain('2025–2031');
    const lead = await t.http().patch(`/api/tasks/${f.taskId}`).set(admin()).send({ version: f.version, leadDepartment: '不存在的局' });
    expect(lead.status).toBe(400);
    expect(lead.body.message).toMatch(/^leadDepartment: /);

    const bulk = await t.http().post(`/api/plans/${f.planId}/tasks`).set(admin())
      .send([{ itemNumber: 2, leadDepartment: f.lead.name, dueDate: '2026-09-30' }, { itemNumber: 3, leadDepartment: f.lead.name, dueDate: '9999-12-31' }]);
    expect(bulk.status).toBe(400);
    expect(bulk.body.message).toContain('row 2 dueDate');
    const milestone = await t.http().post(`/api/plans/${f.planId}/tasks`).set(admin())
      .send([{ itemNumber: 2, leadDepartment: f.lead.name, dueDate: '2026-09-30', milestones: [{ date: '9999-01-01', description: '中期' }] }]);
    expect(milestone.status).toBe(400);
    expect(milestone.body.message).toContain('row 1 milestones[0].date');

    const notice = await t.http().post(`/api/tasks/${f.taskId}/supervision-notices`).set(admin()).send({ message: '请加快', respondBy: '9999-12-31' });
    expect(notice.status).toBe(400);
    expect(notice.body.message).toMatch(/^respondBy: /);

    expect((await t.http().get('/api/calendar/9999').set(admin())).status).toBe(400);
    expect((await t.http().put('/api/calendar/9999').set(admin()).send({ holidays: [], workdays: [] })).status).toBe(400);
    const cal = await t.http().put('/api/calendar/2027').set(admin()).send({ holidays: ['9999-01-01'], workdays: [] });
    expect(cal.status).toBe(400);
    expect(cal.body.message).toContain('9999-01-01');
    expect((await t.http().get(`/api/plans/${f.planId}/rollups/9999Q1`).set(admin())).status).toBe(400);
    const period = await t.http().post(`/api/tasks/${f.taskId}/progress`).set(bearer(f.lead.token)).send({ percent: 10, narrative: '推进中', period: '9999Q1' });
    expect(period.status).toBe(400);
    expect(period.body.message).toMatch(/^period: /);
    // Nothing changed.
    const task = await t.http().get(`/api/tasks/${f.taskId}`).set(admin());
    expect(task.body).toMatchObject({ dueDate: '2026-06-30', version: f.version });
  });

  it('refuses shapes the DTOs do not describe: figures [[]], JSON nested 10,000 deep, a page past the end of numbers', async () => {
    const f = await taskFixture(t);
    const figures = await t.http().post(`/api/tasks/${f.taskId}/progress`).set(bearer(f.lead.token)).send({ percent: 10, narrative: '推进中', figures: [[]] });
    expect(figures.status).toBe(400);
    expect(figures.body.message).toContain('figures');

    const deep = await t.http().post(`/api/tasks/${f.taskId}/progress`).set(bearer(f.lead.token)).set('content-type', 'application/json')
      .send('['.repeat(10_000) + ']'.repeat(10_000));
    expect(deep.status).toBe(400);
    expect(deep.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'body: JSON 嵌套层数超过 32 层上限', requestId: expect.any(String) });

    // null only where the API says nullable: a PATCH with the right version and a null title is a 400, not a NOT NULL 500.
    const nullTitle = await t.http().patch(`/api/tasks/${f.taskId}`).set(admin()).send({ version: f.version, title: null });
    expect(nullTitle.status).toBe(400);
    expect(nullTitle.body.message).toBe('title: 不能为 null');
    const plan = await t.http().get(`/api/plans/${f.planId}`).set(admin());
    const itemId = plan.body.sections[0].items[0].id as string;
    const nullBody = await t.http().patch(`/api/plans/${f.planId}/items/${itemId}`).set(admin()).send({ body: null });
    expect(nullBody.status).toBe(400);

    const page = await t.http().get('/api/tasks?page=99999999999999999999').set(admin());
    expect(page.status).toBe(400);
    expect(page.body.message).toContain('page');
  });

  it('refuses NUL and other control characters in names and free text, and strips invisible characters', async () => {
    const f = await taskFixture(t);
    const nul = await t.http().post('/api/departments').set(admin()).send({ name: '区\u0000审计局' });
    expect(nul.status).toBe(400);
    expect(nul.body.message).toMatch(/^name: .*控制字符/);
    const narrative = await t.http().post(`/api/tasks/${f.taskId}/progress`).set(bearer(f.lead.token)).send({ percent: 10, narrative: '推进\u0000中' });
    expect(narrative.status).toBe(400);
    expect(narrative.body.message).toMatch(/^narrative: /);

    const original = await createDepartment(t, '区市场监督管理局');
    for (const lookalike of ['区市场\u200b监督管理局', '\u202e区市场监督管理局', '区市场监督管理局\ufeff', '区市场监督管理局\u200d']) {
      const res = await t.http().post('/api/departments').set(admin()).send({ name: lookalike });
      expect(res.status).toBe(409);
      expect(res.body.message).toContain('区市场监督管理局');
    }
    const list = await t.http().get('/api/departments').set(admin());
    expect(list.body.filter((d: { name: string }) => d.name.includes('市场')).map((d: { id: string }) => d.id)).toEqual([original.id]);
  });

  it('refuses a 10,000-item plan instead of merging item "10000." into 9999', async () => {
    const res = await t.http().post('/api/plans/import').set(admin()).send({ text: planText('万条', 10_000), dryRun: true });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^line 10002: 条目编号 10000 超过上限/);
  });

  it('answers 414 and 431 in the one error shape, without fastify codes or the path', async () => {
    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const longId = 'x'.repeat(500);
    // Answered before any route (or, for 431, any request) exists, yet with a request id to quote:
    // the proxy's when it sent one, as on every other answer.
    const uri = await rawRequest(port, `/api/tasks/${longId}`, { authorization: `Bearer ${t.adminToken}`, 'x-request-id': 'proxy-trace-414' });
    expect(uri.status).toBe(414);
    expect(JSON.parse(uri.body)).toEqual({ statusCode: 414, error: 'URI Too Long', message: 'path: 路径参数过长', requestId: 'proxy-trace-414' });
    expect(uri.requestIdHeader).toBe('proxy-trace-414');
    const headers = await rawRequest(port, '/api/health/live', { 'x-big': 'a'.repeat(20_000) });
    expect(headers.status).toBe(431);
    expect(JSON.parse(headers.body)).toEqual({ statusCode: 431, error: 'Request Header Fields Too Large', message: 'headers: 请求头过大', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(headers.requestIdHeader).toBe(JSON.parse(headers.body).requestId);
    const unknown = await t.http().get(`/api/no-such-route-${longId.slice(0, 50)}`).set(admin());
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).not.toContain('no-such-route');
  });
});

describe('tokens, passwords and the last admin (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock: clock() });
  });
  afterAll(async () => t?.close());
  const admin = () => bearer(t.adminToken);

  it('refuses tokens without exp or with a non-string sub', async () => {
    const me = await t.http().get('/api/auth/me').set(admin());
    const jwt = new JwtService();
    const sign = (payload: object, expiresIn?: number) => jwt.sign(payload, {
      secret: t.config.jwt.secret, issuer: t.config.jwt.issuer, audience: t.config.jwt.audience, algorithm: 'HS256', ...(expiresIn ? { expiresIn } : {}),
    });
    const users = await t.app.get(DataSource).getRepository(User).findOneByOrFail({ id: me.body.id });
    expect((await t.http().get('/api/auth/me').set(bearer(sign({ sub: me.body.id, tv: users.tokenVersion }, 600)))).status).toBe(200);
    expect((await t.http().get('/api/auth/me').set(bearer(sign({ sub: me.body.id, tv: users.tokenVersion })))).status).toBe(401);
    expect((await t.http().get('/api/auth/me').set(bearer(sign({ sub: { $ne: null }, tv: users.tokenVersion }, 600)))).status).toBe(401);
    expect((await t.http().get('/api/auth/me').set(bearer(sign({ sub: me.body.id }, 600)))).status).toBe(401);
  });

  it('applies the password policy to new passwords, while users with older passwords still log in', async () => {
    const dept = await createDepartment(t, `密码测试局${randomBytes(2).toString('hex')}`);
    const create = (username: string, password: string) => t.http().post('/api/users').set(admin()).send({ username, password, role: 'department', departmentId: dept.id });
    const cases: [string, string, RegExp][] = [
      ['pw1', '12345678', /^password: 密码至少 10 个字符/],
      ['pw2', 'password', /^password: 密码至少 10 个字符/],
      ['pw3', '1234567890', /^password: 该密码属于常见密码/],
      ['pw-same-as-name', 'pw-same-as-name', /^password: 密码不能与用户名相同/],
      ['pw5', '\u0000'.repeat(12), /^password: .*控制字符/],
      ['pw6', 'a'.repeat(78), /^password: 密码不能超过 72 字节/],
    ];
    for (const [username, password, message] of cases) {
      const res = await create(username, password);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(message);
    }
    expect((await create('pw-ok', 'chengguan-2026!')).status).toBe(201);
    const token = await t.login('pw-ok', 'chengguan-2026!');
    const change = await t.http().post('/api/auth/password').set(bearer(token)).send({ currentPassword: 'chengguan-2026!', newPassword: 'qwertyuiop' });
    expect(change.status).toBe(400);
    expect(change.body.message).toMatch(/^newPassword: /);
    // Two 78-byte passwords equal in their first 72 bytes cannot both log in: over 72 bytes is refused.
    const long = await t.http().post('/api/auth/login').send({ username: 'pw-ok', password: 'chengguan-2026!' + 'x'.repeat(63) });
    expect(long.status).toBe(400);

    // A user whose password predates the policy keeps logging in.
    const ds = t.app.get(DataSource);
    await ds.getRepository(User).insert({
      id: '00000000-0000-4000-8000-00000000c0de', username: 'olduser', passwordHash: await hashPassword('pass1234'), role: 'leader',
      departmentId: null, disabled: false, tokenVersion: 0, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z',
    });
    expect((await t.http().post('/api/auth/login').send({ username: 'olduser', password: 'pass1234' })).status).toBe(200);
  });

  it('keeps the last active admin: no disabling or demoting it (409); another admin makes it possible', async () => {
    const me = await t.http().get('/api/auth/me').set(admin());
    for (const change of [{ disabled: true }, { role: 'leader' }, { role: 'department', departmentId: (await createDepartment(t, `末位局${randomBytes(2).toString('hex')}`)).id }]) {
      const res = await t.http().patch(`/api/users/${me.body.id}`).set(admin()).send(change);
      expect(res.status).toBe(409);
      expect(res.body.message).toContain('最后一个启用的管理员');
    }
    expect((await t.http().get('/api/auth/me').set(admin())).status).toBe(200);
    const second = await t.http().post('/api/users').set(admin()).send({ username: `admin2-${randomBytes(2).toString('hex')}`, password: 'second-admin-pass', role: 'admin' });
    expect(second.status).toBe(201);
    const disableSecond = await t.http().patch(`/api/users/${second.body.id}`).set(admin()).send({ disabled: true });
    expect(disableSecond.status).toBe(200);
    const again = await t.http().patch(`/api/users/${me.body.id}`).set(admin()).send({ disabled: true });
    expect(again.status).toBe(409);
  });

  it('takes the department away from a department user demoted to leader', async () => {
    const d = await departmentWithUser(t, `降级局${randomBytes(2).toString('hex')}`, `demoted${randomBytes(2).toString('hex')}`);
    const users = await t.http().get('/api/users').set(admin());
    const user = users.body.find((u: { username: string }) => u.username === d.username);
    const res = await t.http().patch(`/api/users/${user.id}`).set(admin()).send({ role: 'leader' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'leader', departmentId: null });
  });
});

describe('login limits across usernames, addresses and instances (e2e)', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const env = { LOGIN_ADDRESS_RATE_LIMIT: '20', LOGIN_RATE_LIMIT: '5', QUEUE_PREFIX: `login-${randomBytes(4).toString('hex')}` };
    a = await startTestApp({ env });
    // Instance B: the same database and the same Redis keys, as a second API process would have.
    b = await startTestApp({ env: { ...env, ...a.dbEnv } });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('answers 429 once one address has failed 20 times, whatever the usernames, and audits each attempt', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await a.http().post('/api/auth/login').send({ username: `nobody${i}`, password: 'not-the-password' })).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(Array(20).fill(429));
    const blocked = await a.http().post('/api/auth/login').send({ username: 'admin', password: 'admin-test-pass' });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/^username: 登录失败次数过多/), requestId: expect.any(String) });
    const audit = await a.app.get(DataSource).getRepository(AuditLog).find({ where: { action: 'auth.login_failed' } });
    expect(audit.length).toBe(20);
    expect(audit[0].after).toMatchObject({ username: expect.stringMatching(/^nobody/), address: expect.any(String), reason: 'wrong_credentials' });
    const logins = await a.app.get(DataSource).getRepository(AuditLog).count({ where: { action: 'auth.login' } });
    expect(logins).toBeGreaterThanOrEqual(1); // the helper's own admin login
  });

  it('a username limit reached on instance A holds on instance B', async () => {
    // This test runs alone too: clear the address counter the previous test may have filled.
    const redis = a.app.get(RedisConnection).client!;
    const addressKeys = await redis.keys(`${a.config.queue.prefix}:login-failures:addr:*`);
    if (addressKeys.length) await redis.del(...addressKeys);
    const onA: number[] = [];
    for (let i = 0; i < 5; i++) onA.push((await a.http().post('/api/auth/login').send({ username: 'admin', password: `wrong-${i}-password` })).status);
    expect(onA).toEqual([401, 401, 401, 401, 401]);
    const onB = await b.http().post('/api/auth/login').send({ username: 'admin', password: 'admin-test-pass' });
    expect(onB.status).toBe(429);
  });
});

describe('audit visibility and webhook URLs (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock: clock(), env: { WEBHOOK_ALLOW_LOCAL_FOR_TESTS: 'false', WEBHOOK_ALLOWED_HOSTS: 'oapi.dingtalk.com,qyapi.weixin.qq.com,localhost' } });
  });
  afterAll(async () => t?.close());

  it('shows a co-operating department only its own progress entries in the task audit trail', async () => {
    const f = await taskFixture(t);
    const post = async (token: string, narrative: string) =>
      (await t.http().post(`/api/tasks/${f.taskId}/progress`).set(bearer(token)).send({ percent: 20, narrative })).body.id as string;
    const leadReport = await post(f.lead.token, '牵头单位进展');
    const aReport = await post(f.coopA.token, '配合甲的内部进展');
    const bReport = await post(f.coopB.token, '配合乙的内部进展');
    const reportIds = async (token: string) => {
      const res = await t.http().get(`/api/tasks/${f.taskId}/audit`).set(bearer(token));
      expect(res.status).toBe(200);
      return res.body.filter((e: { action: string }) => e.action === 'task.progress').map((e: { after: { reportId: string } }) => e.after.reportId).sort();
    };
    expect(await reportIds(f.coopA.token)).toEqual([leadReport, aReport].sort());
    expect(await reportIds(f.coopB.token)).toEqual([leadReport, bReport].sort());
    expect(await reportIds(f.lead.token)).toEqual([leadReport, aReport, bReport].sort());
    expect(await reportIds(t.adminToken)).toEqual([leadReport, aReport, bReport].sort());
  });

  it('refuses webhook URLs that are not https to an allowed public host', async () => {
    const d = await createDepartment(t, `机器人局${randomBytes(2).toString('hex')}`);
    for (const [url, says] of [
      ['http://127.0.0.1:6379/', 'https'],
      ['https://127.0.0.1/robot', '不在允许'],
      ['https://169.254.169.254/latest/meta-data', '不在允许'],
      ['https://[::1]:6379/', '不在允许'],
      ['https://localhost/robot/send', '内网或本机'],
      ['https://evil.example.com/robot/send', '不在允许'],
    ]) {
      const res = await t.http().patch(`/api/departments/${d.id}`).set(bearer(t.adminToken)).send({ webhookUrl: url });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(new RegExp(`^webhookUrl: .*${says}`));
    }
    const after = await t.http().get(`/api/departments/${d.id}`).set(bearer(t.adminToken));
    expect(after.body.webhook).toBeNull();
  });

  it('answers 404 for another department\'s 督办 notice without naming the hidden task', async () => {
    const f = await taskFixture(t);
    const other = await departmentWithUser(t, `无关局${randomBytes(2).toString('hex')}`, `outsider${randomBytes(2).toString('hex')}`);
    const notice = await t.http().post(`/api/tasks/${f.taskId}/supervision-notices`).set(bearer(t.adminToken)).send({ message: '请加快进度', respondBy: '2026-03-20' });
    expect(notice.status).toBe(201);
    const res = await t.http().post(`/api/supervision-notices/${notice.body.id}/response`).set(bearer(other.token)).send({ response: '收到' });
    expect(res.status).toBe(404);
    expect(res.body.message).not.toContain(f.taskId);
    expect(res.body.message).toContain(notice.body.id);
  });
});
