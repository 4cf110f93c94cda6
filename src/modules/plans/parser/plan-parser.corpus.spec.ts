import { describe, expect, it } from '@jest/globals';
import { parsePlanText } from './plan-parser.js';
import type { ItemSuggestions, ParsedItem, ParsedPlan, ParsedSection } from './plan-parser.types.js';
import { corpusText as corpusDoc } from '../../../../test/helpers/shared-docs.js';
import { allItems, parsed } from './parser.test-helpers.js';

// Real documents in other formats, with the ground truth of shared/corpus/README.md. Read, never copied.

/** The copies turned full-width punctuation into ASCII; real documents use the full-width forms. */
function fullWidth(text: string): string {
  return text
    .replace(/\(([一二三四五六七八九十]+)\)/g, '（$1）')
    .replace(/:/g, '：')
    .replace(/,/g, '，')
    .replace(/;/g, '；');
}

/** What the ground truth pins down, with full-width/ASCII commas made comparable. */
function summary(plan: ParsedPlan): unknown {
  const same = (s: string): string => s.replace(/，/g, ',').replace(/：/g, ':').replace(/；/g, ';');
  const units = (s: ItemSuggestions | undefined): unknown =>
    s && { lead: s.lead, cooperating: s.cooperating, dueText: s.dueText, unitText: s.unitText && same(s.unitText) };
  return {
    sections: plan.sections.map((s) => [s.ordinal, same(s.title), s.level]),
    items: allItems(plan.sections).map((i) => [i.number, same(i.title), same(i.body), units(i.suggestions)]),
    truncated: plan.truncated,
    warnings: plan.warnings.map((w) => w.line),
  };
}

function expectCutAtLastLine(plan: ParsedPlan, text: string): void {
  const lastLine = text.trimEnd().split('\n').length;
  expect(plan.truncated).toBe(true);
  expect(plan.warnings.some((w) => w.line === lastLine && w.message.startsWith(`line ${lastLine}: `))).toBe(true);
}

describe('corpus 01 西平县 工作安排 (一、 / (一) items, separate 责任单位 line)', () => {
  const text = corpusDoc('01');
  const plan = parsed(text);
  const items = allItems(plan.sections);

  it('reads the notice particulars and the own title', () => {
    expect(plan.plan).toEqual({
      year: 2020,
      title: '西平县2020年度法治政府建设工作安排',
      docNumber: '西政办〔2020〕20号',
      issuer: '西平县人民政府办公室',
      issuedOn: '2020-07-08',
      leadOffice: null,
      supervisingOffice: null,
    });
  });

  it('takes (一) under 一、 as the items', () => {
    expect(plan.sections.map((s) => [s.ordinal, s.title])).toEqual([['一', '依法全面履行政府职能']]);
    expect(items.map((i) => [i.label, i.number, i.title])).toEqual([
      ['(一)', 1, '为推动经济高质量发展提供法治保障'],
      ['(二)', 2, '全面提高依法防控依法治理能力'],
    ]);
  });

  it('reads the 责任单位 line: first unit leads, the collective clause is stripped', () => {
    expect(items[0].suggestions).toEqual({
      lead: ['县政府办公室'],
      cooperating: ['县司法局', '各有关部门', '乡镇人民政府'],
      unitText: '县政府办公室、县司法局、各有关部门,乡镇人民政府按职责分工分别负责。',
    });
    expect(items[0].body).not.toContain('责任单位');
  });

  it('keeps the cut item without units and reports the cut', () => {
    expect(items[1].suggestions).toBeUndefined();
    expect(items[1].body.endsWith('为疫情防控')).toBe(true);
    expectCutAtLastLine(plan, text);
  });
});

describe('corpus 03 人和镇 工作要点 (inline (牵头部门:…) / (牵头单位:…))', () => {
  const text = corpusDoc('03');
  const plan = parsed(text);
  const items = allItems(plan.sections);

  it('reads one chapter with three (一) items', () => {
    expect(plan.sections.map((s) => [s.ordinal, s.title])).toEqual([['一', '强化党建引领,确保法治人和建设高位推进']]);
    expect(items.map((i) => [i.number, i.title])).toEqual([
      [1, '坚持党对全面依法治镇的统一领导'],
      [2, '深入学习宣传习近平法治思想'],
      [3, '持续严格规范党内规范性文件备案审查'],
    ]);
    expect(plan.plan.year).toBe(2022);
  });

  it('reads both labels as leads and keeps the non-unit parentheticals in the body', () => {
    expect(items[0].suggestions).toEqual({ lead: ['党政综合办'], cooperating: [], unitText: '党政综合办' });
    expect(items[1].suggestions?.lead).toEqual(['党政综合办', '党建工作办', '综治办', '人和司法所']);
    expect(items[1].body).toContain('党委(党组)理论学习');
    expect(items[1].body).toContain('党校(行政学院)');
    expect(items[1].body.endsWith('走进群众心里。')).toBe(true);
    expect(items.some((i) => /牵头/.test(i.body))).toBe(false);
  });

  it('reports the cut (三)', () => {
    expect(items[2].suggestions).toBeUndefined();
    expectCutAtLastLine(plan, text);
  });
});

describe('corpus 04 松江区 信用工作要点 (indented 1. items, inline (责任单位:…))', () => {
  const text = corpusDoc('04');
  const plan = parsed(text);
  const items = allItems(plan.sections);

  it('reads the particulars from the signature and the own title', () => {
    expect(plan.plan).toMatchObject({
      year: 2023,
      title: '2023年松江区社会信用体系建设工作要点',
      issuer: '上海市松江区人民政府',
      issuedOn: '2023-06-01',
    });
  });

  it('reads the items and the inline 责任单位', () => {
    expect(plan.sections.map((s) => s.title)).toEqual(['服务科创走廊国家战略,推动信用赋能松江高质量发展']);
    expect(items.map((i) => [i.label, i.title])).toEqual([
      ['1.', '信用赋能松江新城高质量建设'],
      ['2.', '信用助力科技创新策源功能'],
    ]);
    expect(items[0].suggestions).toEqual({ lead: ['区发展改革委'], cooperating: ['联席会议各成员单位'], unitText: '区发展改革委、联席会议各成员单位' });
    expect(items[0].body.endsWith('现代化松江新城建设。')).toBe(true);
    expect(items[1].suggestions).toBeUndefined();
    expectCutAtLastLine(plan, text);
  });
});

describe('corpus 05 咸阳市 放管服 工作要点 (繁體, unlabelled (X、Y牽頭,Z按職責分工負責))', () => {
  const text = corpusDoc('05');
  const plan = parsed(text);
  const items = allItems(plan.sections);

  it('reads the traditional-character chapter and items', () => {
    expect(plan.sections.map((s) => s.title)).toEqual(['堅持系統集成,推動審批全鏈條最佳化']);
    expect(items.map((i) => [i.number, i.title])).toEqual([
      [1, '全面實施行政許可事項清單管理'],
      [2, '持續深化相對集中行政許可權改革'],
    ]);
  });

  it('splits the unlabelled parenthetical on 牽頭', () => {
    expect(items[0].suggestions).toEqual({
      lead: ['市政府辦公室', '市行政審批制度改革工作領導小組辦公室'],
      // "及" joins two units (issue 10: 市委编办及市直有关单位 is two names).
      cooperating: ['市級各有關部門', '各縣市區政府'],
      unitText: '(市政府辦公室、市行政審批制度改革工作領導小組辦公室牽頭,市級各有關部門及各縣市區政府按職責分工負責)',
    });
    expect(items[0].body).toContain('2022年10月底前');
    expect(items[0].body).not.toContain('牽頭');
  });

  it('invents no units from the parenthetical cut in item 2', () => {
    expect(items[1].suggestions).toBeUndefined();
    expectCutAtLastLine(plan, text);
  });
});

describe('corpus 08 四川省 流通体系 实施方案 (〔责任单位:…〕 with a 下同 rule)', () => {
  const text = corpusDoc('08');
  const plan = parsed(text);
  const items = allItems(plan.sections);

  it('reads the issuer, date and own title', () => {
    expect(plan.plan).toMatchObject({ title: '四川省“十四五”现代流通体系建设实施方案', issuer: '四川省发展和改革委员会', issuedOn: '2022-10-18' });
  });

  it('reads the tortoise-bracket units and keeps the rule sentence out of the unit list', () => {
    expect(items.map((i) => [i.label, i.title])).toEqual([
      ['(一)', '加强市场体系建设'],
      ['(二)', '优化市场准入环境'],
      ['(三)', '加强反垄断和反不正当竞争执法'],
    ]);
    expect(items[0].suggestions).toEqual({
      lead: ['省发展改革委'],
      cooperating: ['省市场监管局', '商务厅', '省大数据中心'],
      unitText: '省发展改革委、省市场监管局、商务厅、省大数据中心按职责分工负责。具体任务均涉及相关市(州)人民政府,不再做分工,下同。',
    });
    expect(items[1].suggestions).toMatchObject({ lead: ['省市场监管局'], cooperating: [] });
    expect(items[0].body.endsWith('综合改革试点。')).toBe(true);
    expect(items.some((i) => i.body.includes('〔'))).toBe(false);
    expect(items[2].suggestions).toBeUndefined();
    expectCutAtLastLine(plan, text);
  });
});

describe('corpus 10 立山区 重点工作分工 (separate 牵头单位 and 责任单位 lines)', () => {
  const text = corpusDoc('10');
  const plan = parsed(text);
  const items = allItems(plan.sections);

  it('reads the red header, 文号, date and the two-line own title', () => {
    expect(plan.plan).toEqual({
      year: 2023,
      title: '立山区政府2023年重点工作任务分解和责任分工方案',
      docNumber: '鞍立政发〔2023〕2号',
      issuer: '鞍山市立山区人民政府',
      issuedOn: '2023-03-28',
      leadOffice: null,
      supervisingOffice: null,
    });
  });

  it('reads seven items with 牵头 as lead and 责任 as co-operating units', () => {
    expect(items.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(items[0].title).toBe('努力实现地区生产总值增长6.2%左右');
    expect(items.slice(0, 6).map((i) => i.suggestions?.lead)).toEqual([['区发改局'], ['区工信局'], ['区发改局'], ['区商务局'], ['区财政局'], ['区发改局']]);
    expect(items.slice(0, 6).map((i) => i.suggestions?.cooperating)).toEqual([
      ['立山经济开发区', '全区经济运行各专班'],
      ['立山经济开发区'],
      ['立山经济开发区', '各街道', '区直各部门'],
      ['各街道', '区市场局'],
      ['立山经济开发区', '各街道', '税务局'],
      ['各街道', '各相关单位'],
    ]);
    expect(items.every((i) => !/单位/.test(i.body))).toBe(true);
  });

  it('reports that the copy ends before item 7 names its units', () => {
    expect(items[6].suggestions).toBeUndefined();
    expectCutAtLastLine(plan, text);
  });
});

describe('corpus 11 厦门市 营商环境 若干措施 (责任单位 + 时限要求 lines)', () => {
  const text = corpusDoc('11');
  const plan = parsed(text);
  const items = allItems(plan.sections);

  it('reads the particulars; the garbled date "2019116" is left empty', () => {
    expect(plan.plan).toMatchObject({
      year: 2019,
      title: '厦门市聚焦企业关切进一步落实优化营商环境政策的若干措施',
      docNumber: '厦府办〔2019〕10号',
      issuer: '厦门市人民政府办公厅',
      issuedOn: null,
    });
  });

  it('makes the first 责任单位 the lead and reads 时限要求 as dueText', () => {
    expect(items.map((i) => i.label)).toEqual(['(一)', '(二)', '(三)']);
    expect(items[0].suggestions).toEqual({
      lead: ['市发改委'],
      cooperating: ['市财政局'],
      dueText: '持续推进',
      unitText: '市发改委、市财政局(第一责任单位为牵头单位,下同)',
    });
    expect(items[1].suggestions).toMatchObject({ lead: ['市建设局'], cooperating: [], dueText: '持续推进' });
    expect(items[0].body).not.toMatch(/责任单位|时限要求/);
    expect(items[2].suggestions).toBeUndefined();
    expectCutAtLastLine(plan, text);
  });
});

describe('corpus 13 辽宁 法治 plan (page continuation; 三、 → (一) → 1.)', () => {
  const text = corpusDoc('13');
  const plan = parsed(text);

  it('keeps the hierarchy: chapters, sub-sections, then numbered items', () => {
    const outline = plan.sections.map((s) => ({
      chapter: [s.ordinal, s.title, s.level],
      subs: s.sections.map((sub) => [sub.ordinal, sub.title, sub.level, sub.items.map((i) => i.number)]),
      items: s.items.length,
    }));
    expect(outline).toEqual([
      { chapter: ['', '', 1], subs: [['三', '强化宪法学习宣传教育', 2, [4, 5, 6, 7]]], items: 0 },
      { chapter: ['三', '完善符合辽宁实际的法规规章体系,以良法促进发展、保障善治', 1], subs: [['一', '完善地方立法工作格局', 2, [1, 2, 3, 4]]], items: 0 },
    ]);
  });

  it('reads the items and no units; the copy is cut in item 4', () => {
    const items = allItems(plan.sections);
    expect(items[4].title).toBe('省、设区的市、自治县党委加强对立法工作的领导');
    expect(items[2].title).toBe('加强青少年宪法法律教育,确保计划、教材、课时、师资、经费的“五落实”');
    expect(items.every((i) => i.suggestions === undefined)).toBe(true);
    expectCutAtLastLine(plan, text);
  });
});

describe('corpus 16 依法行政 plan page 4 (no chapter, "4。" typo, stray line break)', () => {
  const text = corpusDoc('16');
  const plan = parsed(text);
  const items = allItems(plan.sections);

  it('puts the items into one synthetic section', () => {
    expect(plan.sections.map((s) => [s.ordinal, s.title, s.level])).toEqual([['', '', 1]]);
  });

  it('reads 1. 2. 3. and 4。 and joins the broken line of item 3', () => {
    expect(items.map((i) => [i.label, i.number, i.title])).toEqual([
      ['1.', 1, '自觉接受人大、政协、司法和社会监督'],
      ['2.', 2, '完善对规范性文件的监督管理'],
      ['3.', 3, '加强行政复议能力建设'],
      ['4。', 4, '加强专门监督'],
    ]);
    expect(items[2].body).toContain('按照行政复议法实施条例规定的立案审查职能');
    expect(plan.warnings.filter((w) => /编号/.test(w.message))).toEqual([]);
    expectCutAtLastLine(plan, text);
  });
});

describe('corpus 19 红羊乡 普法 table (附件:1.… 2.… trap, two-row merged header)', () => {
  const text = corpusDoc('19');
  const plan = parsed(text);
  const items = allItems(plan.sections);

  it('reads the table as a table: one task per data row, not the attachment list', () => {
    expect(items.map((i) => i.number)).toEqual([1]);
    expect(items[0].title).toMatch(/^重点宣传《中国共产党章程》.*习近平法治思想$/);
    expect(items[0].body).not.toContain('|');
    expect(items.some((i) => i.title.includes('红羊乡“谁执法谁普法”'))).toBe(false);
  });

  it('takes the 责任处室 column as the unit and leaves the named people (责任领导, 责任人) out', () => {
    expect(items[0].suggestions).toMatchObject({ lead: ['党建办公室'], cooperating: [] });
    expect(JSON.stringify(items[0].suggestions)).not.toMatch(/李进军|朱继文/);
  });

  it('reads the issuer and date of the wrapping notice and the table title', () => {
    expect(plan.plan).toMatchObject({ year: 2022, issuer: '中共海原县红羊乡委员会', issuedOn: '2022-05-10' });
    expect(plan.plan.title).toBe('海原县红羊乡“谁执法谁普法”四个清单工作分解表');
  });
});

describe('corpus 23 静海区 年度报告 (a year-end report, not a plan)', () => {
  it.each([
    ['as printed', (t: string) => t],
    ['with full-width punctuation', fullWidth],
  ])('is refused %s, naming its title, with no items invented', (_name, variant) => {
    const result = parsePlanText(variant(corpusDoc('23')));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('not-a-plan');
    expect(result.error.message).toMatch(/^line \d+: 该文件像是年度工作报告/);
    expect(result.error.message).toContain('2020年静海区法治政府建设情况报告');
  });
});

describe('full-width punctuation, as real documents print it', () => {
  it.each(['01', '03', '04', '05', '08', '10', '11', '13', '16', '19'])('corpus %s reads the same with （一） ： ， ；', (prefix) => {
    const ascii = parsed(corpusDoc(prefix));
    const wide = parsed(fullWidth(corpusDoc(prefix)));
    expect(summary(wide)).toEqual(summary(ascii));
    expect(wide.plan).toEqual(ascii.plan);
  });

  it('keeps the printed full-width label', () => {
    const items = allItems(parsed(fullWidth(corpusDoc('11'))).sections);
    expect(items.map((i) => i.label)).toEqual(['（一）', '（二）', '（三）']);
    expect(items[0].suggestions?.unitText).toBe('市发改委、市财政局(第一责任单位为牵头单位，下同)');
  });
});
