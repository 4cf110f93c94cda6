import { describe, expect, it } from '@jest/globals';
import { Document, Packer, Paragraph } from 'docx';
import { deflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { docxFromLines, docxWithTable, docxWithWordNumbering, plainLines, rawDocx, wp } from '../../../../test/fixtures/plan-docx.js';
import { encodeGbk } from '../../../../test/fixtures/gbk.js';
import { scannedPdf, textPdf } from '../../../../test/fixtures/text-pdf.js';
import { DECODE_MESSAGES, decodePlanDocument, MAX_PLAN_FILE_BYTES } from './document-decoder.js';
import { parsePlanDocument } from './plan-document.js';
import type { ParsedPlan } from './plan-parser.types.js';
import { allItems, parsed } from './parser.test-helpers.js';
import { parsePlanText } from './plan-parser.js';

const SHARED_DIR = process.env.SHARED_DIR ?? path.resolve(process.cwd(), '../shared');
const SEED = readFileSync(path.join(SHARED_DIR, 'seeds/004_90638f697cd6c391.txt'), 'utf8');
const refused = (message: string) => ({ ok: false, error: { message: `file: ${message}` } });

/** What "the seed read exactly" means: the same particulars, chapters and items as the .txt. */
function shape(plan: ParsedPlan): unknown {
  return {
    plan: plan.plan,
    sections: plan.sections.map((s) => [s.ordinal, s.title, s.level]),
    items: allItems(plan.sections).map((i) => [i.number, i.title, i.body, i.suggestions ?? null]),
    warnings: plan.warnings.map((w) => w.message),
  };
}

async function parsedFile(buf: Buffer, name: string): Promise<ParsedPlan> {
  const result = await parsePlanDocument(buf, name);
  if (!result.ok) throw new Error(`expected a parsed plan, got: ${result.error.message}`);
  return result.value;
}

/** A minimal valid ZIP holding one file: real archive, but no word/document.xml in it. */
function zipWith(name: string, content: string): Buffer {
  const data = Buffer.from(content, 'utf8');
  const packed = deflateRawSync(data);
  const fileName = Buffer.from(name, 'utf8');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(0, 14); // CRC left 0: readers that check it refuse the file, which is fine here
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const end = Buffer.alloc(22);
  const centralStart = local.length + fileName.length + packed.length;
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(centralStart, 16);
  return Buffer.concat([local, fileName, packed, central, fileName, end]);
}

describe('decodePlanDocument: text encodings', () => {
  it('reads UTF-8 text', async () => {
    await expect(decodePlanDocument(Buffer.from('一、总体要求\n1. 甲。', 'utf8'), 'plan.txt')).resolves.toEqual({ ok: true, text: '一、总体要求\n1. 甲。' });
  });

  it('drops a UTF-8 byte-order mark', async () => {
    const buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('1. 甲。', 'utf8')]);
    await expect(decodePlanDocument(buf, 'plan.md')).resolves.toEqual({ ok: true, text: '1. 甲。' });
  });

  it('reads GBK / GB18030 text, as Notepad on Chinese Windows saves it', async () => {
    // "一、依法行政" in GBK, then a GB18030-only four-byte character (U+20000 is outside GBK).
    const gbk = Buffer.from([0xd2, 0xbb, 0xa1, 0xa2, 0xd2, 0xc0, 0xb7, 0xa8, 0xd0, 0xd0, 0xd5, 0xfe]);
    await expect(decodePlanDocument(gbk, 'plan.txt')).resolves.toEqual({ ok: true, text: '一、依法行政' });
    const gb18030 = Buffer.concat([gbk, Buffer.from([0x95, 0x32, 0x82, 0x36])]);
    await expect(decodePlanDocument(gb18030, 'plan.txt')).resolves.toEqual({ ok: true, text: '一、依法行政\u{20000}' });
  });

  it('reads UTF-16 LE and BE with a byte-order mark', async () => {
    const text = '一、依法行政\r\n1. 甲项。';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    await expect(decodePlanDocument(le, 'plan.txt')).resolves.toEqual({ ok: true, text });
    await expect(decodePlanDocument(be, 'plan.txt')).resolves.toEqual({ ok: true, text });
  });

  it('refuses a binary file with NUL bytes with its own message, and bytes in no known encoding with another', async () => {
    await expect(decodePlanDocument(Buffer.from('1. 甲\u0000\u0001', 'utf8'), 'plan.txt')).resolves.toEqual(refused(DECODE_MESSAGES.binary));
    await expect(decodePlanDocument(Buffer.from([0x80, 0xff, 0xfe, 0x81, 0x30]), 'plan.txt')).resolves.toEqual(refused(DECODE_MESSAGES.unknownEncoding));
  });

  it('refuses files over 5 MB', async () => {
    expect(MAX_PLAN_FILE_BYTES).toBe(5 * 1024 * 1024);
    await expect(decodePlanDocument(Buffer.alloc(MAX_PLAN_FILE_BYTES + 1, 0x41), 'big.txt')).resolves.toEqual({
      ok: false,
      error: { message: 'file: 文件超过 5 MB 上限' },
    });
    await expect(decodePlanDocument(Buffer.alloc(MAX_PLAN_FILE_BYTES, 0x41), 'edge.txt')).resolves.toMatchObject({ ok: true });
  });

  it('never throws on odd input', async () => {
    await expect(decodePlanDocument(Buffer.alloc(0), undefined)).resolves.toEqual(refused(DECODE_MESSAGES.empty));
    await expect(decodePlanDocument(undefined as unknown as Buffer, undefined)).resolves.toMatchObject({ ok: false });
  });
});

describe('decodePlanDocument: formats it cannot read say what to do', () => {
  it('a legacy .doc / .wps (OLE compound file): save as .docx', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600, 0)]);
    for (const name of ['plan.doc', 'plan.wps', 'plan.txt']) {
      const result = await decodePlanDocument(ole, name);
      expect(result).toEqual(refused(DECODE_MESSAGES.legacyOffice));
      expect(JSON.stringify(result)).toContain('请在 Word 或 WPS 中另存为 .docx');
    }
  });

  it('a PDF without a text layer (a scan): 扫描件无文字层', async () => {
    await expect(decodePlanDocument(scannedPdf(), 'scan.pdf')).resolves.toEqual(refused(DECODE_MESSAGES.scannedPdf));
  });

  it('a broken PDF, an image, a ZIP that is not a Word document, a truncated "PK" header', async () => {
    await expect(decodePlanDocument(Buffer.from('%PDF-1.7\n garbage', 'latin1'), 'x.pdf')).resolves.toEqual(refused(DECODE_MESSAGES.brokenPdf));
    await expect(decodePlanDocument(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]), 'x.png')).resolves.toEqual(refused(DECODE_MESSAGES.image));
    await expect(decodePlanDocument(zipWith('readme.txt', 'hello'), 'plan.docx')).resolves.toEqual(refused(DECODE_MESSAGES.notDocx));
    await expect(decodePlanDocument(Buffer.from('PK\u0003\u0004 not really a zip', 'latin1'), 'plan.docx')).resolves.toEqual(refused(DECODE_MESSAGES.brokenDocx));
  });
});

describe('the seed read exactly from every format an office sends', () => {
  const base = parsed(SEED);
  const plain = plainLines(SEED);

  it('has the 30 items the .txt has (the reference)', () => {
    expect(allItems(base.sections)).toHaveLength(30);
  });

  it('.md (the seed is Markdown) and plain .txt typed without Markdown', async () => {
    expect(shape(await parsedFile(Buffer.from(SEED, 'utf8'), 'seed.md'))).toEqual(shape(base));
    const typed = await parsedFile(Buffer.from(plain.join('\n'), 'utf8'), 'seed.txt');
    expect(allItems(typed.sections).map((i) => [i.number, i.title, i.body])).toEqual(allItems(base.sections).map((i) => [i.number, i.title, i.body]));
  });

  it('GBK .txt', async () => {
    const gbk = encodeGbk(SEED);
    expect(gbk.equals(Buffer.from(SEED, 'utf8'))).toBe(false);
    expect(shape(await parsedFile(gbk, 'seed.txt'))).toEqual(shape(base));
  });

  it('.docx with typed numbers, whatever its name says', async () => {
    const docx = await docxFromLines(plain);
    for (const name of ['seed.docx', 'seed.txt', undefined]) {
      const plan = await parsedFile(docx, name as string);
      expect(allItems(plan.sections).map((i) => [i.number, i.title, i.body])).toEqual(allItems(base.sections).map((i) => [i.number, i.title, i.body]));
      expect(plan.plan).toEqual(base.plan);
    }
  });

  it('.docx with Word automatic numbering (chapters 一、 and items 1. from numbering.xml): all 30 items', async () => {
    const docx = await docxWithWordNumbering(plain, { chapters: true, restartPerChapter: false });
    const plan = await parsedFile(docx, 'seed.docx');
    expect(plan.sections.map((s) => [s.ordinal, s.title])).toEqual(base.sections.map((s) => [s.ordinal, s.title]));
    expect(allItems(plan.sections).map((i) => [i.number, i.title, i.body])).toEqual(allItems(base.sections).map((i) => [i.number, i.title, i.body]));
    expect(plan.plan).toEqual(base.plan);
    expect(plan.warnings).toEqual([]);
  });

  it('.docx saved by Word with the items in the "List Number" style (numbering carried by styles.xml): all 30 items', async () => {
    const numbering = '<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="4"><w:abstractNumId w:val="7"/></w:num>';
    const styles = '<w:style w:type="paragraph" w:styleId="ListNumber"><w:name w:val="List Number"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>';
    const body = plain.map((line) => {
      const item = /^([0-9]{1,2})[.．]\s*/.exec(line);
      return item ? wp(line.slice(item[0].length), { style: 'ListNumber' }) : wp(line);
    });
    const plan = await parsedFile(await rawDocx({ body: body.join(''), numbering, styles }), 'seed.docx');
    expect(allItems(plan.sections).map((i) => [i.number, i.title, i.body])).toEqual(allItems(base.sections).map((i) => [i.number, i.title, i.body]));
    expect(plan.plan).toEqual(base.plan);
  });

  it('a text PDF: page headers, footers and page numbers removed', async () => {
    const pdf = textPdf(plain.filter((l) => l.trim() !== ''), { header: '惠济区政务公开专栏', linesPerPage: 30 });
    const plan = await parsedFile(pdf, 'seed.pdf');
    expect(allItems(plan.sections).map((i) => [i.number, i.title])).toEqual(allItems(base.sections).map((i) => [i.number, i.title]));
    expect(allItems(plan.sections).map((i) => i.body)).toEqual(allItems(base.sections).map((i) => i.body));
    expect(plan.plan).toEqual(base.plan);
    const text = await decodePlanDocument(pdf, 'seed.pdf');
    expect(text.ok && text.text).not.toMatch(/— \d+ —|惠济区政务公开专栏/);
  });
});

describe('Word numbering from numbering.xml', () => {
  it('restarts item numbers per chapter when each chapter is its own list, and numbers （一） sub-sections', async () => {
    const lines = ['某区2024年法治政府建设工作要点', '一、依法行政', '1. 甲项。内容。', '2. 乙项。内容。', '二、政务公开', '（一）丙项。内容。', '（二）丁项。内容。', '三、监督', '1. 戊项。内容。'];
    const docx = await docxWithWordNumbering(lines, { chapters: true, restartPerChapter: true });
    const decoded = await decodePlanDocument(docx, 'plan.docx');
    expect(decoded.ok && decoded.text.split('\n').filter(Boolean)).toEqual(lines.map((l) => l.replace(/^(\d+\.) /, '$1')));
    const plan = await parsedFile(docx, 'plan.docx');
    expect(plan.sections.map((s) => [s.ordinal, s.items.map((i) => [i.label, i.title])])).toEqual([
      ['一', [['1.', '甲项'], ['2.', '乙项']]],
      ['二', [['（一）', '丙项'], ['（二）', '丁项']]],
      ['三', [['1.', '戊项']]],
    ]);
  });
});

describe('Word tables read from the document XML', () => {
  it('a 任务分工表 gives one item per row with unit and deadline suggestions; empty rows and the header are not items', async () => {
    const docx = await docxWithTable(
      ['某区2024年法治政府建设重点任务分工表'],
      [
        ['序号', '工作任务', '牵头单位', '配合单位', '完成时限'],
        [{ text: '一、依法全面履行政府职能', span: 5 }],
        ['1', '深化“放管服”改革。全面实行清单管理。', '区行政审批局', '区司法局、区委编办', '2024年6月底前'],
        ['', '', '', '', ''],
        ['2', '推进综合行政执法改革。', { text: '区司法局', mergeDown: true }, '各街道', '持续推进'],
        ['3', '规范行政执法行为。', null, '区市场监管局', '2024年12月底前'],
      ],
    );
    const plan = await parsedFile(docx, 'fengong.docx');
    expect(plan.plan.title).toBe('某区2024年法治政府建设重点任务分工表');
    expect(plan.sections.map((s) => [s.ordinal, s.title])).toEqual([['一', '依法全面履行政府职能']]);
    const items = allItems(plan.sections);
    expect(items.map((i) => [i.number, i.title])).toEqual([[1, '深化“放管服”改革'], [2, '推进综合行政执法改革'], [3, '规范行政执法行为']]);
    expect(items[0].body).toBe('深化“放管服”改革。全面实行清单管理。');
    expect(items.map((i) => [i.suggestions?.lead, i.suggestions?.cooperating, i.suggestions?.dueText])).toEqual([
      [['区行政审批局'], ['区司法局', '区委编办'], '2024年6月底前'],
      [['区司法局'], ['各街道'], '持续推进'],
      [['区司法局'], ['区市场监管局'], '2024年12月底前'],
    ]);
  });
});

describe('decodePlanDocument: UTF-16 saved without a byte-order mark', () => {
  it('is told by the zero byte in every other position of its ASCII characters', async () => {
    const text = '2024年工作要点\n1. Plan A: review 10 rules.\n2. Plan B: publish 20 notices.';
    await expect(decodePlanDocument(Buffer.from(text, 'utf16le'), 'plan.txt')).resolves.toEqual({ ok: true, text });
  });

  it('but a few NUL bytes in a short binary file are not UTF-16', async () => {
    await expect(decodePlanDocument(Buffer.from([0x31, 0x2e, 0x00, 0x41, 0x80, 0x81]), 'plan.txt')).resolves.toEqual(refused(DECODE_MESSAGES.binary));
  });
});

describe('Word tables with a two-row header (merged cells)', () => {
  it('责任单位 spanning 牵头单位 / 配合单位, the other header cells merged down', async () => {
    const docx = await docxWithTable(
      ['某区2024年重点任务分工'],
      [
        [{ text: '序号', mergeDown: true }, { text: '工作任务', mergeDown: true }, { text: '责任单位', span: 2 }, { text: '完成时限', mergeDown: true }],
        [null, null, '牵头单位', '配合单位', null],
        ['1', '健全重大行政决策程序。', '区司法局', '区政府办', '2024年9月底前'],
      ],
    );
    const items = allItems((await parsedFile(docx, 'fengong.docx')).sections);
    expect(items.map((i) => [i.title, i.suggestions?.lead, i.suggestions?.cooperating, i.suggestions?.dueText])).toEqual([
      ['健全重大行政决策程序', ['区司法局'], ['区政府办'], '2024年9月底前'],
    ]);
  });
});

describe('Word numbering: styles, formats, restarts and levels as Word counts them', () => {
  const abstract = (id: number, levels: [number, string, string][]): string =>
    `<w:abstractNum w:abstractNumId="${id}">${levels.map(([ilvl, fmt, text]) => `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/></w:lvl>`).join('')}</w:abstractNum>`;

  it('numbering carried by the "List Number" paragraph style, with levels, a restart override and chineseCounting', async () => {
    const numbering = [
      abstract(1, [[0, 'chineseCounting', '%1、'], [1, 'decimal', '%2.']]),
      abstract(2, [[0, 'chineseCountingThousand', '（%1）']]),
      '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>',
      '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>',
      '<w:num w:numId="3"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>',
    ].join('');
    const styles = [
      '<w:style w:type="paragraph" w:styleId="ListNumber"><w:name w:val="List Number"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>',
      '<w:style w:type="paragraph" w:styleId="ListNumber2"><w:name w:val="List Number 2"/><w:basedOn w:val="ListNumber"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>',
    ].join('');
    const body = [
      wp('某区2024年工作要点'),
      wp('依法行政', { style: 'ListNumber' }),
      wp('甲项。内容。', { style: 'ListNumber2' }),
      wp('乙项。内容。', { style: 'ListNumber2' }),
      wp('政务公开', { style: 'ListNumber' }),
      wp('丙项。内容。', { style: 'ListNumber2' }),
      wp('专项一。', { numId: 2 }),
      wp('专项二。', { numId: 2 }),
      wp('重新编号。', { numId: 3 }),
    ].join('');
    const decoded = await decodePlanDocument(await rawDocx({ body, numbering, styles }), 'plan.docx');
    expect(decoded.ok && decoded.text.split('\n')).toEqual(['某区2024年工作要点', '一、依法行政', '1.甲项。内容。', '2.乙项。内容。', '二、政务公开', '1.丙项。内容。', '（一）专项一。', '（二）专项二。', '（一）重新编号。']);
  });

  it.each([
    ['decimalEnclosedCircle', '%1', ['①', '②']],
    ['ideographTraditional', '%1、', ['甲、', '乙、']],
    ['decimalFullWidth', '%1．', ['１．', '２．']],
    ['chineseLegalSimplified', '%1、', ['壹、', '贰、']],
    ['bullet', '•', ['', '']],
  ])('%s "%s"', async (fmt, text, labels) => {
    const numbering = abstract(1, [[0, fmt, text]]) + '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>';
    const decoded = await decodePlanDocument(await rawDocx({ body: wp('甲项', { numId: 1 }) + wp('乙项', { numId: 1 }), numbering }), 'x.docx');
    expect(decoded.ok && decoded.text.split('\n')).toEqual([`${labels[0]}甲项`, `${labels[1]}乙项`]);
  });

  it('reads a text box once (not its VML fallback copy) and keeps the paragraph that anchors it', async () => {
    const box = (t: string) => `<w:txbxContent>${wp(t)}</w:txbxContent>`;
    const body = `<w:p><w:r><w:t>锚定段落</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">${box('某区人民政府文件')}</mc:Choice><mc:Fallback>${box('某区人民政府文件')}</mc:Fallback></mc:AlternateContent></w:r></w:p>`;
    const decoded = await decodePlanDocument(await rawDocx({ body }), 'x.docx');
    expect(decoded.ok && decoded.text.split('\n')).toEqual(['某区人民政府文件', '锚定段落']);
  });

  it('skips deleted revisions and reads entities', async () => {
    const body = '<w:p><w:r><w:t>规范&amp;完善</w:t></w:r><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:ins><w:r><w:t>执法</w:t></w:r></w:ins></w:p>';
    const decoded = await decodePlanDocument(await rawDocx({ body }), 'x.docx');
    expect(decoded.ok && decoded.text).toBe('规范&完善执法');
  });
});
