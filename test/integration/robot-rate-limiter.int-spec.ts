// The robot rate limit is one limit for every process: two processes' Redis clients taking slots
// for the same robot at once get 20 between them in a minute; a lockout stops both.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../config/app-config';
import { RobotBusy, RobotRateLimiter } from '../../src/modules/reminders/robot-rate-limiter';
import { RedisConnection } from '../../src/queue/redis-connection';
import { RedisHandle } from '../../src/queue/redis-launcher';
import { startTestRedis } from '../helpers/test-redis';

describe('robot rate limiter (real Redis)', () => {
  let redis: RedisHandle;
  const connections: RedisConnection[] = [];
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    for (const c of connections) await c.onApplicationShutdown();
    await redis.stop();
  });

  /** A limiter as one process has it: its own Redis connection, the shared prefix. */
  function processLimiter(prefix: string): RobotRateLimiter {
    const connection = new RedisConnection(redis.url);
    connections.push(connection);
    return new RobotRateLimiter(connection, loadConfig({ NODE_ENV: 'test', QUEUE_PREFIX: prefix }));
  }

  it('grants 20 slots a minute per robot across processes, and none during a lockout', async () => {
    const prefix = `rl-${randomBytes(4).toString('hex')}`;
    const [a, b] = [processLimiter(prefix), processLimiter(prefix)];
    const robot = 'https://oapi.dingtalk.com/robot/send?access_token=shared';
    expect(await Promise.all(connections.map((c) => c.ping(2000)))).toEqual([true, true]);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).acquire(robot, 0).then(() => 'ok', (e: unknown) => e)));
    expect(results.filter((r) => r === 'ok')).toHaveLength(20);
    const busy = results.filter((r): r is RobotBusy => r instanceof RobotBusy);
    expect(busy).toHaveLength(10);
    for (const e of busy) expect(e.waitMs).toBeGreaterThan(55_000);
    // Another robot has its own limit.
    await expect(a.acquire('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=other', 0)).resolves.toBeUndefined();
    // A lockout reported by one process holds the other back.
    await a.lockOut('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=other', 30_000);
    await expect(b.acquire('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=other', 0)).rejects.toBeInstanceOf(RobotBusy);
  });
});
