// One rate limit per robot (webhook URL) shared by every process, in Redis: at most
// ROBOT_MESSAGES_PER_MINUTE (20: DingTalk and WeCom both allow 20 a minute) in any 60 seconds, and no message at all while the robot
// has locked us out after a "too fast" answer. Time is Redis's own (TIME), so hosts with drifting
// clocks still agree. A sliding window of send times per robot; the lockout is a key with a TTL.
import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { RedisConnection } from '../../queue/redis-connection';

const WINDOW_MS = 60_000;

// KEYS: window zset, lockout key. ARGV: limit, window ms, member. Returns 0 (slot taken) or ms to wait.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local locked = redis.call('PTTL', KEYS[2])
if locked > 0 then return locked end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + tonumber(ARGV[2]) - now)
`;

/** No slot within the wait allowed: try again in `waitMs` (the job is delayed, no attempt spent). */
export class RobotBusy extends Error {
  constructor(readonly waitMs: number) {
    super(`robot rate limit: next message possible in ${waitMs} ms`);
  }
}

@Injectable()
export class RobotRateLimiter {
  constructor(private readonly redis: RedisConnection, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private keys(url: string): [string, string] {
    const id = createHash('sha256').update(url).digest('hex').slice(0, 32);
    const base = `${this.config.queue.prefix}:robot:{${id}}`;
    return [`${base}:sent`, `${base}:lockout`];
  }

  /**
   * Takes one message slot for the robot, waiting up to `maxWaitMs` for one; throws RobotBusy with
   * the time to wait when none comes in time (or Redis is unreachable: then it cannot be shared).
   */
  async acquire(url: string, maxWaitMs: number): Promise<void> {
    const client = this.redis.client;
    if (!client) throw new RobotBusy(WINDOW_MS);
    // Just after boot the shared client may still be connecting (it has no offline queue).
    if (client.status !== 'ready') await this.redis.ping(1000);
    const deadline = Date.now() + maxWaitMs;
    const [sent, lockout] = this.keys(url);
    for (;;) {
      let wait: number;
      try {
        wait = Number(await client.eval(ACQUIRE, 2, sent, lockout, this.config.queue.robotMessagesPerMinute, WINDOW_MS, randomUUID()));
      } catch {
        throw new RobotBusy(5000);
      }
      if (wait === 0) return;
      if (Date.now() + wait > deadline) throw new RobotBusy(wait);
      await new Promise((r) => setTimeout(r, wait + Math.floor(Math.random() * 50)));
    }
  }

  /** The robot answered "too fast": nobody sends to it for `ms`. */
  async lockOut(url: string, ms: number): Promise<void> {
    await this.redis.client?.set(this.keys(url)[1], '1', 'PX', ms).catch(() => undefined);
  }
}
