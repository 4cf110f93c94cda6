import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/actor';
import { HealthService } from './health.service';

export class HealthView {
  @ApiProperty({ enum: ['ok', 'degraded', 'error', 'starting'], description: 'error: database down (503); readiness says degraded when Redis is down (still ready), starting while it preloads (503)' })
  status!: 'ok' | 'degraded' | 'error' | 'starting';
  @ApiProperty({ enum: ['up', 'down'] })
  db!: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] })
  redis!: 'up' | 'down';
}

export class ReadyView extends HealthView {
  @ApiProperty({ type: [String], nullable: true, description: 'migrations of this version not yet applied (null: database down)' })
  pendingMigrations!: string[] | null;
  @ApiProperty({ type: [String], description: 'what the process still loads after boot (plan ledgers); not ready until empty' })
  warming!: string[];
}

export class LiveView {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';
}

interface Reply {
  status(code: number): unknown;
}

/**
 * Liveness, readiness and dependencies. Redis "down" is not an error: the API serves and reminders
 * wait in the database. The database down (or, for readiness, migrations pending) answers 503.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '服务与依赖状态（数据库不可用时 503）' })
  @ApiResponse({ status: 200, type: HealthView, description: '数据库可用' })
  @ApiResponse({ status: 503, type: HealthView, description: '数据库不可用' })
  async overall(@Res({ passthrough: true }) reply: Reply): Promise<HealthView> {
    const r = await this.health.check(false);
    if (r.db === 'down') reply.status(503);
    // API.md: Redis down is not an error here, the status stays "ok".
    return { status: r.db === 'down' ? 'error' : 'ok', db: r.db, redis: r.redis };
  }

  /** Liveness only: no database or Redis round trip (also the "bare route" of the benchmarks). */
  @Get('live')
  @Public()
  @ApiOperation({ summary: '存活检查（进程在运行）' })
  @ApiResponse({ status: 200, type: LiveView })
  live(): LiveView {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOperation({ summary: '就绪检查（数据库不可用、有未执行的迁移或启动预加载未完成时 503；Redis 不可用仍就绪）' })
  @ApiResponse({ status: 200, type: ReadyView, description: '可接收流量' })
  @ApiResponse({ status: 503, type: ReadyView, description: '数据库不可用、迁移未执行或仍在预加载' })
  async ready(@Res({ passthrough: true }) reply: Reply): Promise<ReadyView> {
    const r = await this.health.check(true);
    const ready = r.db === 'up' && r.pendingMigrations !== null && r.pendingMigrations.length === 0 && !r.warming.length;
    if (!ready) reply.status(503);
    return {
      status: r.db !== 'up' || r.pendingMigrations?.length !== 0 ? 'error' : r.warming.length ? 'starting' : r.redis === 'down' ? 'degraded' : 'ok',
      db: r.db, redis: r.redis, pendingMigrations: r.pendingMigrations, warming: r.warming,
    };
  }
}
