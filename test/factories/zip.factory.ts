// Writes ZIP files (and so .xlsx / .docx) by hand, for hostile-file tests: entries can be huge when
// inflated yet built from small chunks, so the test itself never holds the inflated bytes.
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

export interface ZipSource {
  name: string;
  /** The entry's content, or a generator of chunks (streamed through deflate). */
  data: Buffer | string | (() => Iterable<Buffer>);
}

interface Packed {
  name: Buffer;
  compressed: Buffer;
  crc: number;
  size: number;
}

async function pack(source: ZipSource): Promise<Packed> {
  const name = Buffer.from(source.name, 'utf8');
  if (typeof source.data !== 'function') {
    const raw = Buffer.isBuffer(source.data) ? source.data : Buffer.from(source.data, 'utf8');
    return { name, compressed: deflateRawSync(raw, { level: 9 }), crc: crc32(raw), size: raw.length };
  }
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  let crc = 0;
  let size = 0;
  for (const chunk of source.data()) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return { name, compressed: Buffer.concat(out), crc, size };
}

/** A ZIP with deflated entries; `repeat` stores one packed entry again under other names. */
export async function writeZip(sources: ZipSource[], repeat: { of: string; as: string[] }[] = []): Promise<Buffer> {
  const packed = await Promise.all(sources.map(pack));
  for (const r of repeat) {
    const base = packed.find((p) => p.name.toString() === r.of)!;
    for (const as of r.as) packed.push({ ...base, name: Buffer.from(as, 'utf8') });
  }
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of packed) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.compressed.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(p.name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(p.crc >>> 0, 16);
    central.writeUInt32LE(p.compressed.length, 20);
    central.writeUInt32LE(p.size, 24);
    central.writeUInt16LE(p.name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, p.name, p.compressed);
    centrals.push(central, p.name);
    offset += 30 + p.name.length + p.compressed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(packed.length, 8);
  end.writeUInt16LE(packed.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const XLSX_PARTS = (sheet: ZipSource['data']): ZipSource[] => [
  {
    name: '[Content_Types].xml',
    data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
      + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      + '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  },
  {
    name: '_rels/.rels',
    data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  },
  {
    name: 'xl/workbook.xml',
    data: '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      + 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="任务分工表" sheetId="1" r:id="rId1"/></sheets></workbook>',
  },
  {
    name: 'xl/_rels/workbook.xml.rels',
    data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  },
  { name: 'xl/worksheets/sheet1.xml', data: sheet },
];

const HEADER_ROW = '<row r="1">' + ['序号', '工作任务', '牵头单位', '配合单位', '完成时限', '成果形式']
  .map((h, i) => `<c r="${'ABCDEF'[i]}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('') + '</row>';
const SHEET_OPEN = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

const SHARED_STRINGS: ZipSource = {
  name: 'xl/sharedStrings.xml',
  data: '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">'
    + '<si><t>区司法局</t></si><si><t>2026-12-31</t></si></sst>',
};

/** A 任务分工表 with `rows` task rows (no <dimension>: only counting the rows can find its size). */
export function manyRowSheet(rows: number): Promise<Buffer> {
  return writeZip([SHARED_STRINGS, ...XLSX_PARTS(function* () {
    yield Buffer.from(`${SHEET_OPEN}<sheetData>${HEADER_ROW}`);
    const batch: string[] = [];
    for (let r = 2; r <= rows + 1; r++) {
      // 序号, 牵头单位 and 完成时限 (the lead and the deadline as shared strings 0 and 1).
      batch.push(`<row r="${r}"><c r="A${r}"><v>${r - 1}</v></c><c r="C${r}" t="s"><v>0</v></c><c r="E${r}" t="s"><v>1</v></c></row>`);
      if (batch.length === 5000) yield Buffer.from(batch.splice(0).join(''));
    }
    yield Buffer.from(`${batch.join('')}</sheetData></worksheet>`);
  })]);
}

/** A header and a single cell at A1048576 (Excel's last row), with the dimension Excel would write. */
export function lastRowSheet(): Promise<Buffer> {
  return writeZip(XLSX_PARTS(
    `${SHEET_OPEN}<dimension ref="A1:F1048576"/><sheetData>${HEADER_ROW}`
      + '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>1</t></is></c></row></sheetData></worksheet>',
  ));
}

/** A .docx whose parts inflate to `totalMb` MB of zeros from a file of about a thousandth of that. */
export function docxZipBomb(totalMb: number, parts = 10): Promise<Buffer> {
  const perPartMb = Math.ceil(totalMb / parts);
  const zeros = Buffer.alloc(1024 * 1024);
  return writeZip(
    [
      { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
      { name: 'word/document.xml', data: function* () { for (let i = 0; i < perPartMb; i++) yield zeros; } },
    ],
    [{ of: 'word/document.xml', as: Array.from({ length: parts - 1 }, (_, i) => `word/media/part${i}.xml`) }],
  );
}
