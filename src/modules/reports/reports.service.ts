// Gathers what the year-end report is built from — the plan, its chapters, the annual roll-up, the
// frozen quarterly snapshots, and the departments' own words (approved completion summaries and the
// period narratives of the year) — and hands it to the pure builder.
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { formatQuarter } from '../../common/time/business-date';
import { quartersOfYear } from '../../common/time/reporting-period';
import { PlansRepository } from '../plans/plans.repository';
import type { RollupView, TaskLine } from '../rollups/rollup.types';
import { storedView } from '../rollups/snapshot-json';
import { RollupsService } from '../rollups/rollups.service';
import { NarrativeRow, ProgressRepository } from '../tasks/progress.repository';
import { ReviewRequestsRepository } from '../tasks/review-requests.repository';
import { buildReport, ChapterQuote, renderDocx, renderMarkdown, ReportInput, ReportModel } from './report-builder';
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
    private readonly progress: ProgressRepository,
    private readonly reviews: ReviewRequestsRepository,
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
      if (s) closed.push({ quarter: n, view: storedView((await this.rollups.snapshot(planId, s.quarter)).data) });
    }
    // The annual roll-up once a quarter has closed (before that the report has no numbers to stand on).
    let annual: ReportInput['annual'] = null;
    let quotes: ChapterQuote[] = [];
    if (closed.length) {
      const response = await this.rollups.annual(plan, null, true);
      const view = response as unknown as RollupView;
      annual = { view, final: response.status === 'closed' };
      quotes = await this.quotes(view, quartersOfYear(year));
    }
    return buildReport({
      plan: { year, title: plan.title, docNumber: plan.docNumber, issuer: plan.issuer },
      itemCount, chapters, closed, annual, quotes, lowOnTimeRate: this.config.rollups.lowOnTimeRatePercent / 100,
    });
  }

  /**
   * Per task, in document order: a task completed within the year is quoted from its approved
   * completion summary, with the 文号 and figures of its entries; an open one from its latest
   * effective narrative of the year (补报 marked).
   */
  private async quotes(view: RollupView, periods: string[]): Promise<ChapterQuote[]> {
    const lines: TaskLine[] = [...view.completedTasks, ...view.openTasks].sort((a, b) => a.itemNumber - b.itemNumber || a.seq - b.seq);
    const ids = lines.map((l) => l.id);
    const [narratives, completions] = await Promise.all([this.progress.officialNarratives(ids, periods), this.reviews.approvedCompletionsOf(ids)]);
    const byTask = new Map<string, NarrativeRow[]>();
    for (const n of narratives) byTask.set(n.taskId, [...(byTask.get(n.taskId) ?? []), n]);
    const summaryOf = new Map(completions.map((c) => [c.taskId, c.summary]));
    const out: ChapterQuote[] = [];
    for (const line of lines) {
      const entries = (byTask.get(line.id) ?? []).sort((a, b) => a.period.localeCompare(b.period) || a.createdAt.localeCompare(b.createdAt));
      const latest = entries.at(-1);
      const withFigures = [...entries].reverse().find((e) => e.figures.length);
      const base = { chapterId: line.chapterId, taskId: line.id, itemNumber: line.itemNumber, title: line.title, department: line.department };
      const summary = line.completedOn ? summaryOf.get(line.id) : undefined;
      if (summary?.trim()) {
        out.push({
          ...base, source: 'completion', text: summary, period: null, late: false,
          evidence: [...new Set(entries.flatMap((e) => e.evidence))], figures: (withFigures?.figures ?? []).map((f) => ({ indicator: f.indicator, value: f.value, unit: f.unit })),
        });
      } else if (latest) {
        out.push({
          ...base, source: 'narrative', text: latest.narrative, period: latest.period, late: latest.late,
          evidence: latest.evidence, figures: latest.figures.map((f) => ({ indicator: f.indicator, value: f.value, unit: f.unit })),
        });
      }
    }
    return out;
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
