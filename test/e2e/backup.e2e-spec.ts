// npm run backup while the API keeps writing: the copy opens, passes SQLite's integrity check, holds
// every row committed before the backup began, and a service started on it (the restore procedure)
// serves them all.
import { describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { loadConfig } from '../../config/app-config';
import { createApp } from '../../src/app.factory';
import { ADMIN, bearer, startTestApp } from '../helpers/test-app';

const BACKUP = resolve(process.cwd(), 'dist/src/backup.js');

function runBackup(env: Record<string, string>, destination: string): Promise<{ code: number | null; out: string }> {
  return new Promise((r) => {
    const child = spawn(process.execPath, [BACKUP, destination], { env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => r({ code, out }));
  });
}

describe('backup and restore (e2e, SQLite)', () => {
  it('backs up while writes run; the restored copy has every row committed before the backup began', async () => {
    if (!existsSync(BACKUP)) throw new Error(`${BACKUP} is missing: run npm run build first (npm run test:e2e does)`);
    const t = await startTestApp({ dbType: 'sqlite' });
    const dir = mkdtempSync(join(tmpdir(), 'duban-backup-'));
    try {
      const committed: { name: string; at: number }[] = [];
      let writing = true;
      const writer = (async () => {
        for (let i = 1; writing; i++) {
          const name = `备份测试部门${i}`;
          const res = await t.http().post('/api/departments').set(bearer(t.adminToken)).send({ name });
          if (res.status !== 201) throw new Error(`write ${i}: ${res.status}`);
          committed.push({ name, at: Date.now() });
        }
      })();
      while (committed.length < 50) await new Promise((r) => setTimeout(r, 20));

      const destination = join(dir, 'backup.sqlite');
      const began = Date.now();
      const result = await runBackup(t.dbEnv, destination);
      const ended = Date.now();
      while (committed.filter((c) => c.at > ended).length < 20) await new Promise((r) => setTimeout(r, 20));
      writing = false;
      await writer;
      expect(result.code).toBe(0);
      expect(JSON.parse(result.out.trim().split('\n').pop()!)).toMatchObject({ msg: 'backup written', destination });

      const copy = new Database(destination, { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const names = new Set((copy.prepare(`SELECT name FROM departments`).all() as { name: string }[]).map((r) => r.name));
      copy.close();
      const before = committed.filter((c) => c.at < began);
      expect(before.length).toBeGreaterThanOrEqual(50);
      expect(before.filter((c) => !names.has(c.name))).toEqual([]);
      // One moment's copy: nothing committed after the backup ended.
      expect(committed.filter((c) => c.at > ended && names.has(c.name))).toEqual([]);

      // Restore: the copy becomes the database file of a (stopped) service, which then starts on it.
      const restoredPath = join(dir, 'restored.sqlite');
      copyFileSync(destination, restoredPath);
      const restored = await createApp(loadConfig({ ...t.dbEnv, NODE_ENV: 'test', DATABASE_PATH: restoredPath, DATA_DIR: dir, REDIS_URL: 'redis://127.0.0.1:1', WORKER_IN_API: 'false', ADMIN_PASSWORD: ADMIN.password }), { logger: false, docsUi: false });
      try {
        await restored.getHttpAdapter().getInstance().ready();
        const login = await request(restored.getHttpServer()).post('/api/auth/login').send(ADMIN);
        expect(login.status).toBe(200);
        const list = await request(restored.getHttpServer()).get('/api/departments').set(bearer(login.body.accessToken));
        const served = new Set((list.body as { name: string }[]).map((d) => d.name));
        expect([...names].filter((n) => !served.has(n))).toEqual([]);
        expect(served.size).toBe(names.size);
      } finally {
        await restored.close();
      }
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
