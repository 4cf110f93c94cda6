import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ModulesContainer } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { PUBLIC_KEY, ROLES_KEY } from '../../src/common/auth/actor';
import { ADMIN, bearer, startTestApp, TestApp } from '../helpers/test-app';

describe('auth, roles and the directory (e2e)', () => {
  let t: TestApp;
  let deptId: string;
  let otherDeptId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const d = await t.http().post('/api/departments').set(bearer(t.adminToken))
      .send({ name: '区城市管理局', shortName: '城管局', aliases: ['区城管局', '城市管理局'], kind: 'bureau' });
    expect(d.status).toBe(201);
    deptId = d.body.id;
    const o = await t.http().post('/api/departments').set(bearer(t.adminToken)).send({ name: '区司法局', aliases: ['司法局'] });
    otherDeptId = o.body.id;
    for (const u of [
      { username: 'chengguan', password: 'chengguan-pass', role: 'department', departmentId: deptId },
      { username: 'leader', password: 'leader-pass-1', role: 'leader' },
    ]) {
      expect((await t.http().post('/api/users').set(bearer(t.adminToken)).send(u)).status).toBe(201);
    }
  });

  afterAll(async () => t?.close());

  it('health answers without a token and reports db and redis', async () => {
    const res = await t.http().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: 'up', redis: 'up' });
  });

  it('login returns a bearer token and the user; the first admin comes from ADMIN_USERNAME/ADMIN_PASSWORD', async () => {
    const res = await t.http().post('/api/auth/login').send(ADMIN);
    expect(res.status).toBe(200);
    expect(typeof res.body.accessToken).toBe('string');
    expect(res.body.user).toMatchObject({ username: 'admin', role: 'admin', departmentId: null });
  });

  it('refuses a wrong password with 401 in the one error shape', async () => {
    const res = await t.http().post('/api/auth/login').send({ username: 'admin', password: 'wrong-password' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.stringContaining('username') });
  });

  it('refuses every guarded route without a token, and with a forged one', async () => {
    expect((await t.http().get('/api/departments')).status).toBe(401);
    expect((await t.http().get('/api/plans')).status).toBe(401);
    const forged = t.adminToken.slice(0, -4) + 'AAAA';
    expect((await t.http().get('/api/departments').set(bearer(forged))).status).toBe(401);
  });

  it('lets everyone read the directory but only the admin write it', async () => {
    const leader = await t.login('leader', 'leader-pass-1');
    const dept = await t.login('chengguan', 'chengguan-pass');
    for (const token of [leader, dept]) {
      const list = await t.http().get('/api/departments').set(bearer(token));
      expect(list.status).toBe(200);
      expect(list.body.map((d: { name: string }) => d.name)).toEqual(expect.arrayContaining(['区城市管理局', '区司法局']));
      expect((await t.http().post('/api/departments').set(bearer(token)).send({ name: '新部门' })).status).toBe(403);
      expect((await t.http().patch(`/api/departments/${deptId}`).set(bearer(token)).send({ name: 'x' })).status).toBe(403);
      expect((await t.http().post('/api/users').set(bearer(token)).send({ username: 'x1', password: 'password1', role: 'admin' })).status).toBe(403);
    }
  });

  it('keeps aliases, and refuses an alias another department already uses (409 naming it)', async () => {
    const got = await t.http().get(`/api/departments/${deptId}`).set(bearer(t.adminToken));
    expect(got.body).toMatchObject({ name: '区城市管理局', shortName: '城管局', aliases: ['区城管局', '城市管理局'], kind: 'bureau' });
    const clash = await t.http().patch(`/api/departments/${otherDeptId}`).set(bearer(t.adminToken)).send({ aliases: ['城管局'] });
    expect(clash.status).toBe(409);
    expect(clash.body.message).toContain('城管局');
    expect(clash.body.message).toContain('区城市管理局');
    const unchanged = await t.http().get(`/api/departments/${otherDeptId}`).set(bearer(t.adminToken));
    expect(unchanged.body.aliases).toEqual(['司法局']);
  });

  it('rejects unknown fields and bad values with 400 naming the field, and stores nothing', async () => {
    const extra = await t.http().post('/api/departments').set(bearer(t.adminToken)).send({ name: '审计局', color: 'red' });
    expect(extra.status).toBe(400);
    expect(extra.body.message).toContain('color');
    const kind = await t.http().post('/api/departments').set(bearer(t.adminToken)).send({ name: '审计局', kind: 'ministry' });
    expect(kind.status).toBe(400);
    expect(kind.body.message).toContain('kind');
    const noDept = await t.http().post('/api/users').set(bearer(t.adminToken)).send({ username: 'nodept', password: 'nodept-password', role: 'department' });
    expect(noDept.status).toBe(400);
    expect(noDept.body.message).toContain('departmentId');
    const list = await t.http().get('/api/departments').set(bearer(t.adminToken));
    expect(list.body.map((d: { name: string }) => d.name)).not.toContain('审计局');
  });

  it('refuses a disabled user at once, not when the token expires', async () => {
    const u = await t.http().post('/api/users').set(bearer(t.adminToken))
      .send({ username: 'leaver', password: 'leaver-pass', role: 'department', departmentId: otherDeptId });
    const token = await t.login('leaver', 'leaver-pass');
    expect((await t.http().get('/api/departments').set(bearer(token))).status).toBe(200);
    expect((await t.http().patch(`/api/users/${u.body.id}`).set(bearer(t.adminToken)).send({ disabled: true })).status).toBe(200);
    expect((await t.http().get('/api/departments').set(bearer(token))).status).toBe(401);
    expect((await t.http().post('/api/auth/login').send({ username: 'leaver', password: 'leaver-pass' })).status).toBe(401);
  });

  it('refuses tokens issued before a password change', async () => {
    await t.http().post('/api/users').set(bearer(t.adminToken)).send({ username: 'mover', password: 'mover-pass-1', role: 'leader' });
    const old = await t.login('mover', 'mover-pass-1');
    const wrong = await t.http().post('/api/auth/password').set(bearer(old)).send({ currentPassword: 'nope-nope', newPassword: 'mover-pass-2' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain('currentPassword');
    const change = await t.http().post('/api/auth/password').set(bearer(old)).send({ currentPassword: 'mover-pass-1', newPassword: 'mover-pass-2' });
    expect(change.status).toBe(204);
    expect((await t.http().get('/api/auth/me').set(bearer(old))).status).toBe(401);
    const fresh = await t.login('mover', 'mover-pass-2');
    expect((await t.http().get('/api/auth/me').set(bearer(fresh))).body).toMatchObject({ username: 'mover', role: 'leader' });
  });

  it('stores passwords hashed, never in clear', async () => {
    const rows: { password_hash: string }[] = await t.app.get(DataSource).query(`SELECT password_hash FROM users WHERE username = 'leader'`);
    expect(rows[0].password_hash).not.toContain('leader-pass-1');
    expect(rows[0].password_hash).toMatch(/^\$2[aby]\$10\$/);
  });

  it('sends helmet headers, limits body size and serves the OpenAPI document', async () => {
    const health = await t.http().get('/api/health');
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['content-security-policy']).toBeDefined();
    const big = await t.http().post('/api/departments').set(bearer(t.adminToken)).set('content-type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(300 * 1024) }));
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ statusCode: 413, message: expect.stringContaining('body') });
    const docs = await t.http().get('/api/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/plans/import', '/api/departments/{id}']));
  });

  it('declares a role policy (@Roles or @Public) on every route: a forgotten one would fail here', () => {
    const missing: string[] = [];
    for (const mod of t.app.get(ModulesContainer).values()) {
      for (const wrapper of mod.controllers.values()) {
        const cls = wrapper.metatype as (new (...a: unknown[]) => unknown) | null;
        if (!cls) continue;
        for (const name of Object.getOwnPropertyNames(cls.prototype)) {
          const handler = cls.prototype[name];
          if (name === 'constructor' || typeof handler !== 'function' || !Reflect.hasMetadata('path', handler)) continue;
          const policy = [ROLES_KEY, PUBLIC_KEY].some((k) => Reflect.getMetadata(k, handler) ?? Reflect.getMetadata(k, cls));
          if (!policy) missing.push(`${cls.name}.${name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('login rate limit (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_LIMIT: '5' } });
  });
  afterAll(async () => t?.close());

  it('answers 429 to the 6th login attempt within a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await t.http().post('/api/auth/login').send({ username: 'admin', password: `wrong-${i}` })).status);
    }
    // Only failures count: the helper's own successful admin login spent nothing.
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
  });
});
