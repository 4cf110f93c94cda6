import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RedisConnection } from '../../queue/redis-connection';

export interface HealthView {
  status: 'ok';
  db: 'up' | 'down';
  redis: 'up' | 'down';
}

/** Dependencies' state. Redis "down" is not an error: the API serves and reminders wait in the DB. */
@Injectable()
export class HealthService {
  constructor(private readonly dataSource: DataSource, private readonly redis: RedisConnection) {}

  async check(): Promise<HealthView> {
    const [db, redis] = await Promise.all([this.dbUp(), this.redis.ping()]);
    return { status: 'ok', db: db ? 'up' : 'down', redis: redis ? 'up' : 'down' };
  }

  private async dbUp(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
