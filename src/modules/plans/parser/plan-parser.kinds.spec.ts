import { describe, expect, it } from '@jest/globals';
import { parsePlanText } from './plan-parser.js';
import type { ParsedPlan } from './plan-parser.types.js';
import { allItems, parsed } from './parser.test-helpers.js';

// The kinds of misreading issue 10 measured on real documents, each on an example written the way
// such documents are printed. Full-width forms are used as real documents use them.

const titles = (plan: ParsedPlan): string[] => allItems(plan.sections).map((i) => i.title);

function refused(text: string): { line: number | null; message: string; kind?: string } {
  const result = parsePlanText(text);
  if (result.ok) throw new Error(`expected a refusal, got ${allItems(result.value.sections).length} items`);
  return result.error;
}

describe('1. mixed numbering never loses items silently', () => {
  it('chapters that number their items differently (1. in one, （一） in the next) keep every item, with a warning', () => {
    const plan = parsed(
      ['某区2024年法治政府建设工作要点', '一、依法行政', '1. 第一项。内容。', '2. 第二项。内容。', '二、政务公开', '（一）第三项。内容。', '（二）第四项。内容。'].join('\n'),
    );
    expect(plan.sections.map((s) => [s.ordinal, s.title, s.items.map((i) => [i.label, i.title])])).toEqual([
      ['一', '依法行政', [['1.', '第一项'], ['2.', '第二项']]],
      ['二', '政务公开', [['（一）', '第三项'], ['（二）', '第四项']]],
    ]);
    expect(plan.warnings.some((w) => w.line === 2 && w.message.includes('编号样式与其他章不同'))).toBe(true);
  });

  it('inside one chapter, "1. …" followed by "（二）…" keeps item 1 and warns about the style', () => {
    const plan = parsed(['某区2024年工作要点', '一、依法行政', '1. 第一项。内容。', '（二）第二项。内容。', '（三）第三项。内容。'].join('\n'));
    expect(titles(plan)).toEqual(['第一项', '第二项', '第三项']);
    expect(plan.warnings.some((w) => w.line === 3 && w.message.includes('编号样式与同级条目不同'))).toBe(true);
  });

  it('a province plan 三、 → （一） → 1. still nests the points under their sub-sections', () => {
    const plan = parsed(['三、完善法规体系', '（一）完善立法格局', '1. 甲项。内容。', '2. 乙项。内容。', '（二）加强备案审查', '1. 丙项。内容。'].join('\n'));
    expect(plan.sections[0].sections.map((s) => [s.title, s.items.map((i) => i.title)])).toEqual([
      ['完善立法格局', ['甲项', '乙项']],
      ['加强备案审查', ['丙项']],
    ]);
  });
});

describe('2. text that is not a task never becomes items', () => {
  it('总体要求 / 指导思想 / 基本原则 / 工作目标 are read as introduction, with a warning naming them', () => {
    const plan = parsed(
      [
        '某县2024年法治政府建设工作要点',
        '一、总体要求',
        '（一）指导思想。以习近平新时代中国特色社会主义思想为指导。',
        '（二）基本原则。坚持党的领导。',
        '（三）工作目标。到2024年底，法治政府建设取得新成效。',
        '二、主要任务',
        '（一）深化“放管服”改革。全面实行清单管理。（牵头单位：县行政审批局）',
        '（二）严格规范公正文明执法。全面推行三项制度。（牵头单位：县司法局）',
      ].join('\n'),
    );
    expect(titles(plan)).toEqual(['深化“放管服”改革', '严格规范公正文明执法']);
    expect(plan.sections.map((s) => [s.title, s.items.length])).toEqual([['总体要求', 0], ['主要任务', 2]]);
    expect(plan.warnings.some((w) => w.line === 2 && w.message.includes('“总体要求”部分是总体说明'))).toBe(true);
  });

  it('指导思想 and 工作目标 as chapters of their own are not items either', () => {
    const plan = parsed(['一、指导思想', '1. 坚持党的领导。', '二、工作目标', '1. 到年底完成。', '三、重点任务', '1. 推进依法决策。内容。'].join('\n'));
    expect(titles(plan)).toEqual(['推进依法决策']);
  });

  it('a lone 一、总体要求 chapter is refused, not turned into items', () => {
    const error = refused(['某区2024年工作要点', '一、总体要求', '1. 坚持党的领导。', '2. 坚持以人民为中心。'].join('\n'));
    expect(error.kind).toBe('no-items');
    expect(error.message).toMatch(/^line 2: 只找到“总体要求”等总体说明部分/);
  });

  it('the 一、二、三 of a 通知 wrapped around the plan are skipped; the plan inside is read', () => {
    const plan = parsed(
      [
        '某县人民政府办公室关于印发某县2024年法治政府建设工作要点的通知',
        '某政办〔2024〕7号',
        '各乡镇人民政府，县政府各部门：',
        '现将《某县2024年法治政府建设工作要点》印发给你们，并就有关事项通知如下：',
        '一、提高思想认识。各单位要高度重视。',
        '二、加强督促检查。县司法局要加强督查。',
        '三、及时报送情况。请于12月底前报送。',
        '某县人民政府办公室',
        '2024年3月5日',
        '',
        '某县2024年法治政府建设工作要点',
        '一、依法全面履行政府职能',
        '（一）深化“放管服”改革。全面实行清单管理。',
        '（二）优化法治化营商环境。持续推进。',
        '二、严格规范公正文明执法',
        '（一）全面推行行政执法三项制度。严格落实。',
      ].join('\n'),
    );
    expect(titles(plan)).toEqual(['深化“放管服”改革', '优化法治化营商环境', '全面推行行政执法三项制度']);
    expect(plan.plan).toMatchObject({ title: '某县2024年法治政府建设工作要点', docNumber: '某政办〔2024〕7号', year: 2024, issuer: '某县人民政府办公室', issuedOn: '2024-03-05' });
    expect(plan.warnings.some((w) => w.message.includes('通知正文的编号段落不是工作任务'))).toBe(true);
  });

  it('the web page chrome under the article (print, close, share, site notes) is not part of the last item', () => {
    const plan = parsed(
      ['某区2024年工作要点', '一、依法行政', '1. 甲项。内容。（牵头单位：区司法局）', '2. 乙项。内容。（牵头单位：区财政局）', '【打印本页】【关闭窗口】', '扫一扫在手机打开当前页', '版权所有：某区人民政府 网站标识码：1234 京ICP备000号'].join('\n'),
    );
    expect(allItems(plan.sections).map((i) => i.body)).toEqual(['甲项。内容。', '乙项。内容。']);
    expect(plan.truncated).toBe(false);
  });

  it('page-number blocks ("1、 2、 3、") and pagination are not items', () => {
    const plan = parsed(['某区2024年工作要点', '一、依法行政', '1. 甲项。内容。', '2. 乙项。内容。', '1、', '2、', '3、', '上一页 1 2 3 下一页', '1、 2、 3、'].join('\n'));
    expect(titles(plan)).toEqual(['甲项', '乙项']);
  });
});

describe('3. documents that are not plans are recognised', () => {
  it.each([
    ['a 情况报告 with its title', ['某区人民政府关于2023年度法治政府建设情况的报告', '2023年，我区深入贯彻习近平法治思想。', '一、主要做法', '（一）加强组织领导。全年召开常务会议12次。', '（二）规范行政决策。审查合同46件。']],
    ['a 工作总结', ['某县司法局2023年工作总结', '一、工作开展情况', '1. 普法宣传。共开展活动32场。', '2. 法律援助。办理案件120件。']],
    ['a year-end 法治政府建设工作情况报告', ['某市2022年法治政府建设工作情况报告', '一、2022年工作成效', '（一）政府职能依法全面履行。']],
    ['a report without a title that says "现将…报告如下"', ['今年以来，在区委的领导下，我局扎实推进各项工作，现将有关情况报告如下：', '一、工作开展情况', '（一）加强学习。组织学法4次。']],
  ])('%s is refused with a message saying it looks like a report', (_name, lines) => {
    const error = refused((lines as string[]).join('\n'));
    expect(error.kind).toBe('not-a-plan');
    expect(error.message).toMatch(/^line \d+: 该文件像是(年度工作报告或工作总结|工作情况报告).*而不是工作要点/);
  });

  it('a plan that mentions the last report in its preamble is still a plan', () => {
    const plan = parsed(['某区2024年法治政府建设工作要点', '根据《某区2023年法治政府建设情况报告》提出的问题，制定本要点。', '一、依法行政', '1. 甲项。内容。'].join('\n'));
    expect(titles(plan)).toEqual(['甲项']);
  });

  it('"政府工作报告重点工作分工方案" is a plan, not a report', () => {
    const plan = parsed(['某区2024年政府工作报告重点工作任务分工方案', '一、经济发展', '1. 甲项。（牵头单位：区发改局）'].join('\n'));
    expect(titles(plan)).toEqual(['甲项']);
  });

  it('when unsure (numbered paragraphs telling what was done, no title), flags it with zero items instead of inventing them', () => {
    const result = parsePlanText(
      ['一、加强组织领导', '（一）健全机制。截至目前共召开会议6次，累计印发文件12件。', '（二）强化学习。全年共组织学法4次，开展了专题培训。', '（三）加强宣传。共开展活动20场，发放资料3000份。'].join('\n'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.sections).toEqual([]);
    expect(result.value.notAPlan).toContain('像是工作报告或总结');
    expect(result.value.warnings[0].message).toMatch(/^line 2: /);
  });
});

describe('4. tables read as tables', () => {
  it('a Markdown 任务分工表 becomes items with unit and deadline suggestions; separator and empty rows are not items', () => {
    const plan = parsed(
      [
        '某区2024年法治政府建设重点任务分工表',
        '',
        '| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |',
        '| --- | --- | --- | --- | --- |',
        '| 1 | 深化“放管服”改革。全面实行清单管理。 | 区行政审批局 | 区司法局、区委编办 | 2024年6月底前 |',
        '|  |  |  |  |  |',
        '| 2 | 推进严格规范公正文明执法。 | 区司法局 | 各执法部门 | 持续推进 |',
      ].join('\n'),
    );
    const items = allItems(plan.sections);
    expect(items.map((i) => [i.number, i.title, i.body])).toEqual([
      [1, '深化“放管服”改革', '深化“放管服”改革。全面实行清单管理。'],
      [2, '推进严格规范公正文明执法', '推进严格规范公正文明执法。'],
    ]);
    expect(items.map((i) => [i.suggestions?.lead, i.suggestions?.cooperating, i.suggestions?.dueText])).toEqual([
      [['区行政审批局'], ['区司法局', '区委编办'], '2024年6月底前'],
      [['区司法局'], ['各执法部门'], '持续推进'],
    ]);
    expect(plan.plan).toMatchObject({ title: '某区2024年法治政府建设重点任务分工表', year: 2024 });
  });

  it('a pipe table with a 责任单位 column: the first unit leads', () => {
    const plan = parsed(['序号 | 重点任务 | 责任单位 | 完成时间', '1 | 规范行政决策。 | 区司法局、区政府办 | 12月底前'].join('\n'));
    expect(allItems(plan.sections)[0].suggestions).toMatchObject({ lead: ['区司法局'], cooperating: ['区政府办'], dueText: '12月底前' });
  });

  it('a table without a task column (a contact list) gives no items', () => {
    const error = refused(['序号 | 单位 | 联系人 | 电话', '1 | 区司法局 | 张三 | 12345678', '2 | 区财政局 | 李四 | 87654321'].join('\n'));
    expect(error.kind).toBe('no-items');
  });

  it('scored indicator categories ("组织保障（20分）") head their own points and do not merge', () => {
    const plan = parsed(
      ['2024年度法治政府建设考核指标', '组织保障（20分）', '1. 党政主要负责人履行第一责任人职责。', '2. 将法治政府建设纳入发展规划。', '依法决策（15分）', '1. 严格落实重大行政决策程序。', '2. 全面推行法律顾问制度。'].join('\n'),
    );
    expect(plan.sections.map((s) => [s.title, s.items.map((i) => [i.number, i.title])])).toEqual([
      ['组织保障（20分）', [[1, '党政主要负责人履行第一责任人职责'], [2, '将法治政府建设纳入发展规划']]],
      ['依法决策（15分）', [[1, '严格落实重大行政决策程序'], [2, '全面推行法律顾问制度']]],
    ]);
    expect(allItems(plan.sections).some((i) => i.body.includes('分）'))).toBe(false);
    expect(plan.plan.year).toBe(2024);
  });
});

describe('8. unit clauses in context', () => {
  it('reads lead, co-operating units and the deadline from one clause, and a clause with more text after it', () => {
    const plan = parsed(
      [
        '某市2024年工作要点',
        '一、优化营商环境',
        '1. 推进相对集中行政许可权改革。(牵头单位:市行政审批局;责任单位:市司法局、市委编办,9月底完成)',
        '2. 建立行政复议委员会（牵头单位：市司法局）。年内完成组建并运行。',
      ].join('\n'),
    );
    const [first, second] = allItems(plan.sections);
    expect(first.suggestions).toMatchObject({ lead: ['市行政审批局'], cooperating: ['市司法局', '市委编办'], dueText: '9月底完成' });
    expect(second.suggestions).toMatchObject({ lead: ['市司法局'] });
    expect(second.body).toBe('建立行政复议委员会。年内完成组建并运行。');
  });

  it('"下同" carries the units to the following items that name none, until another note', () => {
    const plan = parsed(
      ['某区2024年工作要点', '一、依法行政', '1. 甲项。内容。（牵头单位：区司法局，下同）', '2. 乙项。内容。', '3. 丙项。内容。（牵头单位：区财政局）', '4. 丁项。内容。'].join('\n'),
    );
    expect(allItems(plan.sections).map((i) => [i.suggestions?.lead, i.suggestions?.carriedFromLine])).toEqual([
      [['区司法局'], undefined],
      [['区司法局'], 3],
      [['区财政局'], undefined],
      [['区司法局'], 3],
    ]);
  });

  it('keeps traditional-character names as printed (matching folds them, see unit-names)', () => {
    const plan = parsed('某市2024年工作要點\n一、優化營商環境\n1. 深化審批改革。持續推進。（牽頭單位：市行政審批局）');
    expect(allItems(plan.sections)[0].suggestions?.lead).toEqual(['市行政審批局']);
  });
});

describe('9. metadata as web pages and notices print it', () => {
  it('文号 with 號 after a spaced "文  号：" label, the issuer and date from the page info line, site navigation glued into the title', () => {
    const plan = parsed(
      [
        '首页 > 政务公开 > 通知公告 > 正文某县2024年法治政府建设工作要点',
        '发布机构：某县人民政府办公室    发布日期：2024-03-05    浏览次数：128',
        '文  号：某政办〔2024〕7號',
        '一、依法全面履行政府职能',
        '（一）深化“放管服”改革。全面实行清单管理。',
      ].join('\n'),
    );
    expect(plan.plan).toMatchObject({ title: '某县2024年法治政府建设工作要点', docNumber: '某政办〔2024〕7号', issuer: '某县人民政府办公室', issuedOn: '2024-03-05', year: 2024 });
  });

  it('文号 in parentheses after the notice title; a title on two lines; 第一章 / 第一条 headings', () => {
    const plan = parsed(
      [
        '关于印发某区2023年依法行政工作要点的通知（某政发〔2023〕12号）',
        '各街道：',
        '现印发给你们，请遵照执行。',
        '某区2023年依法行政',
        '工作要点',
        '第一章 总则',
        '第一条 为推进依法行政，制定本要点。',
        '第二章 主要任务',
        '第二条 深化行政审批制度改革。全面清理事项。（牵头单位：区审批局）',
        '第三条 规范行政执法。严格执行三项制度。（牵头单位：区司法局）',
      ].join('\n'),
    );
    expect(plan.plan).toMatchObject({ docNumber: '某政发〔2023〕12号', title: '某区2023年依法行政工作要点', year: 2023 });
    expect(plan.sections.map((s) => [s.ordinal, s.title, s.items.map((i) => [i.label, i.number, i.title])])).toEqual([
      ['一', '总则', []],
      ['二', '主要任务', [['第二条', 2, '深化行政审批制度改革'], ['第三条', 3, '规范行政执法']]],
    ]);
    expect(plan.warnings.filter((w) => /编号/.test(w.message))).toEqual([]);
  });

  it('a 文号 cited in the prose is not taken for the document\'s own', () => {
    const plan = parsed(['某区2024年工作要点', '根据《关于加强法治政府建设的意见》（某发〔2021〕3号）要求，制定本要点。', '一、依法行政', '1. 甲项。内容。'].join('\n'));
    expect(plan.plan.docNumber).toBeNull();
  });
});

describe('3b. a plan that looks back before it looks forward', () => {
  it('"一、2023年工作总结" as a chapter is not the title of a report', () => {
    const result = parsePlanText(['一、2023年工作总结', '全年完成各项任务。', '二、2024年工作安排', '1. 推进依法决策。内容。', '2. 规范行政执法。内容。'].join('\n'));
    expect(result.ok).toBe(true);
  });
});

describe('3c. reports in traditional characters', () => {
  it('a 繁體 法治政府建設工作報告 is refused like its simplified copy', () => {
    const error = refused(['某市2022年法治政府建設工作情況報告', '一、主要舉措和成效', '（一）加強組織領導。全年召開會議12次。'].join('\n'));
    expect(error.kind).toBe('not-a-plan');
    expect(error.message).toContain('标题“某市2022年法治政府建設工作情況報告”');
  });
});

describe('3d. a plan with numeric targets is still a plan', () => {
  it('counted targets ("培训200人次", "到年底累计完成") do not make it a report', () => {
    const plan = parsed(
      [
        '某区2024年普法工作要点',
        '一、深入开展普法宣传',
        '1. 开展主题宣传。全年开展活动20场，培训200人次，发放资料5000份。',
        '2. 建设法治文化阵地。到年底累计建成示范点10个，同比增长20%。',
        '3. 推进以案释法。发布典型案例12件。',
      ].join('\n'),
    );
    expect(titles(plan)).toEqual(['开展主题宣传', '建设法治文化阵地', '推进以案释法']);
    expect(plan.notAPlan).toBeUndefined();
  });
});
