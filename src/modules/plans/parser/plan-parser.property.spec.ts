import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { docxFromLines, plainLines } from '../../../../test/fixtures/plan-docx.js';
import { encodeGbk } from '../../../../test/fixtures/gbk.js';
import { textPdf } from '../../../../test/fixtures/text-pdf.js';
import { parsePlanDocument } from './plan-document.js';
import { seedPlanText } from '../../../../test/helpers/shared-docs.js';
import { parsePlanText } from './plan-parser.js';
import type { ParsedItem, ParsedSection, PlanParseResult } from './plan-parser.types.js';
import { allItems } from './parser.test-helpers.js';

const SEED = seedPlanText();
const SEED_LINES = SEED.split('\n');

/**
 * What every answer must satisfy: a plan with at least one item whose lines exist, warnings that
 * name their line, or a refusal with a message — and never the internal-error fallback, which
 * would mean a bug was caught rather than a document judged.
 */
function expectWellFormed(text: string, result: PlanParseResult): void {
  if (!result.ok) {
    expect(result.error.message.length).toBeGreaterThan(0);
    expect(result.error.message).toMatch(/^(text|line \d+): /);
    expect(result.error.message).not.toContain('内部错误');
    return;
  }
  const lineCount = text.split(/\r\n|\r|\n|\u2028|\u2029/).length;
  const items = allItems(result.value.sections);
  if (result.value.notAPlan) {
    // Flagged as probably not a plan: no items invented, the reason given as a warning.
    expect(items).toEqual([]);
    expect(result.value.warnings.length).toBeGreaterThanOrEqual(1);
  } else {
    expect(items.length).toBeGreaterThanOrEqual(1);
  }
  for (const item of items) {
    expect(Number.isInteger(item.number) && item.number >= 1).toBe(true);
    expect(item.line >= 1 && item.line <= lineCount).toBe(true);
    expect(item.title).not.toContain('**');
  }
  for (const warning of result.value.warnings) expect(warning.message.startsWith(`line ${warning.line}: `)).toBe(true);
}

function check(text: string): void {
  let result: PlanParseResult | undefined;
  expect(() => {
    result = parsePlanText(text);
  }).not.toThrow();
  expectWellFormed(text, result as PlanParseResult);
}

/** Pieces real plans are made of, so random documents hit the interesting paths. */
const PIECES = [
  '一、', '二、', '十二、', '（一）', '(二)', '1.', '2. ', '3、', '4。', '（1）', '(2)', '①', '②', '⑴', '一是', '附件：', '附件:1.',
  '牵头单位：', '配合单位:', '责任单位：', '責任單位:', '时限要求：', '责任领导：', '（', '）', '(', ')', '〔', '〕', '【',
  '。', '，', ',', '；', ';', '：', '、', '“', '”', '《', '》', '**', '#', '## ', '> ', '- ', '---', '|', '\\', '\n', '\n\n', '\r\n',
  ' ', '\u3000', '\t', '区发改局', '牵头', '按职责分工负责', '下同', '主办：', '督办：', '抄送：', '印发', '2016年5月15日', '二〇一六年五月十五日',
  '人民政府文件', '人民政府办公室', '惠政文〔2016〕35号', '工作要点', '关于印发', '的通知', '规范行政权力运行', '6.2%', '100', 'PPP', '\u0000', '\ufeff',
  // Issue 10: tables, reports, notices, scored categories, regulations-style headings, web chrome.
  '| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |', '| --- | --- |', ' | ', '|  |  |', '组织保障（20分）', '第一章', '第二条', '第一部分',
  '总体要求', '指导思想', '工作目标', '现将有关情况报告如下：', '工作总结', '情况报告', '截至目前', '累计', '，下同', '及', '以及', '9月底完成',
  '文号：', '文  号：', '號', '发布机构：', '发布日期：2024-03-05', '首页 > 通知公告 > ', '上一页 1 2 3 下一页', '1、 2、 3、', '市行政審批局',
];

const pieceDocument = fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }).map((parts) => parts.join(''));

type Mutation =
  | { op: 'delete'; at: number; count: number }
  | { op: 'duplicate'; at: number; count: number }
  | { op: 'shuffle'; seed: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ op: fc.constant('shuffle' as const), seed: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom(...PIECES)) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  switch (m.op) {
    case 'delete': {
      const at = m.at % Math.max(lines.length, 1);
      lines.splice(at, m.count);
      return lines.join('\n');
    }
    case 'duplicate': {
      const at = m.at % Math.max(lines.length, 1);
      lines.splice(at, 0, ...lines.slice(at, at + m.count));
      return lines.join('\n');
    }
    case 'shuffle': {
      // A deterministic Fisher–Yates driven by the generated seed, so failures replay.
      let state = m.seed || 1;
      for (let i = lines.length - 1; i > 0; i--) {
        state = (state * 1103515245 + 12345) % 2147483648;
        const j = state % (i + 1);
        [lines[i], lines[j]] = [lines[j], lines[i]];
      }
      return lines.join('\n');
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
  }
}

describe('parsePlanText never throws and always answers with a plan or a refusal', () => {
  it('on random strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), check), { numRuns: 100 });
  });

  it('on random unicode, lone surrogates and control characters included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), check), { numRuns: 100 });
  });

  it('on random documents built from plan pieces (numbering, labels, brackets, Markdown)', () => {
    fc.assert(fc.property(pieceDocument, check), { numRuns: 150 });
  });

  it('on the seed with lines deleted, duplicated, shuffled, characters inserted, or cut', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        check(mutations.reduce(mutate, SEED));
      }),
      { numRuns: 150 },
    );
  });

  it('finds the seed items that survive a deletion of other lines', () => {
    // Deleting one non-item line may cost at most the item the line belonged to, never the others.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SEED_LINES.length - 1 }), (at) => {
        const result = parsePlanText([...SEED_LINES.slice(0, at), ...SEED_LINES.slice(at + 1)].join('\n'));
        expect(result.ok).toBe(true);
        if (result.ok) expect(allItems(result.value.sections).length).toBeGreaterThanOrEqual(29);
      }),
      { numRuns: 60 },
    );
  });
});

/** Byte-level damage: flipped bytes, inserted junk, a cut — what a broken upload looks like. */
const byteDamage = fc.record({ at: fc.nat(), junk: fc.uint8Array({ minLength: 1, maxLength: 12 }), kind: fc.constantFrom('overwrite', 'insert', 'cut') });

function damage(buf: Buffer, d: { at: number; junk: Uint8Array; kind: string }): Buffer {
  const at = buf.length === 0 ? 0 : d.at % buf.length;
  if (d.kind === 'cut') return buf.subarray(0, at);
  if (d.kind === 'insert') return Buffer.concat([buf.subarray(0, at), Buffer.from(d.junk), buf.subarray(at)]);
  return Buffer.concat([buf.subarray(0, at), Buffer.from(d.junk), buf.subarray(at + d.junk.length)]);
}

/** A file upload's answer: a well-formed plan or refusal, and for a refused file a message naming the file. */
async function checkFile(buf: Buffer): Promise<void> {
  // A short PDF limit: a damaged ToUnicode map can keep pdf.js busy; the limit is what answers then.
  const result = await parsePlanDocument(buf, 'upload', { pdfTimeLimitMs: 3000 });
  if (!result.ok && result.error.kind === 'file') {
    expect(result.error.message).toMatch(/^file: \S/);
    return;
  }
  // Decoded text is checked as text; its line numbers refer to the decoded text.
  if (result.ok) expect(allItems(result.value.sections).every((i) => i.line >= 1)).toBe(true);
  else expect(result.error.message).toMatch(/^(text|line \d+): /);
  if (!result.ok) expect(result.error.message).not.toContain('内部错误');
}

const ENCODINGS: ((text: string) => Buffer)[] = [
  (t) => Buffer.from(t, 'utf8'),
  (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]),
  (t) => encodeGbk(t.replace(/[^\u0000-\uffff]/gu, '')),
  (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]),
  (t) => {
    const b = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]);
    return b.swap16();
  },
];

/** Text that GBK can hold: the pieces, with the characters outside GBK dropped by encodeGbk's caller. */
const gbkSafe = (t: string): string => [...t].filter((c) => c.charCodeAt(0) < 0x80 || /[\u4e00-\u9fa5，。、；：？！“”‘’（）《》〔〕【】—…·\u3000]/.test(c)).join('');

describe('parsePlanDocument never throws on uploads: random and damaged files in every format', () => {
  it('on random bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), (b) => checkFile(Buffer.from(b))), { numRuns: 150 });
  });

  it('on random plan-piece documents in every text encoding, damaged at the byte level', async () => {
    await fc.assert(
      fc.asyncProperty(pieceDocument, fc.integer({ min: 0, max: ENCODINGS.length - 1 }), fc.option(byteDamage), async (doc, enc, d) => {
        const buf = ENCODINGS[enc](gbkSafe(doc));
        await checkFile(d ? damage(buf, d) : buf);
      }),
      { numRuns: 150 },
    );
  });

  it('on the seed in every encoding: read exactly when intact', async () => {
    const reference = parsePlanText(SEED);
    if (!reference.ok) throw new Error('seed must parse');
    for (const encode of ENCODINGS) {
      const result = await parsePlanDocument(encode(SEED), 'seed.txt');
      expect(result.ok && allItems(result.value.sections).map((i) => [i.number, i.title, i.body])).toEqual(allItems(reference.value.sections).map((i) => [i.number, i.title, i.body]));
    }
  });

  it('on .docx files damaged at the byte level', async () => {
    const docx = await docxFromLines(plainLines(SEED).slice(0, 60));
    await fc.assert(fc.asyncProperty(byteDamage, (d) => checkFile(damage(docx, d))), { numRuns: 60 });
  });

  it('on text PDFs of random plan pieces, intact and damaged', async () => {
    await fc.assert(
      fc.asyncProperty(pieceDocument, fc.option(byteDamage, { freq: 2 }), async (doc, d) => {
        const pdf = textPdf(doc.split('\n').slice(0, 60), { linesPerPage: 20 });
        await checkFile(d ? damage(pdf, d) : pdf);
      }),
      { numRuns: 12, seed: 2026 },
    );
  }, 60_000);
});
