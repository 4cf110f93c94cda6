// Failed logins are counted per client address (across usernames: one address trying many accounts)
// and per username (across addresses: many addresses trying one account), in Redis so the limits
// hold across API instances. Successful logins are not counted. With Redis down the counts fall back
// to this process's memory: the API keeps serving and still limits (PITFALLS D5, fail open to local).
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { TooManyRequests } from '../../common/errors/domain-error';
import { RedisConnection } from '../../queue/redis-connection';

interface Counter {
  count: number;
  resetAt: number;
}

export class TooManyLogins extends TooManyRequests {
  constructor(retryAfterSeconds: number) {
    super(`username: 登录失败次数过多，请 ${Math.max(1, Math.ceil(retryAfterSeconds / 60))} 分钟后再试`);
  }
}

const MEMORY_KEYS_MAX = 50_000;

@Injectable()
export class LoginLimiter {
  private readonly memory = new Map<string, Counter>();

  constructor(private readonly redis: RedisConnection, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private keys(address: string, username: string): { address: string; user: string } {
    const prefix = `${this.config.queue.prefix}:login-failures`;
    return { address: `${prefix}:addr:${address}`, user: `${prefix}:user:${username.toLowerCase().slice(0, 100)}` };
  }

  /** Throws TooManyLogins when either limit is reached; call before checking the password. */
  async assertAllowed(address: string, username: string): Promise<void> {
    const k = this.keys(address, username);
    const [addr, user] = await this.read([k.address, k.user]);
    const blocked =
      addr.count >= this.config.http.loginAddressRateLimit ? addr : user.count >= this.config.http.loginRateLimit ? user : null;
    if (blocked) throw new TooManyLogins(Math.max(1, (blocked.resetAt - Date.now()) / 1000));
  }

  async recordFailure(address: string, username: string): Promise<void> {
    const k = this.keys(address, username);
    const windowMs = this.config.http.loginRateWindowMs;
    const client = this.redis.client;
    if (client?.status === 'ready') {
      try {
        // The window starts at the first failure (NX) and is not extended by later ones.
        await client.multi().incr(k.address).pexpire(k.address, windowMs, 'NX').incr(k.user).pexpire(k.user, windowMs, 'NX').exec();
        return;
      } catch {
        // fall through to the in-process counters
      }
    }
    const now = Date.now();
    if (this.memory.size > MEMORY_KEYS_MAX) this.memory.clear();
    for (const key of [k.address, k.user]) {
      const c = this.memory.get(key);
      if (!c || c.resetAt <= now) this.memory.set(key, { count: 1, resetAt: now + windowMs });
      else c.count++;
    }
  }

  private async read(keys: string[]): Promise<Counter[]> {
    const client = this.redis.client;
    const now = Date.now();
    if (client?.status === 'ready') {
      try {
        const pipeline = client.multi();
        for (const key of keys) pipeline.get(key).pttl(key);
        const replies = (await pipeline.exec()) ?? [];
        return keys.map((_, i) => {
          const count = Number(replies[2 * i]?.[1] ?? 0) || 0;
          const ttl = Number(replies[2 * i + 1]?.[1] ?? -1);
          return { count, resetAt: now + (ttl > 0 ? ttl : this.config.http.loginRateWindowMs) };
        });
      } catch {
        // fall through
      }
    }
    return keys.map((key) => {
      const c = this.memory.get(key);
      return c && c.resetAt > now ? c : { count: 0, resetAt: now };
    });
  }
}
