// A real Redis for tests: REDIS_URL if given, the local server on :6379 if one listens, otherwise a
// private redis-server started on a free port for this test file (and stopped after it).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureRedis, RedisHandle } from '../../src/queue/redis-launcher';

const quiet = { log: () => undefined, warn: (m: object) => console.warn(m) };

export async function startTestRedis(): Promise<RedisHandle> {
  const handle = await ensureRedis(
    { url: process.env.REDIS_URL ?? null, autostart: true, dataDir: mkdtempSync(join(tmpdir(), 'duban-redis-')), port: 6379 },
    quiet,
  );
  if (!handle.url) throw new Error('tests need a Redis server: install redis-server or set REDIS_URL');
  return handle;
}
