import { describe, expect, it } from '@jest/globals';
import { foldRollup } from '../rollups/rollup-fold';
import { buildReport, columnWidths, formatFigures, formatQuote, formatRate, formatValue, PART_TITLES, renderMarkdown, reportingArea } from './report-builder';

describe('reportingArea', () => {
  it.each([
    ['郑州市惠济区人民政府', '惠济区 2016 年推进依法行政 建设法治政府工作要点', '惠济区', '郑州市'],
    ['焦作市中站区人民政府', 'x', '中站区', '焦作市'],
    ['巩义市人民政府', 'x', '巩义市', null],
    [null, '惠济区 2016 年推进依法行政 建设法治政府工作要点', '惠济区', null],
    [null, '工作要点', null, null],
  ])('%s / %s → %s under %s', (issuer, title, area, parent) => {
    expect(reportingArea(issuer, title)).toMatchObject({ area, parent });
  });
});

describe('formatting', () => {
  it('writes rates, values and chapter numbers the way the reports do', () => {
    expect([formatRate(1), formatRate(0.6667), formatRate(0.25), formatRate(null)]).toEqual(['100%', '66.7%', '25%', '—']);
    expect([formatValue(14), formatValue(12.5), formatValue(1 / 3)]).toEqual(['14', '12.5', '0.33']);
  });
});

describe('buildReport', () => {
  const plan = { year: 2016, title: '惠济区2016年推进依法行政建设法治政府工作要点', docNumber: '惠政文〔2016〕35号', issuer: '郑州市惠济区人民政府' };
  const chapters = [{ id: 'c1', ordinal: '一', title: '依法全面履行政府职能' }];

  it('without a closed quarter writes placeholders instead of numbers, never invented figures', () => {
    const md = renderMarkdown(buildReport({ plan, itemCount: 30, chapters, closed: [], lowOnTimeRate: 0.8 }));
    for (const part of PART_TITLES) expect(md).toContain(`## ${part}`);
    expect(md).toContain('### （一）依法全面履行政府职能');
    expect(md).toContain('尚无已关账的季度');
    expect(md).not.toMatch(/已办结\d/);
  });

  it('says which quarters are not closed yet', () => {
    const view = foldRollup(
      { planId: 'p', quarter: '2016Q1', periodStart: '2016-01-01', periodEnd: '2016-03-31', asOf: '2016-03-31', chapters, departments: [{ id: 'd', name: '区审计局' }] },
      { tasks: [{ chapterId: 'c1', departmentId: 'd', total: 2, due: 1, completed: 1, completedInQuarter: 1, completedOnTime: 1, overdue: 0, percentSum: 150 }], figures: [], notices: [], lines: [] },
    );
    const md = renderMarkdown(buildReport({ plan, itemCount: 30, chapters, closed: [{ quarter: 1, view }], lowOnTimeRate: 0.8 }));
    expect(md).toContain('第二季度、第三季度、第四季度尚未关账');
    expect(md).toContain('| 区审计局 | 2 | 1 | 未关账 | 未关账 | 未关账 | 1 | 1 | 0 | 100% |');
  });
});

describe('tables in the .docx', () => {
  it('gives every column of numbers, dates and rates the width its longest value needs, so none wraps', () => {
    const header = ['牵头单位', '任务数', '一季度办结', '按期完成率'];
    const rows = [['区城市管理局', '12', '3', '87.5%'], ['区人力资源和社会保障局', '120', '10', '100%']];
    const widths = columnWidths(header, rows, 8800, 21);
    // "87.5%" at 10.5 pt: four Latin characters and a '%' (≈ 730 twips in the fallback fonts) plus the cell margins.
    expect(widths[3]).toBeGreaterThanOrEqual(Math.ceil((4 * 0.62 + 1) * 210) + 300);
    expect(widths[1]).toBeGreaterThanOrEqual(Math.ceil(3 * 0.62 * 210) + 300);
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(8800);
    expect(widths[0]).toBeGreaterThan(widths[3]); // the names take the rest
  });
});

describe('what the report says about figures and the departments’ words', () => {
  it('writes figures by kind: counts as they are, a rate with how it was formed, text quoted', () => {
    expect(formatFigures([
      { indicator: '审核规范性文件', unit: '件', kind: 'count', value: 20, basis: 'sum' },
      { indicator: '调解成功率', unit: '%', kind: 'rate', value: 92.5, basis: 'mean' },
      { indicator: '累计调解案件', unit: '件', kind: 'cumulative', value: 19, basis: 'latest' },
      { indicator: '典型做法', unit: '', kind: 'text', value: null, basis: 'text', texts: ['复议+调解'] },
    ])).toBe('审核规范性文件20件、调解成功率92.5%（各单位平均）、累计调解案件19件（累计）、典型做法：“复议+调解”');
  });

  it('quotes a department, attributed, with its 文号 and figures in context', () => {
    expect(formatQuote({
      chapterId: 'c', taskId: 't', itemNumber: 3, title: '清理规范性文件', department: '区司法局', source: 'narrative',
      text: '完成清理工作；', period: '2026Q4', late: true, evidence: ['惠司〔2026〕5号'], figures: [{ indicator: '清理文件', value: 12, unit: '件' }],
    })).toBe('区司法局（牵头第3项“清理规范性文件”）2026年第四季度进展（补报）称：“完成清理工作。”（文号及佐证：惠司〔2026〕5号；填报数据：清理文件12件）');
  });
});
