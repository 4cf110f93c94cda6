// The year-end report (年度法治政府建设情况报告) as a draft, built from the plan, the annual roll-up
// (task statistics as of 31 December, figures of the year's four periods aggregated by indicator
// kind, 补报 included and noted) and the FROZEN quarterly roll-ups (the per-quarter table). The
// achievements of each chapter quote the departments' own completion summaries and period
// narratives, attributed, with their 文号 (evidence) and figures in context. Pure: data in, blocks
// out, then Markdown text or a .docx Buffer. The five parts follow 《法治政府建设与责任落实工作规定》
// (主要举措和成效 / 不足和原因 / 第一责任人履职 / 下一年度安排 / 其他); the shape (title, addressee,
// opening, （一）（二）… per chapter, 特此报告, signature) follows the real reports in shared/seeds.
// What the ledger cannot know is left as a marked placeholder 【待填写：…】, never invented.
import {
  AlignmentType, BorderStyle, Document, Footer, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import { chineseNumeral } from '../../common/text/chinese-numerals';
import type { ChapterRef, FigureSum, RollupView, TaskLine } from '../rollups/rollup.types';

/** A department's own words about a task: its approved completion summary, or a period narrative. */
export interface ChapterQuote {
  chapterId: string;
  taskId: string;
  itemNumber: number;
  title: string;
  department: string;
  source: 'completion' | 'narrative';
  text: string;
  /** The period of a narrative ('2016Q3'); null for a completion summary. */
  period: string | null;
  /** 补报: filed after its period closed. */
  late: boolean;
  /** Evidence references as the department gave them (文号, file names). */
  evidence: string[];
  /** The figures it reported with it. */
  figures: { indicator: string; value: number | string; unit: string }[];
}

export interface ReportInput {
  plan: { year: number; title: string; docNumber: string | null; issuer: string | null };
  itemCount: number;
  chapters: ChapterRef[];
  /** The frozen roll-ups of the plan year's closed quarters. */
  closed: { quarter: 1 | 2 | 3 | 4; view: RollupView }[];
  /** The annual roll-up ('2016'); when absent the last closed quarter stands in. */
  annual?: { view: RollupView; final: boolean } | null;
  /** What the departments wrote, per chapter. */
  quotes?: ChapterQuote[];
  /** Departments below this on-time rate (0..1) are named under 不足. */
  lowOnTimeRate: number;
}

export type ReportBlock =
  | { kind: 'title'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'addressee'; text: string }
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; header: string[]; rows: string[][]; small?: boolean }
  | { kind: 'closing'; text: string }
  | { kind: 'signature'; lines: string[] };

export interface ReportModel {
  title: string;
  blocks: ReportBlock[];
}

export const PART_TITLES = [
  '一、上一年度推进法治政府建设的主要举措和成效',
  '二、存在的不足和原因',
  '三、党政主要负责人履行推进法治建设第一责任人职责情况',
  '四、下一年度推进法治政府建设的主要安排',
  '五、其他需要报告的情况',
] as const;

/** 2 → 第二季度. */
const quarterZh = (n: number) => `第${chineseNumeral(n)}季度`;

export const placeholder = (what: string) => `【待填写：${what}】`;

/** 0.6667 → '66.7%', 1 → '100%', null → '—'. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  return `${(rate * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

/** 14 → '14', 3.5 → '3.5', 0.333333 → '0.33'. */
export function formatValue(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(2)));
}

/** '2016-12-31' → '2016年12月31日'. */
export function formatDateZh(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const BASIS_ZH: Record<string, string> = { weighted: '（加权）', mean: '（各单位平均）', latest: '', sum: '', text: '' };

/** Figures aggregated by kind, in words: counts and latest values as they are, a rate with how it was formed, text quoted. */
export function formatFigures(figures: FigureSum[]): string {
  return figures.map((f) => {
    if (f.value === null) return `${f.indicator}：${(f.texts ?? []).map((t) => `“${t}”`).join('；')}`;
    const suffix = f.kind === 'rate' ? BASIS_ZH[f.basis ?? 'latest'] : f.kind === 'cumulative' ? '（累计）' : '';
    return `${f.indicator}${formatValue(f.value)}${f.unit}${suffix}`;
  }).join('、');
}

const QUARTER_OF = (period: string) => `${period.slice(0, 4)}年${quarterZh(Number(period.slice(5)))}`;

/** One quote: the department, the task, its words in quotation marks, then its 文号 and figures. */
export function formatQuote(q: ChapterQuote): string {
  const said = q.source === 'completion' ? '办结报告' : `${QUARTER_OF(q.period ?? '')}进展${q.late ? '（补报）' : ''}`;
  const context: string[] = [];
  if (q.evidence.length) context.push(`文号及佐证：${q.evidence.join('、')}`);
  if (q.figures.length) context.push(`填报数据：${q.figures.map((f) => `${f.indicator}${typeof f.value === 'number' ? formatValue(f.value) : `“${f.value}”`}${typeof f.value === 'number' ? f.unit : ''}`).join('、')}`);
  const text = q.text.trim().replace(/[。；;，,\s]+$/u, '');
  return `${q.department}（牵头第${q.itemNumber}项“${q.title}”）${said}称：“${text}。”${context.length ? `（${context.join('；')}）` : ''}`;
}

/**
 * The district (or city) that reports, and the level above it, from the issuer of the plan
 * ("郑州市惠济区人民政府" → 惠济区 under 郑州市), else from the plan title ("惠济区2016年…").
 */
export function reportingArea(issuer: string | null, planTitle: string): { area: string | null; parent: string | null; organ: string | null } {
  const organ = issuer?.trim() || null;
  const base = organ?.replace(/(人民政府|政府)(办公室)?$/, '').trim() ?? '';
  const m = /^(.*?(?:省|自治区|市|州|盟))?([^省市]{1,12}?(?:区|县|旗|市))$/u.exec(base);
  if (m) return { area: m[2], parent: m[1] ?? null, organ };
  const fromTitle = /^(\p{Script=Han}{2,12}?(?:区|县|旗|市))\s*\d{4}/u.exec(planTitle.replace(/\s+/g, ''));
  return { area: fromTitle ? fromTitle[1] : null, parent: null, organ };
}

function taskRef(t: TaskLine): string {
  return `${t.title}（第${t.itemNumber}项，${t.department}牵头）`;
}

/** Builds the report's blocks. Numbers come only from `input.closed`; nothing is computed from live data. */
export function buildReport(input: ReportInput): ReportModel {
  const { plan, chapters } = input;
  const year = plan.year;
  const { area, parent, organ } = reportingArea(plan.issuer, plan.title);
  const areaName = area ?? placeholder('区（县、市）名称');
  const title = `${areaName}${year}年度法治政府建设情况报告`;
  const closed = [...input.closed].sort((a, b) => a.quarter - b.quarter);
  // The annual roll-up when there is one (figures of all four periods, 补报 included); else the last closed quarter.
  const last = input.annual?.view ?? closed.at(-1)?.view ?? null;
  const quotes = input.quotes ?? [];
  const blocks: ReportBlock[] = [];
  const p = (text: string) => blocks.push({ kind: 'paragraph', text });
  const h = (level: 1 | 2, text: string) => blocks.push({ kind: 'heading', level, text });

  blocks.push({ kind: 'title', text: title });
  const closedNames = closed.map((c) => quarterZh(c.quarter)).join('、');
  const openQuarters = [1, 2, 3, 4].filter((n) => !closed.some((c) => c.quarter === n)).map(quarterZh);
  blocks.push({
    kind: 'note',
    text: last
      ? `（草稿：根据督办台账${year}年度汇总${input.annual?.final ? '（第四季度已关账，年度数据已定稿；此后的补报仍计入年度数据）' : ''}及${closedNames || '各季度'}关账数据生成，统计截至${formatDateZh(last.asOf)}${openQuarters.length ? `；${openQuarters.join('、')}尚未关账，相关数据待关账后更新` : ''}；【待填写】处请办公室补充。）`
      : `（草稿：${year}年尚无已关账的季度，统计数据待季度关账后生成；【待填写】处请办公室补充。）`,
  });
  blocks.push({ kind: 'addressee', text: parent ? `中共${parent}委、${parent}人民政府：` : `${placeholder('报送机关')}：` });

  // Opening: what was planned and where it stands, in the frozen numbers.
  const planRef = `《${plan.title.replace(/\s+/g, '')}》${plan.docNumber ? `（${plan.docNumber}）` : ''}`;
  if (last) {
    const o = last.overall;
    p(
      `${year}年，${area ?? '我区'}按照${planRef}部署，将${input.itemCount}项工作要点细化分解为${o.total}项任务，逐项明确牵头单位、配合单位和完成时限，建立推进台账，按季度调度、通报和督办。` +
        `截至${formatDateZh(last.asOf)}，已办结${o.completed}项，其中按期办结${o.completedOnTime}项，逾期未办结${o.overdue}项，正在推进${o.inProgress}项；任务完成率${formatRate(o.completionRate)}，按期完成率${formatRate(o.onTimeRate)}。` +
        (o.notices.issued
          ? `全年下达督办通知${o.notices.issued}件，已回复${o.notices.responded}件，回复落实率${formatRate(o.notices.responseRate)}。`
          : '全年未下达督办通知。') +
        '现将有关情况报告如下：',
    );
  } else {
    p(`${year}年，${area ?? '我区'}按照${planRef}部署推进法治政府建设。${placeholder('全年任务完成情况（尚无已关账的季度数据）')}现将有关情况报告如下：`);
  }

  // 一、主要举措和成效: one subsection per chapter of the plan, then the completion table.
  h(1, PART_TITLES[0]);
  chapters.forEach((ch, i) => {
    h(2, `（${chineseNumeral(i + 1)}）${ch.title}`);
    const stats = last?.byChapter.find((c) => c.chapterId === ch.id);
    if (!last || !stats) {
      p(placeholder(`本部分工作开展情况（尚无已关账的季度数据）`));
      return;
    }
    if (stats.total === 0) {
      p(`本部分未分解任务。${placeholder('本部分工作开展情况')}`);
      return;
    }
    const parts = [
      stats.completed
        ? `本部分分解任务${stats.total}项，截至${formatDateZh(last.asOf)}已办结${stats.completed}项，其中按期办结${stats.completedOnTime}项`
        : `本部分分解任务${stats.total}项，截至${formatDateZh(last.asOf)}尚无办结的任务`,
    ];
    if (stats.overdue) parts.push(`逾期未办结${stats.overdue}项`);
    if (stats.inProgress) parts.push(`正在推进${stats.inProgress}项`);
    p(`${parts.join('，')}。`);
    // The departments' own words: what a real report states (文号, counts in context) lives there.
    const said = quotes.filter((q) => q.chapterId === ch.id);
    if (said.length) for (const q of said) p(formatQuote(q));
    else p(placeholder('本部分工作成效（各牵头单位尚未提交办结报告或进展情况说明）'));
    const done = last.completedTasks.filter((t) => t.chapterId === ch.id);
    if (done.length) p(`已办结的任务：${done.map((t) => `${taskRef(t)}，${formatDateZh(t.completedOn!)}办结${t.extended ? `（经批准延期至${formatDateZh(t.dueDate)}）` : ''}`).join('；')}。`);
    const figures = stats.figures;
    if (figures.length) p(`各牵头单位填报的工作数据（按指标类型汇总）：${formatFigures(figures)}。`);
  });
  h(2, `（${chineseNumeral(chapters.length + 1)}）各单位分季度任务完成情况`);
  if (last) {
    p(`按牵头单位统计，各季度办结任务数取自各季度关账数据${openQuarters.length ? `（${openQuarters.join('、')}未关账）` : ''}：`);
    const cell = (n: number, departmentId: string | null) => {
      const c = closed.find((x) => x.quarter === n);
      if (!c) return '未关账';
      const row = departmentId ? c.view.byDepartment.find((d) => d.departmentId === departmentId) : c.view.overall;
      return String(row?.completedInQuarter ?? 0);
    };
    const row = (name: string, id: string | null, s: RollupView['overall']) => [
      name, String(s.total), cell(1, id), cell(2, id), cell(3, id), cell(4, id), String(s.completed), String(s.completedOnTime), String(s.overdue), formatRate(s.onTimeRate),
    ];
    blocks.push({
      kind: 'table',
      header: ['牵头单位', '任务数', '一季度办结', '二季度办结', '三季度办结', '四季度办结', '累计办结', '按期办结', '逾期未办结', '按期完成率'],
      rows: [...last.byDepartment.map((d) => row(d.name, d.departmentId, d)), row('合计', null, last.overall)],
    });
    const yearFigures = last.overall.figures;
    if (yearFigures.length) p(`全年各牵头单位填报的工作数据（计数类合计，累计类取年末最新值，比率类不相加）：${formatFigures(yearFigures)}。`);
    const late = last.lateEntries ?? [];
    if (late.length) {
      p(`以下进展为补报（所属季度关账后填报），未计入当季汇总，已计入年度数据：${late.map((l) => `${l.department}“${l.title}”${QUARTER_OF(l.period)}进展（${formatDateZh(l.reportedOn)}填报）`).join('；')}。`);
    }
    const notReported = last.notReported ?? [];
    if (notReported.length) {
      p(`未按季度报送进展的单位：${notReported.map((d) => `${d.name}${d.periods?.length ? `（${d.periods.map(QUARTER_OF).join('、')}）` : ''}`).join('、')}。`);
    }
  } else {
    p(placeholder('各单位分季度任务完成情况（尚无已关账的季度数据）'));
  }

  // 二、不足和原因: overdue and unfinished tasks, departments below the threshold; the causes are the office's to write.
  h(1, PART_TITLES[1]);
  if (last) {
    const asOf = formatDateZh(last.asOf);
    const overdue = last.openTasks.filter((t) => t.overdue);
    const unfinished = last.openTasks.filter((t) => !t.overdue);
    h(2, '（一）逾期未完成的任务');
    p(overdue.length
      ? `截至${asOf}，共有${overdue.length}项任务超过原定完成时限仍未办结：${overdue.map((t) => `${taskRef(t)}，原定${formatDateZh(t.originalDueDate)}完成，已逾期${t.daysOverdue}天，进度${t.percent}%`).join('；')}。`
      : `截至${asOf}，无超过原定完成时限仍未办结的任务。`);
    h(2, '（二）尚未完成的任务');
    p(unfinished.length
      ? `截至${asOf}，另有${unfinished.length}项任务尚未到期、仍在推进：${unfinished.map((t) => `${taskRef(t)}，${formatDateZh(t.dueDate)}到期，进度${t.percent}%`).join('；')}。`
      : `截至${asOf}，无其他未完成的任务。`);
    const low = last.byDepartment.filter((d) => d.onTimeRate !== null && d.onTimeRate < input.lowOnTimeRate);
    h(2, `（三）按期完成率低于${formatRate(input.lowOnTimeRate)}的单位`);
    p(low.length
      ? `${low.map((d) => `${d.name}（按期完成率${formatRate(d.onTimeRate)}，逾期未办结${d.overdue}项）`).join('、')}。`
      : `各牵头单位按期完成率均不低于${formatRate(input.lowOnTimeRate)}。`);
    const unanswered = last.overall.notices.issued - last.overall.notices.responded;
    if (unanswered > 0) p(`截至${asOf}，尚有${unanswered}件督办通知未回复。`);
    h(2, '（四）原因分析');
  }
  p(placeholder('存在不足的原因分析（请法制办结合上述逾期、未完成任务和督办情况填写）'));

  h(1, PART_TITLES[2]);
  p(placeholder('党政主要负责人履行推进法治建设第一责任人职责情况（督办台账不掌握此项情况，请据实填写）'));

  // 四、下一年度安排: the unfinished tasks carry over; the new year's plan is the office's to write.
  h(1, PART_TITLES[3]);
  if (last) {
    h(2, '（一）结转任务');
    p(last.openTasks.length
      ? `以下${last.openTasks.length}项任务截至${formatDateZh(last.asOf)}尚未办结，结转至${year + 1}年继续推进：${last.openTasks.map((t) => `${taskRef(t)}，当前进度${t.percent}%`).join('；')}。`
      : `${year}年度任务已全部办结，无结转任务。`);
    h(2, `（二）${year + 1}年度主要安排`);
  }
  p(placeholder(`${year + 1}年度推进法治政府建设的主要安排`));

  h(1, PART_TITLES[4]);
  p(placeholder('其他需要报告的情况（如无，可写“无”）'));

  blocks.push({ kind: 'closing', text: '特此报告。' });
  blocks.push({ kind: 'signature', lines: [organ ?? placeholder('报告单位'), placeholder(`成文日期（应于${year + 1}年3月1日前报送）`)] });

  // 附件: the task table, every task with both due dates and the one 按期 answer.
  h(1, '附件：任务完成情况表');
  if (last && (last.completedTasks.length || last.openTasks.length)) {
    const lines = [...last.completedTasks, ...last.openTasks].sort((a, b) => a.itemNumber - b.itemNumber || a.seq - b.seq);
    blocks.push({
      kind: 'table', small: true,
      header: ['序号', '任务', '牵头单位', '原定时限', '现行时限', '完成情况', '是否按期'],
      rows: lines.map((t, i) => [
        String(i + 1), `${t.itemNumber}. ${t.title}`, t.department, t.originalDueDate, t.dueDate,
        t.completedOn ? `${t.completedOn}办结` : `进度${t.percent}%`,
        t.onTime === true ? (t.extended ? '按期（延期后）' : '按期') : t.onTime === false ? '逾期办结' : t.overdue ? '逾期未办结' : '在办',
      ]),
    });
  } else {
    p(placeholder('任务完成情况表（尚无统计数据）'));
  }
  return { title, blocks };
}

const escapeCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(model: ReportModel): string {
  const out: string[] = [];
  for (const b of model.blocks) {
    switch (b.kind) {
      case 'title':
        out.push(`# ${b.text}`);
        break;
      case 'heading':
        out.push(`${b.level === 1 ? '##' : '###'} ${b.text}`);
        break;
      case 'table':
        out.push(
          [`| ${b.header.map(escapeCell).join(' | ')} |`, `|${b.header.map(() => ' --- ').join('|')}|`, ...b.rows.map((r) => `| ${r.map(escapeCell).join(' | ')} |`)].join('\n'),
        );
        break;
      case 'signature':
        out.push(b.lines.join('\n\n'));
        break;
      default:
        out.push(b.text);
    }
  }
  return `${out.join('\n\n')}\n`;
}

// 公文 typography (GB/T 9704): title in 小标宋/宋体 二号, body 仿宋 三号 with a two-character first-line
// indent, level-1 headings 黑体, level-2 楷体. Word, WPS and LibreOffice substitute missing fonts.
const FONT_BODY = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' };
const FONT_TITLE = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
const FONT_H1 = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };
const FONT_H2 = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '楷体_GB2312' };
const BODY_SIZE = 32; // half-points: 16 pt (三号)
const LINE = { line: 560, lineRule: 'exact' as const }; // 28 pt fixed line spacing
const INDENT = { firstLine: 640 }; // two characters of 16 pt

function paragraph(text: string, opts: { font?: typeof FONT_BODY; bold?: boolean; size?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    spacing: LINE,
    indent: opts.indent === false ? undefined : INDENT,
    children: [new TextRun({ text, font: opts.font ?? FONT_BODY, bold: opts.bold, size: opts.size ?? BODY_SIZE })],
  });
}

/**
 * Twips a string needs at `halfPoints` size, generously: CJK characters and '%' a full em, other
 * characters 0.62 em (the Latin fallback fonts LibreOffice and WPS pick are wider than Times).
 */
function textTwips(text: string, halfPoints: number): number {
  let ems = 0;
  for (const ch of text) ems += /[\u2E80-\uFFFF%]/u.test(ch) ? 1 : 0.62;
  return Math.ceil(ems * halfPoints * 10);
}

/**
 * Column widths (twips) so that no number, date or rate ever wraps: every column that holds no CJK
 * text in its body is as wide as its longest value (plus the cell margins); the text columns share
 * the rest. Explicit widths also help LibreOffice and WPS, which lay out grid-less tables poorly.
 */
export function columnWidths(header: string[], rows: string[][], total: number, halfPoints: number): number[] {
  const margins = 340;
  const isText = header.map((_, i) => rows.some((r) => /[\u4E00-\u9FFF]/u.test((r[i] ?? '').replace(/^\d+\.\s*/, ''))));
  const need = header.map((_, i) => Math.max(...rows.map((r) => textTwips(r[i] ?? '', halfPoints)), 0) + margins);
  const fixed = header.map((_, i) => (isText[i] ? 0 : Math.max(need[i], textTwips(header[i].slice(0, 2), halfPoints) + margins)));
  const rest = total - fixed.reduce((a, b) => a + b, 0);
  const textCols = isText.filter(Boolean).length;
  // Text columns share what is left in proportion to what they need, each at least two characters wide.
  const textNeed = header.map((_, i) => (isText[i] ? Math.min(need[i], total) : 0));
  const textTotal = textNeed.reduce((a, b) => a + b, 0) || 1;
  return header.map((_, i) => (isText[i] ? Math.max(Math.floor((rest * textNeed[i]) / textTotal), textTwips('二字', halfPoints) + margins) : fixed[i]))
    .map((w) => (textCols === 0 ? Math.floor((w * total) / fixed.reduce((a, b) => a + b, 0)) : w));
}

function table(header: string[], rows: string[][], small = false): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const size = small ? 18 : 21;
  const total = 8800;
  const widths = columnWidths(header, rows, total, size);
  const cell = (text: string, i: number, bold = false) => new TableCell({
    width: { size: widths[i], type: WidthType.DXA },
    borders,
    children: [new Paragraph({
      alignment: i === 0 && !small ? AlignmentType.LEFT : AlignmentType.CENTER,
      children: [new TextRun({ text, font: FONT_BODY, size, bold })],
    })],
  });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((t, i) => cell(t, i, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((t, i) => cell(t, i)) })),
    ],
  });
}

export async function renderDocx(model: ReportModel): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  for (const b of model.blocks) {
    switch (b.kind) {
      case 'title':
        children.push(paragraph(b.text, { font: FONT_TITLE, bold: true, size: 44, align: AlignmentType.CENTER, indent: false }));
        break;
      case 'note':
        children.push(paragraph(b.text, { size: 24, align: AlignmentType.CENTER, indent: false }));
        break;
      case 'addressee':
        children.push(paragraph(b.text, { indent: false, align: AlignmentType.LEFT }));
        break;
      case 'heading':
        children.push(paragraph(b.text, { font: b.level === 1 ? FONT_H1 : FONT_H2, bold: b.level === 2 }));
        break;
      case 'table':
        children.push(table(b.header, b.rows, b.small));
        break;
      case 'signature':
        for (const line of b.lines) children.push(paragraph(line, { align: AlignmentType.RIGHT, indent: false }));
        break;
      default:
        children.push(paragraph(b.text));
    }
  }
  const doc = new Document({
    creator: '督办台账',
    title: model.title,
    styles: { default: { document: { run: { font: FONT_BODY, size: BODY_SIZE } } } },
    sections: [{
      // A4 with the 公文 margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm).
      properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
      // Page numbers in the footer, the 公文 way: "— 3 —", 宋体 四号, centred.
      footers: {
        default: new Footer({
          children: [new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: FONT_TITLE, size: 28 })],
          })],
        }),
      },
      children,
    }],
  });
  return Packer.toBuffer(doc);
}
