import { describe, expect, it } from '@jest/globals';
import { isNoteLine, readLabelledNotes, readUnitList, splitUnits, takeEmbeddedNotes, takeTrailingNotes, toSuggestions } from './unit-suggestions.js';

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

describe('unit clauses as offices print them (issue 10)', () => {
  it('takes a deadline written inside the unit list as the due text, not as a unit', () => {
    const taken = takeTrailingNotes('推进相对集中行政许可权改革。(牵头单位:市行政审批局;责任单位:市司法局、市委编办,9月底完成)');
    expect(taken.text).toBe('推进相对集中行政许可权改革。');
    expect(toSuggestions(taken.notes)).toMatchObject({ lead: ['市行政审批局'], cooperating: ['市司法局', '市委编办'], dueText: '9月底完成' });
  });

  it.each([
    ['2024年6月底前', true], ['9月底完成', true], ['年底前完成', true], ['持续推进', true], ['长期坚持', true], ['第三季度末', true],
    ['十月底前', true], ['市司法局', false], ['各乡镇', false], ['6月', true],
  ])('"%s" read as a deadline: %s', (clause, isDue) => {
    const list = readUnitList(`区司法局，${clause}`);
    expect(list.due.includes(clause)).toBe(isDue);
    expect(list.units.map((u) => u.name).includes(clause)).toBe(!isDue);
  });

  it.each([
    ['市委编办及市直有关单位', ['市委编办', '市直有关单位']],
    ['区司法局以及各街道', ['区司法局', '各街道']],
    ['区发改局和各镇街', ['区发改局', '各镇街']],
    ['区住房和城乡建设局', ['区住房和城乡建设局']],
    ['区人力资源和社会保障局、区自然资源和规划局', ['区人力资源和社会保障局', '区自然资源和规划局']],
    ['区 司法局', ['区司法局']],
    ['市 行政审批 局、市财政局', ['市行政审批局', '市财政局']],
    ['区审计局 区司法局', ['区审计局', '区司法局']],
    ['各县（市、区）人民政府、市司法局', ['各县（市、区）人民政府', '市司法局']],
    ['市司法局等部门', ['市司法局']],
  ])('%s → %j', (text, names) => {
    expect(splitUnits(text).map((u) => u.name)).toEqual(names);
  });

  it('reads a labelled clause followed by more text on the same line, and keeps that text in the body', () => {
    const taken = takeEmbeddedNotes('建立行政复议委员会（牵头单位：区司法局；配合单位：区委编办）。年内完成组建并运行。');
    expect(taken.text).toBe('建立行政复议委员会。年内完成组建并运行。');
    expect(toSuggestions(taken.notes)).toMatchObject({ lead: ['区司法局'], cooperating: ['区委编办'] });
  });

  it('leaves parentheticals that are not unit notes in the text', () => {
    expect(takeEmbeddedNotes('落实党委（党组）主体责任，党校（行政学院）开设课程。')).toEqual({ text: '落实党委（党组）主体责任，党校（行政学院）开设课程。', notes: [] });
  });

  it('marks a note ending "，下同" as carrying its units forward, without taking "下同" for a unit', () => {
    const s = toSuggestions(readLabelledNotes('牵头单位：市司法局，下同'));
    expect(s).toMatchObject({ lead: ['市司法局'], cooperating: [], carriesForward: true });
  });
});
