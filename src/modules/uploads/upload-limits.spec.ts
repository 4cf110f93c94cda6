import { describe, expect, it } from '@jest/globals';
import { docxZipBomb, lastRowSheet, manyRowSheet, writeZip } from '../../../test/factories/zip.factory';
import { inspectSheets } from './sheet-inspect';
import { inspectZip, OFFICE_ZIP_LIMITS } from './zip-inspect';

const LIMITS = { maxTaskRows: 2000, maxRow: 2010, maxColumn: 100 };

describe('zip limits read from the central directory', () => {
  it('refuses a .docx that would inflate to 2 GB without inflating anything', async () => {
    const bomb = await docxZipBomb(2048);
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024);
    const started = Date.now();
    const check = inspectZip(bomb);
    expect(Date.now() - started).toBeLessThan(100);
    expect(check).toEqual({ ok: false, message: expect.stringContaining('解压后超过 64 MB') });
  });

  it('refuses more entries than an office file has', async () => {
    const many = await writeZip(Array.from({ length: OFFICE_ZIP_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `f${i}.xml`, data: 'x' })));
    expect(inspectZip(many)).toEqual({ ok: false, message: expect.stringContaining(`上限 ${OFFICE_ZIP_LIMITS.maxEntries} 个`) });
  });

  it('answers a damaged archive with a readable refusal', () => {
    expect(inspectZip(Buffer.from('PK\u0003\u0004 not really a zip'))).toEqual({ ok: false, message: 'file: 压缩包结构损坏，无法读取' });
  });
});

describe('sheet limits read from the raw sheet XML', () => {
  const check = async (buf: Buffer) => {
    const zip = inspectZip(buf);
    if (!zip.ok) throw new Error(zip.message);
    return inspectSheets(buf, zip.entries, LIMITS);
  };

  it('accepts 2,000 task rows and refuses 2,100, stating the 2,000-row cap', async () => {
    expect(await check(await manyRowSheet(2000))).toBeNull();
    const refused = await check(await manyRowSheet(2100));
    expect(refused).toContain('最多 2000 行任务');
    expect(refused).toContain('第 2011 行');
  });

  it('refuses 300,000 rows after reading only the first rows', async () => {
    const sheet = await manyRowSheet(300_000);
    const started = Date.now();
    expect(await check(sheet)).toContain('第 2011 行');
    expect(Date.now() - started).toBeLessThan(300);
  });

  it('refuses a sheet that inflates past the size its directory entry declares', async () => {
    const honest = await manyRowSheet(3000);
    const zip = inspectZip(honest);
    if (!zip.ok) throw new Error(zip.message);
    const lying = zip.entries.map((e) => (e.name.endsWith('sheet1.xml') ? { ...e, uncompressedSize: 1000 } : e));
    expect(await inspectSheets(honest, lying, { ...LIMITS, maxRow: 1_000_000 })).toContain('与声明不符');
  });

  it('refuses a single cell at A1048576 from the declared dimension', async () => {
    expect(await check(await lastRowSheet())).toContain('第 1048576 行');
  });

  it('refuses a cell far to the right (column XFD)', async () => {
    const wide = await writeZip([{ name: 'xl/worksheets/sheet1.xml', data: '<worksheet><sheetData><row r="1"><c r="XFD1"><v>1</v></c></row></sheetData></worksheet>' }]);
    expect(await check(wide)).toContain('列数超过上限');
  });
});
