import { describe, expect, it } from '@jest/globals';
import { Document, Packer, Paragraph } from 'docx';
import { deflateRawSync } from 'node:zlib';
import { decodePlanDocument, MAX_PLAN_FILE_BYTES } from './document-decoder.js';
import { parsePlanText } from './plan-parser.js';

const NOT_TEXT = { ok: false, error: { message: 'file: 文件既不是 UTF-8 文本也不是 .docx 文档' } };

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

describe('decodePlanDocument', () => {
  it('reads UTF-8 text', async () => {
    await expect(decodePlanDocument(Buffer.from('一、总体要求\n1. 甲。', 'utf8'), 'plan.txt')).resolves.toEqual({ ok: true, text: '一、总体要求\n1. 甲。' });
  });

  it('drops a byte-order mark', async () => {
    const buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('1. 甲。', 'utf8')]);
    await expect(decodePlanDocument(buf, 'plan.md')).resolves.toEqual({ ok: true, text: '1. 甲。' });
  });

  it('refuses bytes that are not UTF-8', async () => {
    await expect(decodePlanDocument(Buffer.from([0xff, 0xfe, 0x00, 0x41]), 'plan.txt')).resolves.toEqual(NOT_TEXT);
    await expect(decodePlanDocument(Buffer.from([0xd5, 0xfe, 0xb8, 0xae]), 'gbk.txt')).resolves.toEqual(NOT_TEXT);
  });

  it('refuses binary content even when it is valid UTF-8', async () => {
    await expect(decodePlanDocument(Buffer.from('1. 甲\u0000\u0001', 'utf8'), 'plan.txt')).resolves.toEqual(NOT_TEXT);
  });

  it('refuses files over 5 MB', async () => {
    expect(MAX_PLAN_FILE_BYTES).toBe(5 * 1024 * 1024);
    await expect(decodePlanDocument(Buffer.alloc(MAX_PLAN_FILE_BYTES + 1, 0x41), 'big.txt')).resolves.toEqual({
      ok: false,
      error: { message: 'file: 文件超过 5 MB 上限' },
    });
    await expect(decodePlanDocument(Buffer.alloc(MAX_PLAN_FILE_BYTES, 0x41), 'edge.txt')).resolves.toMatchObject({ ok: true });
  });

  it('reads a real .docx, one paragraph per line, whatever its name says', async () => {
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('一、总体要求'), new Paragraph('1. 规范行政权力运行。正文')] }] }),
    );
    for (const name of ['plan.docx', 'plan.txt', undefined]) {
      const decoded = await decodePlanDocument(docx, name);
      expect(decoded).toEqual({ ok: true, text: expect.stringContaining('一、总体要求\n1. 规范行政权力运行。正文') });
      if (!decoded.ok) continue;
      const parsed = parsePlanText(decoded.text);
      expect(parsed.ok && parsed.value.sections.flatMap((s) => s.items).map((i) => [i.number, i.title])).toEqual([[1, '规范行政权力运行']]);
    }
  });

  it('refuses a ZIP that is not a Word document, and a truncated "PK" header', async () => {
    await expect(decodePlanDocument(zipWith('readme.txt', 'hello'), 'plan.docx')).resolves.toEqual(NOT_TEXT);
    await expect(decodePlanDocument(Buffer.from('PK\u0003\u0004 not really a zip', 'latin1'), 'plan.docx')).resolves.toEqual(NOT_TEXT);
  });

  it('never throws on odd input', async () => {
    await expect(decodePlanDocument(Buffer.alloc(0), undefined)).resolves.toEqual({ ok: true, text: '' });
    await expect(decodePlanDocument(undefined as unknown as Buffer, undefined)).resolves.toEqual(NOT_TEXT);
  });
});
