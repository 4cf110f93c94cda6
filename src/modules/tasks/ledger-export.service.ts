// The 推进台账 as an .xlsx that opens in Excel, WPS and LibreOffice and prints the way offices print
// a 台账: A4 landscape, one page wide, the title and header rows repeated on every page, borders on
// every cell. One row per task in plan order, with both due dates and the extension history, 成果形式,
// the period's progress and figures (effective entries only), 按期 (tasks/on-time.ts) and 督办.
import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { Actor } from '../../common/auth/actor';
import { InvalidInput, NotFound } from '../../common/errors/domain-error';
import { businessDateOf, formatQuarter, Quarter } from '../../common/time/business-date';
import { Clock } from '../../common/time/clock';
import { PlansRepository } from '../plans/plans.repository';
import { judgeOnTime, onTimeLabel } from './on-time';
import { ProgressRepository } from './progress.repository';
import { ReportingPeriods } from './reporting-periods';
import { ReviewRequestsRepository } from './review-requests.repository';
import { SupervisionNoticesRepository } from './supervision-notices.repository';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

export const LEDGER_COLUMNS = [
  '序号', '工作要点', '任务', '牵头单位', '配合单位', '成果形式', '原定完成时限', '现行完成时限', '延期记录',
  '本期进展', '本期数据', '完成比例', '状态', '是否按期', '督办', '灯',
] as const;
const WIDTHS = [5, 20, 26, 12, 14, 16, 11, 11, 24, 32, 20, 7, 9, 11, 18, 4];
const STATUS_ZH: Record<string, string> = { in_progress: '推进中', completion_requested: '办结审核中', completed: '已办结', cancelled: '已撤销' };
const REVIEW_ZH: Record<string, string> = { pending: '待审核', approved: '已批准', returned: '已退回' };
const LIGHT_ZH: Record<string, string> = { green: '绿', yellow: '黄', red: '红' };
const LIGHT_FILL: Record<string, string> = { green: 'FFC6EFCE', yellow: 'FFFFEB9C', red: 'FFFFC7CE' };
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

const quarterZh = (q: Quarter) => `${q.year}年第${'一二三四'[q.quarter - 1]}季度`;

@Injectable()
export class LedgerExportService {
  constructor(
    private readonly plans: PlansRepository,
    private readonly repo: TasksRepository,
    private readonly tasks: TasksService,
    private readonly progress: ProgressRepository,
    private readonly reviews: ReviewRequestsRepository,
    private readonly notices: SupervisionNoticesRepository,
    private readonly periods: ReportingPeriods,
    private readonly clock: Clock,
  ) {}

  /** `periodText`: the period whose progress and figures to show (default: the current reporting period). */
  async build(planId: string, actor: Actor, periodText?: string): Promise<{ filename: string; buffer: Buffer }> {
    const plan = await this.plans.findById(planId);
    if (!plan) throw new NotFound('plan', planId);
    const today = businessDateOf(this.clock.now());
    let period = this.periods.current(plan, today);
    if (periodText !== undefined) {
      const p = this.periods.parse(plan, periodText, 'period', false);
      if (p.kind !== 'quarter') throw new InvalidInput('period: 台账按季度显示，请填写如 2026Q1');
      period = { year: p.year, quarter: p.quarter };
    }
    const [rows, items, notices] = await Promise.all([
      this.repo.ledgerRows(planId, actor), this.plans.itemsOf(planId), this.notices.noticesOfPlan(planId, actor),
    ]);
    const views = await this.tasks.viewsOf(rows);
    const taskIds = views.map((v) => v.id);
    const [extensions, entries] = await Promise.all([
      this.reviews.extensionsOfTasks(taskIds), this.progress.officialNarratives(taskIds, [formatQuarter(period)]),
    ]);
    const itemById = new Map(items.map((i) => [i.id, i]));
    const position = new Map(items.map((i) => [i.id, i.position]));
    views.sort((a, b) => (position.get(a.itemId) ?? 0) - (position.get(b.itemId) ?? 0) || a.seq - b.seq);
    const group = <T extends { taskId: string }>(xs: T[]) => {
      const m = new Map<string, T[]>();
      for (const x of xs) m.set(x.taskId, [...(m.get(x.taskId) ?? []), x]);
      return m;
    };
    const [extensionsOf, entriesOf, noticesOf] = [group(extensions), group(entries), group(notices)];

    const wb = new ExcelJS.Workbook();
    wb.creator = '督办台账';
    const ws = wb.addWorksheet('推进台账', {
      views: [{ state: 'frozen', ySplit: 2 }],
      pageSetup: {
        paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true,
        margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
        printTitlesRow: '1:2',
      },
      headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
    });
    ws.mergeCells(1, 1, 1, LEDGER_COLUMNS.length);
    const title = ws.getCell(1, 1);
    title.value = `${plan.title} 推进台账（${quarterZh(period)}，截至${today}）`;
    title.font = { bold: true, size: 14 };
    title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    ws.getRow(1).height = 30;
    const header = ws.getRow(2);
    LEDGER_COLUMNS.forEach((h, i) => {
      const cell = header.getCell(i + 1);
      cell.value = h;
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
      cell.border = BORDER;
    });
    WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));

    views.forEach((v, i) => {
      const item = itemById.get(v.itemId);
      // A cancelled task stays in the ledger's history, marked 已撤销 with its reason, with no light.
      const cancelled = v.status === 'cancelled';
      const judged = judgeOnTime(v, today);
      const history = (extensionsOf.get(v.id) ?? []).map((e) =>
        `${e.createdAt.slice(0, 10)} 申请由${e.previousDueDate}延至${e.requestedDueDate}（${REVIEW_ZH[e.status] ?? e.status}${e.reviewReason ? `：${e.reviewReason}` : ''}）`);
      const mine = entriesOf.get(v.id) ?? [];
      const narrative = mine.map((e) => `${e.reportedOn}${e.late ? '（补报）' : ''}：${e.narrative}`).join('\n');
      const figures = mine.flatMap((e) => e.figures.map((f) => `${f.indicator}${f.value}${typeof f.value === 'number' ? f.unit : ''}`)).join('；');
      const supervision = (noticesOf.get(v.id) ?? []).map((n) =>
        `${n.number}（${n.issuedOn}下达，${n.respondedOn ? `${n.respondedOn}已回复` : `限${n.respondBy}前回复，未回复`}）`).join('\n');
      const row = ws.addRow([
        i + 1,
        item ? `${item.number}. ${item.title}` : '',
        v.title,
        v.leadDepartment.name,
        v.cooperatingDepartments.map((d) => d.name).join('、'),
        v.deliverable ?? '',
        v.originalDueDate,
        v.dueDate,
        history.join('\n') || '无',
        narrative || `${quarterZh(period)}未报送`,
        figures,
        v.percent / 100,
        cancelled ? `已撤销（${v.cancelReason ?? ''}）` : judged.overdue ? '已逾期' : STATUS_ZH[v.status] ?? v.status,
        cancelled ? '' : onTimeLabel(judged),
        supervision || '无',
        cancelled ? '' : LIGHT_ZH[v.light],
      ]);
      row.alignment = { vertical: 'top', wrapText: true };
      row.eachCell({ includeEmpty: true }, (cell) => (cell.border = BORDER));
      row.getCell(12).numFmt = '0%';
      for (const c of [1, 7, 8, 12, 16]) row.getCell(c).alignment = { vertical: 'top', horizontal: 'center', wrapText: false };
      if (!cancelled) row.getCell(16).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILL[v.light] } };
    });
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    return { filename: `${plan.year}-推进台账.xlsx`, buffer };
  }
}
