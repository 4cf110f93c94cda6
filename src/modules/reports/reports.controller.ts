import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../common/auth/actor';
import { IdParam } from '../../common/http/id-param';
import { ReportQuery } from './dto/report-query.dto';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('plans/:id')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** The year-end report draft from the frozen quarterly roll-ups: Markdown (default) or Word. */
  @Get('report')
  @Roles('admin', 'leader')
  @ApiProduces('text/markdown', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  async report(@IdParam() id: string, @Query() query: ReportQuery, @Res() reply: FastifyReply) {
    const { filename, contentType, body } = await this.reports.render(id, query.format ?? 'md');
    const ascii = query.format === 'docx' ? 'report.docx' : 'report.md';
    await reply
      .header('content-type', contentType)
      .header('content-disposition', `${query.format === 'docx' ? 'attachment' : 'inline'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
      .send(body);
  }
}
