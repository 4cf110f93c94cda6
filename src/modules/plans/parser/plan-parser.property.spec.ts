import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
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
  expect(items.length).toBeGreaterThanOrEqual(1);
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
