/**
 * Tells a work plan from the documents a legal office also receives that are not plans — a year-end
 * 工作报告 / 情况报告, a 工作总结 — and finds the plan inside a 通知 that wraps it ("现将《…要点》
 * 印发给你们… 一、高度重视… 二、…" followed by the plan itself). A report's numbered paragraphs
 * describe work done; importing them as work points would invent tasks, so they are refused.
 */
import { dateLine, zh, zhAny } from './plan-text.js';
import { isOrganisationLine, type SourceLine } from './plan-lines.js';
import { simplified } from './unit-names.js';

const PLAN_WORDS = zhAny([
  '工作要点', '要点', '工作安排', '工作计划', '计划', '实施方案', '方案', '若干措施', '措施', '实施意见', '意见', '任务分工',
  '分工', '责任清单', '清单', '规划', '分解表', '分工表', '任务表', '台账', '细则', '办法', '指标',
]);
/** A title that ends as a report or a summary ("…工作情况的报告", "…工作总结", "…情况汇报"). */
const REPORT_TITLE = new RegExp(`(?:${zhAny(['报告', '总结', '汇报', '述职', '述法'])})(?:[（(][^（()）]{1,14}[）)])?$`);
const PLAN_TITLE_END = new RegExp(`(?:${PLAN_WORDS})(?:[（(][^（()）]{1,14}[）)])?$`);
const REPORT_PHRASE = new RegExp(
  `(?:${zhAny(['报告如下', '汇报如下', '总结如下', '特此报告', '报告如后', '现报告如下', '情况报告如下'])})`,
);
const NOTICE_LINE = new RegExp(`${zh('关于')}.{0,80}${zh('通知')}$|^${zh('通知')}$`);
const NOTICE_SIGNS = new RegExp(`${zhAny(['印发给你们', '现将', '请认真贯彻', '请结合实际', '通知如下', '现就有关事项', '转发给你们', '请遵照执行', '认真抓好落实'])}`);
/** Words that tell work done: a plan says what is to be done and almost never uses them. */
const RETROSPECTIVE = new RegExp(
  `${zhAny(['截至目前', '截至', '累计', '同比', '今年以来', '年以来', '一年来', '全年共', '共计', '先后', '圆满完成', '取得了', '主要举措和成效', '工作成效', '取得的成效', '存在的问题', '存在问题和不足', '下一步工作', '下一步打算', '工作打算'])}|(?:${zhAny(['开展', '举办', '组织', '召开', '印发', '制定', '出台', '完成', '办理', '审查', '受理', '培训', '建立', '修订', '清理', '发放', '制作', '聘请', '公布', '组建', '成立', '实现'])})了`,
  'g',
);
/** Counted results ("审查合同46件", "培训200余人次"): common in reports, rarer in plans. */
const COUNTED = /[0-9０-９]+(?:\.[0-9]+)?\s*余?\s*(?:次|件|场|人次|余人|名|期|份|家|起|篇|万元|亿元|户)/g;

export interface DocumentVerdict {
  /** A Chinese sentence saying what the document looks like and why. */
  message: string;
  /** The line that gave it away. */
  line: number;
}

function titleLike(text: string): boolean {
  return text.length >= 6 && text.length <= 80 && !/[。；;！？!?]/.test(text) && /\p{Script=Han}{4}/u.test(text);
}

/**
 * A report or summary: its title ends in 报告/总结 (and not in a plan word), or it says
 * "现将…情况报告如下". Returns null for anything that may be a plan.
 */
export function reportVerdict(lines: readonly SourceLine[]): DocumentVerdict | null {
  // Judged in simplified characters: a 繁體 copy says 報告 and 總結.
  const head = lines
    .filter((l) => l.kind !== 'blank')
    .slice(0, 25)
    .map((l) => ({ ...l, printed: l.text, text: simplified(l.text.slice(0, 300)) }));
  // A document's title is an unnumbered line: "一、2023年工作总结" is a chapter of a plan that looks back first.
  const titles = head.filter((l) => l.kind !== 'numbered');
  // A plan's own title anywhere at the head wins: "关于印发《2023年工作要点》的通知" is a plan.
  const planTitle = titles.find((l) => titleLike(l.text) && (PLAN_TITLE_END.test(stripQuotes(l.text)) || /《[^《》]*(?:要点|计划|方案|安排|措施|分工|清单)》/.test(l.text)));
  const reportTitle = titles.find((l) => titleLike(l.text) && REPORT_TITLE.test(stripQuotes(l.text)) && !/政府工作报告.{0,20}(?:分工|任务|分解)/.test(l.text));
  if (reportTitle && (!planTitle || planTitle.no > reportTitle.no)) {
    return { line: reportTitle.no, message: `该文件像是年度工作报告或工作总结（标题“${shorten(stripQuotes(reportTitle.printed))}”）而不是工作要点，未导入；请上传工作要点、实施方案或任务分工文件` };
  }
  if (planTitle) return null;
  const phrase = head.find((l) => REPORT_PHRASE.test(l.text));
  if (phrase) {
    return { line: phrase.no, message: `该文件像是工作情况报告（第${phrase.no}行写有“${REPORT_PHRASE.exec(phrase.text)?.[0] ?? '报告如下'}”）而不是工作要点，未导入；请上传工作要点、实施方案或任务分工文件` };
  }
  return null;
}

/**
 * Not sure, but the numbered paragraphs tell what was done ("截至目前共开展…", "组织了…", "审查合同
 * 46件") rather than what is to be done: a report whose title is not in the copy. The caller then
 * returns zero items with this verdict (flagged), never the invented "tasks".
 */
export function retrospectiveVerdict(itemBodies: readonly { line: number; body: string }[]): DocumentVerdict | null {
  if (itemBodies.length === 0) return null;
  let strong = 0;
  let counted = 0;
  let chars = 0;
  let first: number | null = null;
  for (const item of itemBodies) {
    if (chars > 50_000) break; // enough to judge; folding a whole province plan would cost seconds
    const body = simplified(item.body.slice(0, 5_000));
    const s = body.match(RETROSPECTIVE)?.length ?? 0;
    strong += s;
    counted += body.match(COUNTED)?.length ?? 0;
    chars += body.length;
    if (s > 0 && first === null) first = item.line;
  }
  // Measured on the seeds: reports have ≥ 2.6 such words per 1,000 characters, the seed plan 0.2.
  const perThousand = (n: number): number => (n * 1000) / Math.max(chars, 1);
  if (strong < 3 || perThousand(strong) < 1 || perThousand(strong * 2 + counted) < 5 || first === null) return null;
  return {
    line: first,
    message: `该文件的编号段落大多在叙述已完成的工作（如第${first}行），像是工作报告或总结而不是工作要点；未列出条目，请核对文件`,
  };
}

function stripQuotes(text: string): string {
  return text.replace(/^《(.*)》$/, '$1').trim();
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * Where the plan starts when a 通知 wraps it. The notice comes first (its title "关于…的通知", a
 * "现将…印发给你们" sentence, maybe its own 一、二、三 of requirements, a signature and a date),
 * then the plan: its own title line, or simply numbered lines after the signature's date.
 * Returns the index of the plan's title (or the date line) — the lines up to it are the preamble.
 */
export function planInsideNotice(lines: readonly SourceLine[], firstNumbered: number): number | null {
  if (firstNumbered < 0) return null;
  const before = lines.slice(0, firstNumbered);
  const isNotice = before.some((l) => NOTICE_LINE.test(l.text) || NOTICE_SIGNS.test(l.text));
  if (!isNotice) return null;
  let sawNumbered = false;
  for (let i = firstNumbered; i < lines.length; i++) {
    const line = lines[i];
    if (line.kind === 'numbered') {
      sawNumbered = true;
      continue;
    }
    if (!sawNumbered || line.kind === 'blank') continue;
    const next = nextNumbered(lines, i + 1);
    if (next < 0) return null;
    // The plan's own title between the notice's points and the plan's, set apart from the text above.
    const above = previousText(lines, i);
    const setApart = dateLine(above) !== null || isOrganisationLine(above) || /^附件/.test(above) || (lines[i - 1]?.kind === 'blank' && /[。：:]$/.test(above));
    if (setApart && line.kind === 'text' && titleLike(line.text) && PLAN_TITLE_END.test(stripQuotes(line.text)) && !NOTICE_LINE.test(line.text)) return i;
    // The notice's signature and date, then straight into the plan.
    if (dateLine(line.text) && i > 0 && isOrganisationLine(previousText(lines, i))) {
      const between = lines.slice(i + 1, next).filter((l) => l.kind !== 'blank');
      if (between.every((l) => l.kind === 'text' || l.kind === 'attachment' || l.kind === 'footer')) return i;
    }
  }
  return null;
}

function nextNumbered(lines: readonly SourceLine[], from: number): number {
  for (let i = from; i < lines.length; i++) if (lines[i].kind === 'numbered') return i;
  return -1;
}

function previousText(lines: readonly SourceLine[], index: number): string {
  for (let i = index - 1; i >= 0; i--) if (lines[i].kind !== 'blank') return lines[i].text;
  return '';
}
