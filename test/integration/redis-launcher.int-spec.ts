// npm start's Redis: REDIS_URL if set, else whatever listens on the port, else a private
// redis-server (AOF on, noeviction) that stops with the service, else none (and a hint to install).
import { describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureRedis, isPortOpen } from '../../src/queue/redis-launcher';

const logs: object[] = [];
const logger = { log: (m: object) => logs.push(m), warn: (m: object) => logs.push(m) };
const dataDir = () => mkdtempSync(join(tmpdir(), 'duban-launch-'));

describe('Redis launcher', () => {
  it('uses REDIS_URL as given', async () => {
    const h = await ensureRedis({ url: 'redis://example.invalid:6380', autostart: true, dataDir: dataDir() }, logger);
    expect(h).toMatchObject({ url: 'redis://example.invalid:6380', started: false });
  });

  it('starts a private redis-server with AOF and noeviction when nothing listens, and stops it', async () => {
    const h = await ensureRedis({ url: null, autostart: true, dataDir: dataDir(), port: 0 }, logger);
    expect(h.started).toBe(true);
    const c = new Redis(h.url!, { maxRetriesPerRequest: 1 });
    expect(await c.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await c.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    c.disconnect();
    const port = Number(new URL(h.url!).port);
    await h.stop();
    expect(await isPortOpen(port)).toBe(false);
  });

  it('runs without Redis, and says how to install it, where redis-server is not installed', async () => {
    logs.length = 0;
    const h = await ensureRedis({ url: null, autostart: true, dataDir: dataDir(), port: 0, binary: 'redis-server-not-installed' }, logger);
    expect(h.url).toBeNull();
    expect(JSON.stringify(logs)).toContain('apt-get install redis-server');
  });
});
