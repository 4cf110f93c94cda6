// Gathers what the year-end report is built from — the plan, its chapters and the frozen quarterly
// snapshots — and hands it to the pure builder. Live data is deliberately not read: the report must
// agree with the closed quarters.
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { formatQuarter } from '../../common/time/business-date';
import { PlansRepository } from '../plans/plans.repository';
import { RollupsService } from '../rollups/rollups.service';
import { buildReport, renderDocx, renderMarkdown, ReportInput, ReportModel } from './report-builder';
import type { ReportFormat } from './dto/report-query.dto';

export interface RenderedReport {
  filename: string;
  contentType: string;
  body: string | Buffer;
}

@Injectable()
export class ReportsService {
  constructor(
    private readonly rollups: RollupsService,
    private readonly plans: PlansRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async model(planId: string): Promise<ReportModel> {
    const plan = await this.rollups.plan(planId);
    const year = Number(plan.year);
    const [chapters, itemCount, snapshots] = await Promise.all([
      this.plans.chapters(planId), this.plans.itemCount(planId), this.rollups.snapshots(planId),
    ]);
    const closed: ReportInput['closed'] = [];
    for (const n of [1, 2, 3, 4] as const) {
      const s = snapshots.get(formatQuarter({ year, quarter: n }));
      if (s) closed.push({ quarter: n, view: s.data.view });
    }
    return buildReport({
      plan: { year, title: plan.title, docNumber: plan.docNumber, issuer: plan.issuer },
      itemCount, chapters, closed, lowOnTimeRate: this.config.rollups.lowOnTimeRatePercent / 100,
    });
  }

  async render(planId: string, format: ReportFormat): Promise<RenderedReport> {
    const model = await this.model(planId);
    if (format === 'docx') {
      return {
        filename: `${model.title}（草稿）.docx`,
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        body: await renderDocx(model),
      };
    }
    return { filename: `${model.title}（草稿）.md`, contentType: 'text/markdown; charset=utf-8', body: renderMarkdown(model) };
  }
}
