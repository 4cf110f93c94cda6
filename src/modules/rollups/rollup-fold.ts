// Folds roll-up facts (aggregate cells per chapter × lead department) into the overall, by-chapter
// and by-department views. Pure: the same fold serves live roll-ups, snapshots and a department's
// scoped view of a snapshot, so the three always add up the same way.
import type {
  FigureCell, FigureSum, NoticeCell, RollupBasis, RollupFacts, RollupMeta, RollupStats, RollupView, TaskCell,
} from './rollup.types';

export const ROLLUP_BASIS: RollupBasis = {
  dueDate: 'originalDueDate',
  department: 'lead',
  figures: 'official',
  definitions: {
    due: '原定完成时限在季度末以前的任务',
    completed: '截至统计日已办结的任务',
    completedOnTime: '在原定完成时限内办结的任务（延期后办结计为逾期办结）',
    overdue: '截至统计日超过原定完成时限仍未办结的任务',
    inProgress: '尚未办结且未超过原定完成时限的任务',
    completionRate: '已办结 ÷ 任务总数',
    onTimeRate: '按期办结 ÷ （已办结 + 逾期未办结）',
    averageProgress: '各任务截至统计日最新牵头单位填报进度的平均值（已办结计 100%）',
    figures: '季度内牵头单位填报的工作量数据，按指标和单位合计',
    notices: '截至统计日累计下达的督办通知及回复情况',
  },
};

/** One collator for every Chinese sort: localeCompare(x, 'zh-Hans-CN') builds one per call. */
export const zh = new Intl.Collator('zh-Hans-CN').compare;

/** Groups items by a key in one pass (the fold is linear in the number of cells, not departments × cells). */
function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

const ratio = (num: number, den: number): number | null => (den > 0 ? Math.round((num / den) * 10_000) / 10_000 : null);
const roundValue = (v: number): number => Math.round(v * 1_000_000) / 1_000_000;

/**
 * Sums figures per (indicator, unit), rounded once at the end to 6 decimals (binary floating point
 * noise such as 0.1 + 0.2), sorted by indicator then unit in Chinese collation. The one summation:
 * the cells of a roll-up and the quarters of a year alike.
 */
export function sumFigures(cells: Pick<FigureSum, 'indicator' | 'unit' | 'value'>[]): FigureSum[] {
  const sums = new Map<string, FigureSum>();
  for (const c of cells) {
    const key = `${c.indicator}\u0000${c.unit}`;
    const s = sums.get(key) ?? { indicator: c.indicator, unit: c.unit, value: 0 };
    s.value += c.value;
    sums.set(key, s);
  }
  return [...sums.values()]
    .map((s) => ({ ...s, value: roundValue(s.value) }))
    .sort((a, b) => zh(a.indicator, b.indicator) || zh(a.unit, b.unit));
}

export function foldStats(tasks: TaskCell[], figures: FigureCell[], notices: NoticeCell[]): RollupStats {
  const t = { total: 0, due: 0, completed: 0, completedInQuarter: 0, completedOnTime: 0, overdue: 0, percentSum: 0 };
  for (const c of tasks) {
    t.total += c.total;
    t.due += c.due;
    t.completed += c.completed;
    t.completedInQuarter += c.completedInQuarter;
    t.completedOnTime += c.completedOnTime;
    t.overdue += c.overdue;
    t.percentSum += c.percentSum;
  }
  const n = { issued: 0, issuedInQuarter: 0, responded: 0, respondedOnTime: 0 };
  for (const c of notices) {
    n.issued += c.issued;
    n.issuedInQuarter += c.issuedInQuarter;
    n.responded += c.responded;
    n.respondedOnTime += c.respondedOnTime;
  }
  return {
    total: t.total,
    due: t.due,
    completed: t.completed,
    completedInQuarter: t.completedInQuarter,
    completedOnTime: t.completedOnTime,
    completedLate: t.completed - t.completedOnTime,
    overdue: t.overdue,
    inProgress: t.total - t.completed - t.overdue,
    averageProgress: t.total > 0 ? Math.round((t.percentSum / t.total) * 10) / 10 : null,
    completionRate: ratio(t.completed, t.total),
    onTimeRate: ratio(t.completedOnTime, t.completed + t.overdue),
    figures: sumFigures(figures),
    notices: { ...n, responseRate: ratio(n.responded, n.issued) },
  };
}

/** Only the cells and lines of one lead department (a department user's view). */
export function restrictToDepartment(facts: RollupFacts, departmentId: string): RollupFacts {
  const mine = <T extends { departmentId: string }>(xs: T[]) => xs.filter((x) => x.departmentId === departmentId);
  return { tasks: mine(facts.tasks), figures: mine(facts.figures), notices: mine(facts.notices), lines: mine(facts.lines) };
}

export function foldRollup(meta: RollupMeta, facts: RollupFacts): RollupView {
  const byDept = <T extends { departmentId: string }>(xs: T[]) => groupBy(xs, (x) => x.departmentId);
  const byChap = <T extends { chapterId: string }>(xs: T[]) => groupBy(xs, (x) => x.chapterId);
  const [tasksD, figuresD, noticesD] = [byDept(facts.tasks), byDept(facts.figures), byDept(facts.notices)];
  const [tasksC, figuresC, noticesC] = [byChap(facts.tasks), byChap(facts.figures), byChap(facts.notices)];
  const names = new Map(meta.departments.map((d) => [d.id, d.name]));
  const byDepartment = [...tasksD.keys()]
    .map((id) => ({ departmentId: id, name: names.get(id) ?? id, ...foldStats(tasksD.get(id) ?? [], figuresD.get(id) ?? [], noticesD.get(id) ?? []) }))
    .sort((a, b) => zh(a.name, b.name));
  return {
    planId: meta.planId,
    quarter: meta.quarter,
    periodStart: meta.periodStart,
    periodEnd: meta.periodEnd,
    asOf: meta.asOf,
    basis: ROLLUP_BASIS,
    overall: foldStats(facts.tasks, facts.figures, facts.notices),
    byChapter: meta.chapters.map((ch) => ({
      chapterId: ch.id, ordinal: ch.ordinal, title: ch.title,
      ...foldStats(tasksC.get(ch.id) ?? [], figuresC.get(ch.id) ?? [], noticesC.get(ch.id) ?? []),
    })),
    byDepartment,
    completedTasks: facts.lines.filter((l) => l.completedOn !== null),
    openTasks: facts.lines.filter((l) => l.completedOn === null),
  };
}

/** Departments ranked by on-time rate (then completion rate, then fewer overdue); no rate ranks last. */
export function rankDepartments<T extends { name: string; onTimeRate: number | null; completionRate: number | null; overdue: number }>(rows: T[]): (T & { rank: number })[] {
  const key = (r: T) => [r.onTimeRate ?? -1, r.completionRate ?? -1, -r.overdue];
  const keyed = rows.map((r) => ({ r, k: key(r) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.k.length; i++) if (a.k[i] !== b.k[i]) return b.k[i] - a.k[i];
    return zh(a.r.name, b.r.name);
  });
  // Ties share a rank (1, 2, 2, 4): the rank of the first row of a run of equal keys.
  let rank = 0;
  return keyed.map(({ r, k }, i) => {
    if (i === 0 || !k.every((v, j) => v === keyed[i - 1].k[j])) rank = i + 1;
    return { ...r, rank };
  });
}
