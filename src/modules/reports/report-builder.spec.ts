import { describe, expect, it } from '@jest/globals';
import { foldRollup } from '../rollups/rollup-fold';
import { buildReport, formatRate, formatValue, PART_TITLES, renderMarkdown, reportingArea } from './report-builder';

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
