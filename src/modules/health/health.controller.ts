import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/actor';
import { HealthService, HealthView } from './health.service';

/** Liveness and dependencies. Redis "down" is not an error: the API serves and reminders wait in the DB. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  check(): Promise<HealthView> {
    return this.health.check();
  }

  /** Liveness only: no database or Redis round trip (also the "bare route" of the benchmarks). */
  @Get('live')
  @Public()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
