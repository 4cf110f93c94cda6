import { describe, expect, it } from '@jest/globals';
import { seedPlanText } from '../../../../test/helpers/shared-docs.js';
import { parsePlanText } from './plan-parser.js';
import type { ParsedItem, ParsedPlan, ParsedSection } from './plan-parser.types.js';
import { allItems, parsed } from './parser.test-helpers.js';

// The seed lives in the shared folder next to the repo; it is read, never copied in.
const SEED = seedPlanText();

const SEED_TITLES = [
  '规范行政权力运行', '深化行政审批制度改革', '加强行政执法体制改革', '加强征求意见反馈', '配合重点领域立法',
  '加强规范性文件管理', '推进行政决策科学化、民主化、法治化', '落实政府法律顾问制度', '严格行政决策责任追究',
  '实现基层提升', '抓好队伍建设', '全面提升城区管理', '探索推行行政调解', '全面建立行政执法岗责体系',
  '全面规范行政执法程序', '全面加强行政执法监督', '严格行政执法责任追究', '深入推进政务公开',
  '加大政府信息公开力度', '加强对政府内部权力制约', '充分发挥专门监督作用', '完善纠错问责机制',
  '完善行政复议体制机制', '提高行政复议办案质量', '认真做好行政应诉工作', '健全依法化解纠纷机制', '加强组织领导',
  '加强依法行政能力建设', '建立依法行政推进机制', '加强政府法制机构建设',
];

const SEED_SECTIONS = [
  '依法全面履行政府职能', '完善依法行政制度体系', '健全依法决策机制', '深入推进服务型行政执法建设',
  '全面落实行政执法责任制', '全面推进政务公开和政府信息公开', '强化对行政权力的制约和监督', '依法有效化解社会矛盾纠纷',
  '完善依法行政保障机制',
];

describe('parsePlanText on the seed plan (惠政文〔2016〕35号)', () => {
  const plan = parsed(SEED);
  const items = allItems(plan.sections);
  const item = (n: number): ParsedItem => items.find((i) => i.number === n) as ParsedItem;

  it('reads the particulars from the red header, the 文号, the notice date, the own title and the footer', () => {
    expect(plan.plan).toEqual({
      year: 2016,
      title: '惠济区2016年推进依法行政建设法治政府工作要点',
      docNumber: '惠政文〔2016〕35号',
      issuer: '郑州市惠济区人民政府',
      issuedOn: '2016-05-15',
      leadOffice: '区政府法制办',
      supervisingOffice: '区政府办公室',
    });
  });

  it('finds nine chapters 一…九 with their titles, free of Markdown', () => {
    expect(plan.sections.map((s) => s.ordinal)).toEqual(['一', '二', '三', '四', '五', '六', '七', '八', '九']);
    expect(plan.sections.map((s) => s.title)).toEqual(SEED_SECTIONS);
    expect(plan.sections.every((s) => s.level === 1 && s.sections.length === 0)).toBe(true);
  });

  it('finds items 1–30 in order, 3,3,3,4,4,2,3,4,4 per chapter', () => {
    expect(items.map((i) => i.number)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(plan.sections.map((s) => s.items.length)).toEqual([3, 3, 3, 4, 4, 2, 3, 4, 4]);
    expect(items.map((i) => i.label)).toEqual(Array.from({ length: 30 }, (_, i) => `${i + 1}.`));
  });

  it('titles each item with its text up to the first 。', () => {
    expect(items.map((i) => i.title)).toEqual(SEED_TITLES);
  });

  it('keeps the whole text in the body, title sentence included, numbering removed', () => {
    expect(item(1).body.startsWith('规范行政权力运行。进一步深化“四单一网”制度改革')).toBe(true);
    expect(item(1).body.endsWith('防止权力行使过程中的越位、缺位和错位行为。')).toBe(true);
    expect(items.every((i) => !/^\d/.test(i.body))).toBe(true);
  });

  it.each([
    [2, '变“多头受理”为“一口受理”'],
    [10, '要加强组织领导和工作指导'],
    [13, '行政调解任务较重的部门'],
    [16, '制定行政执法案卷评查标准'],
    [25, '在依法行政中的指导规范促进作用'],
    [27, '开拓进取，运用法治思维'],
    [29, '科学优化考核内容'],
  ])('joins item %i again where a page break cut a sentence (%s)', (n, joined) => {
    expect(item(n).body).toContain(joined);
    expect(item(n).body).not.toContain('\n');
  });

  it('lets no Markdown marker or footer line leak into titles or bodies', () => {
    const texts = [...plan.sections.map((s) => s.title), ...items.flatMap((i) => [i.title, i.body])];
    for (const text of texts) {
      expect(text).not.toMatch(/#|\*\*|---|^>|^- /m);
      expect(text).not.toMatch(/主办|督办|抄送|2016年5月15日印发|人民政府办公室$/);
    }
    // 印发 itself appears in the seed's own text (关于印发…的通知 cited in items 17 and 25), never the footer's.
    expect(items.filter((i) => i.body.includes('印发')).map((i) => i.number)).toEqual([17, 25]);
  });

  it('ends item 30 at its own text, before the footer', () => {
    expect(item(30).body.endsWith('政策研究和情况交流等作用。')).toBe(true);
  });

  it('records line numbers, no suggestions, no warnings and no cut', () => {
    expect(item(1).line).toBe(24);
    expect(plan.sections[0].line).toBe(22);
    expect(items.every((i) => i.suggestions === undefined)).toBe(true);
    expect(plan.warnings).toEqual([]);
    expect(plan.truncated).toBe(false);
  });
});

describe('parsePlanText on Markdown and layout variants of the seed', () => {
  const base = parsed(SEED);
  const variants: [string, string][] = [
    ['bold item titles', SEED.replace(/^(\d+)\. ([^。\n]+)。/gm, '$1. **$2。**')],
    ['bold numbered openings', SEED.replace(/^(\d+\. [^。\n]+)。/gm, '**$1**。')],
    ['escaped list numbers (1\\.)', SEED.replace(/^(\d+)\. /gm, '$1\\. ')],
    ['bulleted items', SEED.replace(/^(\d+)\. /gm, '- $1. ')],
    ['everything quoted', SEED.replace(/^(.*)$/gm, '> $1')],
    ['CRLF line ends', SEED.replace(/\n/g, '\r\n')],
    ['full-width indents and ．', SEED.replace(/^(\d+)\. /gm, '\u3000\u3000$1．')],
    ['bold chapter headings', SEED.replace(/^## ([一二三四五])、(.*)$/gm, '## **$1、$2**')],
  ];

  it.each(variants)('%s: same plan, sections, titles and bodies', (_name, text) => {
    const plan = parsed(text);
    expect(plan.plan).toEqual(base.plan);
    expect(plan.sections.map((s) => [s.ordinal, s.title])).toEqual(base.sections.map((s) => [s.ordinal, s.title]));
    expect(allItems(plan.sections).map((i) => [i.number, i.title, i.body])).toEqual(allItems(base.sections).map((i) => [i.number, i.title, i.body]));
    expect(plan.warnings).toEqual([]);
  });

  it('reads Markdown heading items whose body follows on the next lines', () => {
    const plan = parsed('# 2024年工作要点\n\n## 一、依法行政\n\n### 1. 规范行政权力运行\n\n进一步深化改革。防止越位。\n\n### 2. 深化改革\n\n持续清理事项。');
    const items = allItems(plan.sections);
    expect(items.map((i) => [i.number, i.title])).toEqual([[1, '规范行政权力运行'], [2, '深化改革']]);
    expect(items[0].body).toBe('规范行政权力运行\n进一步深化改革。防止越位。');
    expect(plan.plan.title).toBe('2024年工作要点');
    expect(plan.plan.year).toBe(2024);
  });
});

describe('parsePlanText numbering checks', () => {
  it('warns, naming the line, when a number is skipped (1, 2, 4) and keeps the printed number', () => {
    const plan = parsed('一、依法行政\n1. 甲项。正文。\n2. 乙项。正文。\n4. 丁项。正文。');
    expect(allItems(plan.sections).map((i) => i.number)).toEqual([1, 2, 4]);
    expect(plan.warnings).toHaveLength(1);
    expect(plan.warnings[0].line).toBe(4);
    expect(plan.warnings[0].message).toMatch(/^line 4: /);
    expect(plan.warnings[0].message).toContain('第4行：编号不连续，期望 3，实际 4');
  });

  it('warns, naming the line, when a number repeats (1, 2, 2)', () => {
    const plan = parsed('1. 甲项。\n\n2. 乙项。\n\n2. 丙项。');
    expect(allItems(plan.sections).map((i) => i.number)).toEqual([1, 2, 2]);
    expect(plan.warnings.map((w) => w.line)).toEqual([5]);
    expect(plan.warnings[0].message).toMatch(/^line 5: .*编号重复/);
  });

  it('accepts numbers that restart at each chapter or run on across chapters', () => {
    expect(parsed('一、甲\n1. 子项。\n2. 子项。\n二、乙\n1. 子项。').warnings).toEqual([]);
    expect(parsed('一、甲\n1. 子项。\n2. 子项。\n二、乙\n3. 子项。').warnings).toEqual([]);
  });

  it('warns when chapters skip a numeral', () => {
    const plan = parsed('一、甲\n1. 子项。\n二、乙\n2. 子项。\n四、丁\n3. 子项。');
    expect(plan.warnings.map((w) => w.message)).toEqual(['line 5: 第5行：编号不连续，期望 三，实际 四']);
  });
});

describe('parsePlanText numbering styles', () => {
  const titles = (text: string): [string, number, string][] => allItems(parsed(text).sections).map((i) => [i.label, i.number, i.title]);

  it.each([
    ['1、', '1、甲项。\n2、乙项。', [['1、', 1, '甲项'], ['2、', 2, '乙项']]],
    ['（1）', '（1）甲项。\n（2）乙项。', [['（1）', 1, '甲项'], ['（2）', 2, '乙项']]],
    ['(1)', '(1)甲项。\n(2)乙项。', [['(1)', 1, '甲项'], ['(2)', 2, '乙项']]],
    ['①', '①甲项。\n②乙项。', [['①', 1, '甲项'], ['②', 2, '乙项']]],
    ['一、 as items', '一、甲项。正文。\n二、乙项。正文。', [['一、', 1, '甲项'], ['二、', 2, '乙项']]],
    ['十二、', '十一、甲项。\n十二、乙项。', [['十一、', 11, '甲项'], ['十二、', 12, '乙项']]],
    ['"4. " with a space and 4。', '3. 丙项。\n4。丁项。', [['3.', 3, '丙项'], ['4。', 4, '丁项']]],
    ['full-width digits', '１．甲项。\n２．乙项。', [['１．', 1, '甲项'], ['２．', 2, '乙项']]],
  ] as [string, string, [string, number, string][]][])('reads %s', (_name, text, expected) => {
    expect(titles(text)).toEqual(expected);
  });

  it('keeps 一是/二是 and numbers inside a sentence or a table cell in the body', () => {
    const plan = parsed('一、依法行政\n（一）加强领导。一是建立机制；二是明确责任，包括 1. 学习 2. 培训。\n年均增长\n1.5%以上。\n（二）强化督查。');
    const items = allItems(plan.sections);
    expect(items.map((i) => i.label)).toEqual(['（一）', '（二）']);
    expect(items[0].body).toBe('加强领导。一是建立机制；二是明确责任，包括 1. 学习 2. 培训。\n年均增长1.5%以上。');
  });

  it('keeps deeper sub-points (①, （1）) inside their item', () => {
    const items = allItems(parsed('一、任务\n1. 加强领导。具体如下：\n（1）建立机制；\n（2）明确责任。\n2. 强化督查。').sections);
    expect(items.map((i) => i.number)).toEqual([1, 2]);
    expect(items[0].body).toBe('加强领导。具体如下：\n（1）建立机制；\n（2）明确责任。');
  });

  it('treats prose chapters (总体要求) and heading chapters alike when （一） carry the work points', () => {
    const plan = parsed('一、总体要求\n以习近平新时代中国特色社会主义思想为指导。\n二、主要任务\n（一）加强组织领导。正文。\n（二）强化督查考核。正文。\n三、保障措施\n（一）加强领导。正文。');
    expect(plan.sections.map((s) => [s.ordinal, s.title, s.items.map((i) => i.title)])).toEqual([
      ['一', '总体要求', []],
      ['二', '主要任务', ['加强组织领导', '强化督查考核']],
      ['三', '保障措施', ['加强领导']],
    ]);
  });

  it('reads a sub-section with text but no numbered items as a work point of its chapter', () => {
    const plan = parsed('一、主要任务\n（一）深化改革\n1. 甲项。正文。\n2. 乙项。正文。\n（二）加强监管\n各部门要加强监管。（牵头单位：区市场监管局）\n（三）优化服务\n持续优化服务。');
    const [chapter] = plan.sections;
    expect(chapter.sections.map((s) => [s.ordinal, s.title, s.items.map((i) => i.number)])).toEqual([['一', '深化改革', [1, 2]]]);
    expect(chapter.items.map((i) => [i.label, i.title, i.body, i.suggestions?.lead])).toEqual([
      ['（二）', '加强监管', '加强监管\n各部门要加强监管。', ['区市场监管局']],
      ['（三）', '优化服务', '优化服务\n持续优化服务。', undefined],
    ]);
    expect(plan.warnings).toEqual([]);
  });

  it('keeps the prose under a chapter heading (一、总体要求) out of the items', () => {
    const plan = parsed('一、总体要求\n以习近平新时代中国特色社会主义思想为指导。\n二、主要任务\n1. 甲项。');
    expect(plan.sections.map((s) => [s.title, s.items.length])).toEqual([['总体要求', 0], ['主要任务', 1]]);
  });

  it('puts items with no chapter into one synthetic section', () => {
    const plan = parsed('1. 甲项。\n2. 乙项。');
    expect(plan.sections).toHaveLength(1);
    expect(plan.sections[0]).toMatchObject({ ordinal: '', title: '', level: 1, line: 1 });
  });
});

describe('parsePlanText unit and deadline notes', () => {
  it('reads separate 牵头/配合/完成时限 lines and keeps them out of the body', () => {
    const [item] = allItems(parsed('1. 规范行政权力运行。正文。\n牵头单位：区发改局\n配合单位：区财政局、区审计局\n完成时限：2023年6月底前').sections);
    expect(item.body).toBe('规范行政权力运行。正文。');
    expect(item.suggestions).toEqual({
      lead: ['区发改局'],
      cooperating: ['区财政局', '区审计局'],
      dueText: '2023年6月底前',
      unitText: '牵头单位：区发改局；配合单位：区财政局、区审计局',
    });
  });

  it('reads "牵头单位：…；配合单位：…" on one line, inline or after the last sentence', () => {
    const items = allItems(parsed('1. 甲项。正文。牵头单位：区发改局；配合单位：区财政局\n2. 乙项。正文。（牵头单位：区司法局；配合单位：区财政局；完成时限：12月底前）').sections);
    expect(items.map((i) => [i.body, i.suggestions?.lead, i.suggestions?.cooperating, i.suggestions?.dueText])).toEqual([
      ['甲项。正文。', ['区发改局'], ['区财政局'], undefined],
      ['乙项。正文。', ['区司法局'], ['区财政局'], '12月底前'],
    ]);
  });

  it('makes the first unit of a bare 责任单位 list the lead, unless a lead is marked', () => {
    const items = allItems(parsed('1. 甲。\n责任单位：区发改局、区财政局 区审计局\n2. 乙。\n责任单位：区财政局、区发改局（牵头）').sections);
    expect(items.map((i) => [i.suggestions?.lead, i.suggestions?.cooperating])).toEqual([
      [['区发改局'], ['区财政局', '区审计局']],
      [['区发改局'], ['区财政局']],
    ]);
  });

  it('reads unlabelled "(X牵头，Y配合)" and traditional labels', () => {
    const items = allItems(parsed('1. 甲。正文（区发改局牵头，各镇街配合）\n2. 乙。\n責任單位：市財政局、市審計局').sections);
    expect(items.map((i) => [i.body, i.suggestions?.lead, i.suggestions?.cooperating])).toEqual([
      ['甲。正文', ['区发改局'], ['各镇街']],
      ['乙。', ['市財政局'], ['市審計局']],
    ]);
  });

  it('keeps named people (责任领导/责任人) out of the units', () => {
    const [item] = allItems(parsed('1. 甲。\n责任领导：张三\n责任人：李四\n责任单位：区发改局').sections);
    expect(item.body).toBe('甲。');
    expect(item.suggestions).toMatchObject({ lead: ['区发改局'], cooperating: [] });
  });

  it('leaves non-unit parentheticals in the body', () => {
    const [item] = allItems(parsed('1. 甲。落实党委（党组）责任（2015-2020年）。').sections);
    expect(item.body).toBe('甲。落实党委（党组）责任（2015-2020年）。');
    expect(item.suggestions).toBeUndefined();
  });
});

describe('parsePlanText on cut and footer-ended documents', () => {
  it('marks a copy that stops mid-sentence as truncated, naming the last line', () => {
    const plan = parsed('1. 甲项。正文。\n2. 乙项。正文还没有写');
    expect(plan.truncated).toBe(true);
    expect(plan.warnings.map((w) => [w.line, w.message.startsWith('line 2: ')])).toEqual([[2, true]]);
  });

  it('invents no units from a unit list cut in the middle', () => {
    const plan = parsed('1. 甲。\n责任单位：区发改局\n2. 乙。\n责任单位：区财政局、');
    const items = allItems(plan.sections);
    expect(plan.truncated).toBe(true);
    expect(items[1].suggestions).toBeUndefined();
  });

  it('ends the last item at a signature and date without a 主办 line', () => {
    const plan = parsed('一、任务\n1. 甲项。正文。\n\n某某区人民政府\n2024年1月5日');
    expect(allItems(plan.sections)[0].body).toBe('甲项。正文。');
    expect(plan.truncated).toBe(false);
  });

  it('does not treat a list of short titles without full stops as cut', () => {
    expect(parsed('1. 甲项\n2. 乙项\n3. 丙项').truncated).toBe(false);
  });
});

describe('parsePlanText errors', () => {
  it.each(['', '   ', '\n\n\t\n', '---\n\n***'])('rejects empty text %j', (text) => {
    expect(parsePlanText(text)).toEqual({ ok: false, error: { line: null, message: 'text: 文本为空，未找到任何内容' } });
  });

  it('rejects text with no numbered item, naming the last line read', () => {
    const result = parsePlanText('关于做好工作的通知\n\n请认真贯彻执行。\n');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.line).toBe(3);
      expect(result.error.message).toMatch(/^line 3: .*未找到编号的工作要点条目/);
    }
  });

  it('does not take an attachment list (附件：1.… 2.…) for items', () => {
    const result = parsePlanText('关于印发的通知\n附件：1.工作分解表\n2.考核评价办法\n3.联系表\n某某乡委员会\n2022年5月10日');
    expect(result.ok).toBe(false);
  });

  it('never throws, even on input that is not a string', () => {
    expect(parsePlanText(undefined as unknown as string).ok).toBe(false);
    expect(parsePlanText(42 as unknown as string).ok).toBe(false);
  });
});

describe('plans with a thousand items and more', () => {
  it('keeps item 1000 and beyond as items of their own', () => {
    const lines = ['2026年某省工作要点', '一、主要任务'];
    for (let n = 1; n <= 1200; n++) lines.push(`${n}. 第${n}项工作。具体内容。`);
    const result = parsePlanText(lines.join('\n'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const items = result.value.sections.flatMap((s) => s.items);
    expect(items).toHaveLength(1200);
    expect(items[999]).toMatchObject({ number: 1000, title: '第1000项工作' });
    expect(result.value.warnings).toEqual([]);
  });
});
