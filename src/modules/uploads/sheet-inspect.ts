// Bounds an .xlsx before a spreadsheet library builds it in memory: every worksheet's declared
// dimension, its row count and its highest row and column are read from the raw sheet XML (no DOM),
// inflating only as much as needed, so a sheet with 300,000 rows or a single cell at A1048576 is
// refused after reading only its first rows.
import { constants, inflateRawSync } from 'node:zlib';
import { zipEntryData, ZipEntry } from './zip-inspect';

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

/** Scans XML text piece by piece; returns a refusal as soon as one limit is broken. */
class SheetScanner {
  private rows = 0;
  private tail = '';

  constructor(private readonly name: string, private readonly limits: SheetLimits) {}

  private rowsMessage(where: string): string {
    return `file: 任务分工表最多 ${this.limits.maxTaskRows} 行任务（与 JSON 批量接口相同的上限），${where}，请拆分后分批导入`;
  }

  /** Feeds the next piece of text; only complete tags (up to the last '>') are read now. */
  feed(text: string, final = false): string | null {
    const all = this.tail + text;
    const cut = final ? all.length : all.lastIndexOf('>') + 1;
    const complete = all.slice(0, cut);
    this.tail = all.slice(cut);
    if (this.tail.length > 1024 * 1024) return 'file: 不是有效的 .xlsx 文件（工作表 XML 无法读取）';
    const dim = /<(?:\w+:)?dimension\b[^>]*\bref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"/.exec(complete);
    if (dim) {
      const lastRow = Number(dim[4] ?? dim[2] ?? 0);
      const lastCol = columnNumber(dim[3] ?? dim[1] ?? 'A');
      if (lastRow > this.limits.maxRow) return this.rowsMessage(`工作表 ${this.name} 的范围到第 ${lastRow} 行`);
      if (lastCol > this.limits.maxColumn) return `file: 工作表 ${this.name} 的列数超过上限（最多 ${this.limits.maxColumn} 列）`;
    }
    const rowTag = /<(?:\w+:)?row\b([^>]*)>/g;
    for (let m = rowTag.exec(complete); m; m = rowTag.exec(complete)) {
      this.rows++;
      const r = /\br="(\d+)"/.exec(m[1]);
      const at = r ? Number(r[1]) : this.rows;
      if (this.rows > this.limits.maxRow || at > this.limits.maxRow) {
        return this.rowsMessage(`工作表 ${this.name} 用到了第 ${Math.max(at, this.rows)} 行`);
      }
    }
    const cellRef = /<(?:\w+:)?c\b[^>]*\br="([A-Z]{1,3})\d+"/g;
    for (let m = cellRef.exec(complete); m; m = cellRef.exec(complete)) {
      if (columnNumber(m[1]) > this.limits.maxColumn) return `file: 工作表 ${this.name} 的列数超过上限（最多 ${this.limits.maxColumn} 列）`;
    }
    return null;
  }
}

/**
 * Inflates a growing prefix of the entry (64 KB of compressed input, then four times more each
 * round; a truncated stream inflates with Z_SYNC_FLUSH) and scans it, so a huge sheet is refused
 * after its first rows and an honest one is read at most a few times over.
 */
function scanEntry(buf: Buffer, entry: ZipEntry, limits: SheetLimits): string | null {
  const name = entry.name.slice('xl/worksheets/'.length, -4);
  const data = zipEntryData(buf, entry);
  if (!data) return 'file: 不是有效的 .xlsx 文件（工作表无法解压）';
  for (let take = 64 * 1024; ; take *= 4) {
    const complete = take >= data.length;
    let xml: Buffer;
    try {
      xml = entry.method === 0
        ? data.subarray(0, take)
        : inflateRawSync(data.subarray(0, take), {
          finishFlush: complete ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
          // An entry may not inflate past the size its directory entry declared (counted in the total).
          maxOutputLength: entry.uncompressedSize + 1,
        });
    } catch (err) {
      return (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
        ? 'file: 工作表解压后的大小与声明不符，已拒绝'
        : 'file: 不是有效的 .xlsx 文件（工作表无法解压）';
    }
    if (xml.length > entry.uncompressedSize) return 'file: 工作表解压后的大小与声明不符，已拒绝';
    const refusal = new SheetScanner(name, limits).feed(xml.toString('utf8'), complete);
    if (refusal || complete) return refusal;
  }
}

/** Null when every worksheet is within the limits, else the Chinese refusal (field `file`). */
export async function inspectSheets(buf: Buffer, entries: ZipEntry[], limits: SheetLimits): Promise<string | null> {
  const sheets = entries.filter((e) => SHEET_ENTRY.test(e.name));
  if (!sheets.length) return 'file: 不是有效的 .xlsx 文件（没有工作表）';
  for (const entry of sheets) {
    const refusal = scanEntry(buf, entry, limits);
    if (refusal) return refusal;
  }
  return null;
}
