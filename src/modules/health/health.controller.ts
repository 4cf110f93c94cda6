import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../../common/auth/actor';
import { RedisConnection } from '../../queue/redis-connection';

export interface HealthView {
  status: 'ok';
  db: 'up' | 'down';
  redis: 'up' | 'down';
}

/** Liveness and dependencies. Redis "down" is not an error: the API serves and reminders wait in the DB. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource, private readonly redis: RedisConnection) {}

  @Get()
  @Public()
  async health(): Promise<HealthView> {
    const [db, redis] = await Promise.all([this.dbUp(), this.redis.ping()]);
    return { status: 'ok', db: db ? 'up' : 'down', redis: redis ? 'up' : 'down' };
  }

  /** Liveness only: no database or Redis round trip (also the "bare route" of the benchmarks). */
  @Get('live')
  @Public()
  live(): { status: 'ok' } {
    return { status: 'ok' };
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
