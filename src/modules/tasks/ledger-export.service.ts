// The 推进台账 as an .xlsx that opens in Excel and WPS: one row per task in plan order.
import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { Actor } from '../../common/auth/actor';
import { NotFound } from '../../common/errors/domain-error';
import { PlansRepository } from '../plans/plans.repository';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

export const LEDGER_COLUMNS = ['序号', '工作要点', '任务', '牵头单位', '配合单位', '完成时限', '最新进展', '完成比例', '状态', '灯'] as const;
const STATUS_ZH: Record<string, string> = { in_progress: '推进中', completion_requested: '办结审核中', completed: '已办结' };
const LIGHT_ZH: Record<string, string> = { green: '绿', yellow: '黄', red: '红' };
const LIGHT_FILL: Record<string, string> = { green: 'FFC6EFCE', yellow: 'FFFFEB9C', red: 'FFFFC7CE' };

@Injectable()
export class LedgerExportService {
  constructor(
    private readonly plans: PlansRepository,
    private readonly repo: TasksRepository,
    private readonly tasks: TasksService,
  ) {}

  async build(planId: string, actor: Actor): Promise<{ filename: string; buffer: Buffer }> {
    const plan = await this.plans.findById(planId);
    if (!plan) throw new NotFound('plan', planId);
    const [rows, items] = await Promise.all([this.repo.ledgerRows(planId, actor), this.plans.itemsOf(planId)]);
    const views = await this.tasks.viewsOf(rows);
    const itemById = new Map(items.map((i) => [i.id, i]));
    const position = new Map(items.map((i) => [i.id, i.position]));
    views.sort((a, b) => (position.get(a.itemId) ?? 0) - (position.get(b.itemId) ?? 0) || a.seq - b.seq);

    const wb = new ExcelJS.Workbook();
    wb.creator = '督办台账';
    const ws = wb.addWorksheet('推进台账', { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.mergeCells(1, 1, 1, LEDGER_COLUMNS.length);
    ws.getCell(1, 1).value = `${plan.title} 推进台账`;
    ws.getCell(1, 1).font = { bold: true, size: 14 };
    ws.getCell(1, 1).alignment = { horizontal: 'center' };
    const header = ws.getRow(2);
    LEDGER_COLUMNS.forEach((h, i) => {
      const cell = header.getCell(i + 1);
      cell.value = h;
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
    });
    [6, 30, 36, 16, 24, 12, 40, 10, 12, 6].forEach((w, i) => (ws.getColumn(i + 1).width = w));
    views.forEach((v, i) => {
      const item = itemById.get(v.itemId);
      const overdue = v.status !== 'completed' && v.light === 'red';
      const row = ws.addRow([
        i + 1,
        item ? `${item.number}. ${item.title}` : '',
        v.title,
        v.leadDepartment.name,
        v.cooperatingDepartments.map((d) => d.name).join('、'),
        v.dueDate,
        v.latestNarrative ?? '',
        v.percent / 100,
        overdue ? '已逾期' : STATUS_ZH[v.status] ?? v.status,
        LIGHT_ZH[v.light],
      ]);
      row.getCell(8).numFmt = '0%';
      row.getCell(10).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILL[v.light] } };
      row.alignment = { vertical: 'top', wrapText: true };
    });
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    return { filename: `${plan.year}-推进台账.xlsx`, buffer };
  }
}
