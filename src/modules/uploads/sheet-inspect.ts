// Bounds an .xlsx before a spreadsheet library builds it in memory: every worksheet's declared
// dimension, its row count and its highest row and column are read from the raw sheet XML (no DOM),
// so a sheet with 300,000 rows or a single cell at A1048576 is refused in milliseconds.
import { readZipEntry, ZipEntry } from './zip-inspect';

export interface SheetLimits {
  /** Highest row number a sheet may use (header rows included). */
  maxRow: number;
  /** Highest column number a sheet may use. */
  maxColumn: number;
  /** Task rows allowed (stated in the message). */
  maxTaskRows: number;
}

const SHEET_ENTRY = /^xl\/worksheets\/[^/]+\.xml$/;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Null when every worksheet is within the limits, else the Chinese refusal (field `file`). */
export function inspectSheets(buf: Buffer, entries: ZipEntry[], limits: SheetLimits): string | null {
  const sheets = entries.filter((e) => SHEET_ENTRY.test(e.name));
  if (!sheets.length) return 'file: 不是有效的 .xlsx 文件（没有工作表）';
  const rowsMessage = (where: string) =>
    `file: 任务分工表最多 ${limits.maxTaskRows} 行任务（与 JSON 批量接口相同的上限），${where}，请拆分后分批导入`;
  for (const entry of sheets) {
    const name = entry.name.slice('xl/worksheets/'.length, -4);
    const data = readZipEntry(buf, entry);
    if (!data) return 'file: 不是有效的 .xlsx 文件（工作表无法解压）';
    const xml = data.toString('utf8');
    const dim = /<(?:\w+:)?dimension\b[^>]*\bref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"/.exec(xml);
    if (dim) {
      const lastRow = Number(dim[4] ?? dim[2] ?? 0);
      const lastCol = columnNumber(dim[3] ?? dim[1] ?? 'A');
      if (lastRow > limits.maxRow) return rowsMessage(`工作表 ${name} 的范围到第 ${lastRow} 行`);
      if (lastCol > limits.maxColumn) return `file: 工作表 ${name} 的列数超过上限（最多 ${limits.maxColumn} 列）`;
    }
    let rows = 0;
    const rowTag = /<(?:\w+:)?row\b([^>]*)>/g;
    for (let m = rowTag.exec(xml); m; m = rowTag.exec(xml)) {
      rows++;
      const r = /\br="(\d+)"/.exec(m[1]);
      const at = r ? Number(r[1]) : rows;
      if (rows > limits.maxRow || at > limits.maxRow) return rowsMessage(`工作表 ${name} 用到了第 ${Math.max(at, rows)} 行`);
    }
    const cellRef = /<(?:\w+:)?c\b[^>]*\br="([A-Z]{1,3})\d+"/g;
    for (let m = cellRef.exec(xml); m; m = cellRef.exec(xml)) {
      if (columnNumber(m[1]) > limits.maxColumn) return `file: 工作表 ${name} 的列数超过上限（最多 ${limits.maxColumn} 列）`;
    }
  }
  return null;
}
