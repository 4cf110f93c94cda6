import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/actor';
import { MetricsService } from './metrics.service';

/** Prometheus text at /metrics (outside /api). Public to the guard: the service checks the token itself. */
@ApiTags('metrics')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Prometheus 运行指标（METRICS_TOKEN 或管理员凭证）' })
  @ApiProduces('text/plain')
  @ApiResponse({ status: 200, description: 'Prometheus 文本格式', schema: { type: 'string' } })
  async scrape(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) reply: { header(k: string, v: string): unknown }): Promise<string> {
    await this.metrics.authorize(authorization);
    reply.header('content-type', this.metrics.contentType());
    return this.metrics.scrape();
  }
}
