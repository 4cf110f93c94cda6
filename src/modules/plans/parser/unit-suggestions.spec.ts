import { describe, expect, it } from '@jest/globals';
import { isNoteLine, readLabelledNotes, splitUnits, takeTrailingNotes, toSuggestions } from './unit-suggestions.js';

describe('splitUnits', () => {
  it.each([
    ['区发改局、区财政局', [['区发改局', 'bare'], ['区财政局', 'bare']]],
    ['区发改局，区财政局；区审计局 区司法局', [['区发改局', 'bare'], ['区财政局', 'bare'], ['区审计局', 'bare'], ['区司法局', 'bare']]],
    ['县政府办公室、县司法局、各有关部门,乡镇人民政府按职责分工分别负责。', [['县政府办公室', 'bare'], ['县司法局', 'bare'], ['各有关部门', 'bare'], ['乡镇人民政府', 'bare']]],
    ['市发改委、市财政局(第一责任单位为牵头单位,下同)', [['市发改委', 'bare'], ['市财政局', 'bare']]],
    ['省市场监管局、商务厅按职责分工负责。具体任务均涉及相关市(州)人民政府,不再做分工,下同。', [['省市场监管局', 'bare'], ['商务厅', 'bare']]],
    ['市政府辦公室、市審改辦牽頭,市級各有關部門按職責分工負責', [['市政府辦公室', 'lead'], ['市審改辦', 'lead'], ['市級各有關部門', 'bare']]],
    ['区发改局牵头，各镇街配合', [['区发改局', 'lead'], ['各镇街', 'cooperating']]],
    ['区财政局、区发改局（牵头）', [['区财政局', 'bare'], ['区发改局', 'lead']]],
    ['相关市(州)人民政府', [['相关市(州)人民政府', 'bare']]],
    ['由区政府办公室负责', [['区政府办公室', 'bare']]],
  ])('%s', (text, expected) => {
    expect(splitUnits(text).map((u) => [u.name, u.role])).toEqual(expected);
  });
});

describe('note lines', () => {
  it.each([
    ['责任单位：区发改局', true],
    ['牵头单位:区发改局；配合单位:区财政局', true],
    ['（牵头部门：党政综合办）', true],
    ['〔责任单位:省市场监管局〕', true],
    ['責任單位:市財政局', true],
    ['時限要求：持續推進', true],
    ['责任单位要切实履行职责。', false],
    ['牵头抓总，统筹推进。', false],
  ])('%s is a note line: %s', (text, expected) => {
    expect(isNoteLine(text)).toBe(expected);
  });

  it('reads a whole-line parenthetical followed by a full stop', () => {
    expect(readLabelledNotes('（牵头单位：区发改局；配合单位：区财政局）。').map((n) => [n.label, n.content])).toEqual([
      ['牵头单位', '区发改局'],
      ['配合单位', '区财政局'],
    ]);
  });

  it('splits several labels of one line', () => {
    expect(readLabelledNotes('牵头单位：区发改局；配合单位：区财政局、区审计局；完成时限：6月底前').map((n) => [n.category, n.content])).toEqual([
      ['lead', '区发改局'],
      ['cooperating', '区财政局、区审计局'],
      ['due', '6月底前'],
    ]);
  });
});

describe('takeTrailingNotes', () => {
  it.each([
    ['甲。（牵头单位：区发改局）', '甲。', ['区发改局']],
    ['甲（牵头单位：区发改局）。', '甲。', ['区发改局']],
    ['甲。(责任单位:区发改局)(配合单位:区财政局)', '甲。', ['区发改局', '区财政局']],
    ['甲。〔责任单位:相关市(州)人民政府〕', '甲。', ['相关市(州)人民政府']],
    ['甲。责任单位：区发改局', '甲。', ['区发改局']],
    ['甲。（区发改局牵头）', '甲。', ['区发改局牵头']],
  ])('%s', (paragraph, text, contents) => {
    const taken = takeTrailingNotes(paragraph);
    expect(taken.text).toBe(text);
    expect(taken.notes.map((n) => n.content)).toEqual(contents);
  });

  it.each(['落实党委（党组）责任', '根据纲要（2015-2020年）', '推进宪法教育(联系点)、', '(市政府辦公室、市'])('leaves %s alone', (paragraph) => {
    expect(takeTrailingNotes(paragraph)).toEqual({ text: paragraph, notes: [] });
  });
});

describe('toSuggestions', () => {
  it('is undefined without unit or deadline notes', () => {
    expect(toSuggestions([])).toBeUndefined();
    expect(toSuggestions(readLabelledNotes('责任领导：张三'))).toBeUndefined();
  });

  it('turns 责任单位 into co-operating units when a lead is printed', () => {
    const notes = [...readLabelledNotes('牵头单位:区发改局'), ...readLabelledNotes('责任单位:立山经济开发区,全区经济运行各专班')];
    expect(toSuggestions(notes)).toEqual({
      lead: ['区发改局'],
      cooperating: ['立山经济开发区', '全区经济运行各专班'],
      unitText: '牵头单位：区发改局；责任单位：立山经济开发区,全区经济运行各专班',
    });
  });

  it('reads a deadline alone', () => {
    expect(toSuggestions(readLabelledNotes('完成时限：2023年12月底前。'))).toEqual({ lead: [], cooperating: [], dueText: '2023年12月底前' });
  });

  it('lists each unit once', () => {
    expect(toSuggestions(readLabelledNotes('牵头单位：区发改局；配合单位：区发改局、区财政局、区财政局'))).toMatchObject({
      lead: ['区发改局'],
      cooperating: ['区财政局'],
    });
  });
});
