// Reads a 任务分工表 (.xlsx) into assignment rows. Columns are found by their header text
// (序号, 工作任务, 牵头单位, 配合单位, 完成时限, 成果形式) in any order within the first rows.
import ExcelJS from 'exceljs';
import { InvalidInput } from '../../common/errors/domain-error';
import { formatDate } from '../../common/time/business-date';
import { AssignmentRow, splitDepartments } from './assignment-rows';

const HEADERS = {
  item: ['序号', '编号'],
  title: ['工作任务', '任务', '任务内容', '具体任务'],
  lead: ['牵头单位', '牵头部门', '责任单位'],
  cooperating: ['配合单位', '配合部门', '协办单位'],
  due: ['完成时限', '完成时间', '时限要求'],
  deliverable: ['成果形式', '成果'],
} as const;
type Column = keyof typeof HEADERS;
const REQUIRED: Column[] = ['item', 'lead', 'due'];

/** The text of a cell whatever exceljs hands back: rich text, formulas, hyperlinks, dates, numbers. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel dates carry no time zone; exceljs returns them as UTC midnight.
    return formatDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value).trim();
}

const norm = (s: string) => s.replace(/\s+/g, '');

export async function readAssignmentSheet(buffer: Buffer): Promise<AssignmentRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as never);
  } catch {
    throw new InvalidInput('file: 不是有效的 .xlsx 文件');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new InvalidInput('file: 工作簿中没有工作表');

  let headerRow = 0;
  const columns: Partial<Record<Column, number>> = {};
  for (let r = 1; r <= Math.min(sheet.rowCount, 10) && !headerRow; r++) {
    const found: Partial<Record<Column, number>> = {};
    sheet.getRow(r).eachCell((cell, col) => {
      const text = norm(cellText(cell.value));
      for (const key of Object.keys(HEADERS) as Column[]) {
        if (found[key] === undefined && (HEADERS[key] as readonly string[]).includes(text)) found[key] = col;
      }
    });
    if (REQUIRED.every((k) => found[k] !== undefined)) {
      headerRow = r;
      Object.assign(columns, found);
    }
  }
  if (!headerRow) throw new InvalidInput('file: 未找到表头（需要 序号、工作任务、牵头单位、配合单位、完成时限、成果形式 列）');

  const rows: AssignmentRow[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const get = (c: Column) => (columns[c] ? cellText(row.getCell(columns[c]!).value) : '');
    const values = (Object.keys(HEADERS) as Column[]).map(get);
    if (values.every((v) => v === '')) continue;
    const itemText = get('item');
    const m = /^\s*(\d+)(?:\s*[.．、\-－]\s*\d+)?\s*$/.exec(itemText);
    rows.push({
      row: r,
      itemNumber: m ? Number(m[1]) : undefined,
      itemText: m ? undefined : itemText,
      title: get('title') || undefined,
      leadDepartment: get('lead'),
      cooperatingDepartments: splitDepartments(get('cooperating')),
      dueDate: get('due'),
      deliverable: get('deliverable') || undefined,
    });
  }
  if (!rows.length) throw new InvalidInput(`file: 第${headerRow}行表头之后没有任务行`);
  return rows;
}
