// Builds 任务分工表 workbooks with exceljs, as the legal office would fill them in.
import ExcelJS from 'exceljs';

export type SheetRow = [number | string, string, string, string, string | Date, string];

export async function assignmentSheet(rows: SheetRow[], options: { title?: string; header?: string[] } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('任务分工表');
  if (options.title) ws.addRow([options.title]);
  ws.addRow(options.header ?? ['序号', '工作任务', '牵头单位', '配合单位', '完成时限', '成果形式']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
