import { describe, expect, it } from '@jest/globals';
import { detectNumbering } from './numbering.js';
import { dateLine, tidySpaces } from './plan-text.js';

describe('detectNumbering', () => {
  it.each([
    ['一、依法全面履行政府职能', 'chinese', '一、', '一', 1, '依法全面履行政府职能'],
    ['十二、加强监督', 'chinese', '十二、', '十二', 12, '加强监督'],
    ['（一）加强领导', 'paren-chinese', '（一）', '一', 1, '加强领导'],
    ['(三)强化宪法学习宣传教育', 'paren-chinese', '(三)', '三', 3, '强化宪法学习宣传教育'],
    ['1. 规范行政权力运行。', 'arabic', '1.', '1', 1, '规范行政权力运行。'],
    ['4. 在全省继续开展', 'arabic', '4.', '4', 4, '在全省继续开展'],
    ['30.加强政府法制机构建设', 'arabic', '30.', '30', 30, '加强政府法制机构建设'],
    ['2、乙项', 'arabic', '2、', '2', 2, '乙项'],
    ['4。加强专门监督', 'arabic', '4。', '4', 4, '加强专门监督'],
    ['１．甲', 'arabic', '１．', '1', 1, '甲'],
    ['1. 2023年底前完成', 'arabic', '1.', '1', 1, '2023年底前完成'],
    ['（1）建立机制', 'paren-arabic', '（1）', '1', 1, '建立机制'],
    ['2）明确责任', 'paren-arabic', '2）', '2', 2, '明确责任'],
    ['⑵明确责任', 'paren-arabic', '⑵', '⑵', 2, '明确责任'],
    ['①定期督查', 'circled', '①', '①', 1, '定期督查'],
    ['㉑第二十一', 'circled', '㉑', '㉑', 21, '第二十一'],
    // Plans written like regulations (issue 10): 第一章 heads a chapter, 第一条 is an article.
    ['第一条 总则', 'article', '第一条', '一', 1, '总则'],
    ['第十二条　深化改革。', 'article', '第十二条', '十二', 12, '深化改革。'],
    ['第二章 主要任务', 'chapter', '第二章', '二', 2, '主要任务'],
    ['第一部分：总体要求', 'chapter', '第一部分', '一', 1, '总体要求'],
    ['第3条 规范执法', 'article', '第3条', '3', 3, '规范执法'],
  ])('%s', (text, kind, label, ordinal, number, rest) => {
    expect(detectNumbering(text)).toEqual({ kind, label, ordinal, number, rest });
  });

  it.each([
    '一是建立机制', '2016年5月15日', '1.5%以上', '6.2%左右', '3、5月底前', '100%覆盖', '12·4国家宪法日', '1 | 重点宣传',
    '(上接第一版)', '〇、无', '共12。', '附件：1.工作表', '第一版', '第二季度末',
  ])('%s is not numbered', (text) => {
    expect(detectNumbering(text)).toBeNull();
  });
});

describe('Chinese numerals and dates', () => {
  it.each([
    ['2016年5月15日', '2016-05-15'],
    ['二〇一六年五月十五日', '2016-05-15'],
    ['2023年3月28日', '2023-03-28'],
    ['2019116', null],
    ['2023年2月30日', null],
    ['2016年5月15日印发', null],
  ] as [string, string | null][])('date line %s → %s', (text, iso) => {
    expect(dateLine(text)).toBe(iso);
  });

  it('removes layout spaces next to CJK characters but keeps them between Latin words', () => {
    expect(tidySpaces('惠济区 2016 年推进依法行政 建设法治政府工作要点')).toBe('惠济区2016年推进依法行政建设法治政府工作要点');
    expect(tidySpaces('遵守宪法、 维护宪法')).toBe('遵守宪法、维护宪法');
    expect(tidySpaces('Office 365 平台')).toBe('Office 365平台');
  });
});
