// Folds roll-up facts (aggregate cells per chapter × lead department) into the overall, by-chapter
// and by-department views. Pure: the same fold serves live roll-ups, snapshots and a department's
// scoped view of a snapshot, so the three always add up the same way.
import { TimeSlice } from '../../common/async/time-slice';
import { zh } from '../../common/text/collation';
import type {
  FigureCell, FigureSum, IndicatorKind, NoticeCell, RollupBasis, RollupExtras, RollupFacts, RollupMeta, RollupStats, RollupView, TaskCell,
} from './rollup.types';

export const ROLLUP_BASIS: RollupBasis = {
  dueDate: 'dueDate',
  department: 'lead',
  figures: 'official',
  definitions: {
    due: '现行完成时限（经批准延期的，按延期后的时限）在统计期末以前的任务',
    completed: '截至统计日已办结的任务',
    completedOnTime: '在现行完成时限（经批准延期的，按延期后的时限）内办结的任务；原定时限和延期记录另行列明',
    overdue: '截至统计日超过现行完成时限仍未办结的任务',
    inProgress: '尚未办结且未超过现行完成时限的任务',
    completionRate: '已办结 ÷ 任务总数',
    onTimeRate: '按期办结 ÷ （已办结 + 逾期未办结）',
    averageProgress: '各任务截至统计期最新有效牵头单位填报进度的平均值（已办结计 100%）',
    figures: '统计期内牵头单位的有效填报（更正后以更正为准，撤回的不计）按指标类型汇总：计数类合计，累计类取截至统计期的最新值，比率类不相加（有分子分母时加权，否则取最新值或平均值），文字类不汇总',
    notices: '截至统计日累计下达的督办通知及回复情况',
    notReported: '统计期内有在办任务、但未就该期填报进展的牵头单位',
  },
};

/** One official figure row as the roll-up reads it. */
export interface FigureFact {
  taskId: string;
  indicatorId: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  textValue: string | null;
  period: string;
  createdAt: string;
}

/** A catalogue indicator after merges: figures filed under `id` count for `canonical`. */
export interface IndicatorInfo {
  id: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
}

/**
 * Reduces figure rows to cells: per task and (canonical) indicator, count figures are summed over
 * the entries of `countPeriods`; cumulative, rate and text figures take the task's latest value as
 * of the period (latest period, then latest filed). Then tasks are added up per cell.
 */
export function figureCells(
  rows: FigureFact[],
  cellOf: Map<string, { chapterId: string; departmentId: string }>,
  canonical: (indicatorId: string) => IndicatorInfo | undefined,
  countPeriods: Set<string>,
): FigureCell[] {
  const perTask = new Map<string, TaskFigure & { taskId: string }>();
  const lastPeriod = [...countPeriods].sort().at(-1) ?? '';
  for (const r of rows) {
    const indicator = canonical(r.indicatorId);
    if (!indicator || !cellOf.has(r.taskId) || r.period > lastPeriod) continue;
    const key = `${r.taskId}|${indicator.id}`;
    let acc = perTask.get(key);
    if (!acc) perTask.set(key, (acc = { indicator, taskId: r.taskId, sum: 0, any: false, latest: null }));
    addFigureEntry(acc, r, r.value, countPeriods);
  }
  const cells = new Map<string, FigureCell>();
  for (const acc of perTask.values()) addTaskFigure(cells, cellOf.get(acc.taskId)!, acc);
  return [...cells.values()];
}

/** A task's figures of one (canonical) indicator, reduced by kind: summed over the counted periods, or the latest. */
export interface TaskFigure {
  indicator: IndicatorInfo;
  sum: number;
  any: boolean;
  latest: Pick<FigureFact, 'value' | 'numerator' | 'denominator' | 'textValue' | 'period' | 'createdAt'> | null;
}

/**
 * Adds one entry (or a bucket of entries of one period: `sum` their values, `r` the latest) to a
 * task's reduction: count — summed when its period is counted; the others — kept when it is the
 * latest (latest period, then latest filed).
 */
export function addFigureEntry(acc: TaskFigure, r: TaskFigure['latest'] & object, sum: number, countPeriods: Set<string>): void {
  if (acc.indicator.kind === 'count') {
    if (countPeriods.has(r.period)) {
      acc.sum += sum;
      acc.any = true;
    }
  } else if (!acc.latest || r.period > acc.latest.period || (r.period === acc.latest.period && r.createdAt > acc.latest.createdAt)) {
    acc.latest = r;
    acc.any = true;
  }
}

/** A task's reduced figure as it adds to a cell: a count's sum, or the latest entry of the other kinds. */
export type FigureAmount = number | NonNullable<TaskFigure['latest']>;

/** The amount a reduced figure adds to its cell (only a figure with `any` adds anything). */
export function figureAmount(acc: TaskFigure): FigureAmount {
  return acc.indicator.kind === 'count' ? acc.sum : acc.latest!;
}

/** An empty (chapter, lead department, indicator) cell. */
export function newFigureCell(where: { chapterId: string; departmentId: string }, indicator: IndicatorInfo): FigureCell {
  return {
    chapterId: where.chapterId, departmentId: where.departmentId, indicatorId: indicator.id, indicator: indicator.name, unit: indicator.unit,
    kind: indicator.kind, value: 0, tasks: 0, numerator: 0, denominator: 0, weighted: true, texts: [],
  };
}

/** Adds one task's figure of the cell's indicator (see figureAmount) to the cell. */
export function addToFigureCell(c: FigureCell, amount: FigureAmount): void {
  c.tasks! += 1;
  if (typeof amount === 'number') c.value += amount;
  else if (c.kind === 'text') c.texts!.push(amount.textValue ?? '');
  else {
    c.value += amount.value;
    if (amount.numerator !== null && amount.denominator !== null) {
      c.numerator! += amount.numerator;
      c.denominator! += amount.denominator;
    } else {
      c.weighted = false;
    }
  }
}

/** Adds a task's reduced figure to its (chapter, lead department, indicator) cell. */
export function addTaskFigure(cells: Map<string, FigureCell>, where: { chapterId: string; departmentId: string }, acc: TaskFigure): void {
  if (!acc.any) return;
  const key = `${where.chapterId}|${where.departmentId}|${acc.indicator.id}`;
  let c = cells.get(key);
  if (!c) cells.set(key, (c = newFigureCell(where, acc.indicator)));
  addToFigureCell(c, figureAmount(acc));
}


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

/** Aggregates cells by indicator according to its kind (see FigureSum). Never sums a rate. */
export function aggregateFigures(cells: FigureCell[]): FigureSum[] {
  const acc = new Map<string, Required<Pick<FigureCell, 'indicator' | 'unit' | 'kind' | 'value' | 'tasks' | 'numerator' | 'denominator' | 'weighted' | 'texts'>> & { indicatorId?: string }>();
  for (const c of cells) {
    const kind = c.kind ?? 'count'; // cells of snapshots closed before indicators existed are counts
    const key = c.indicatorId ?? `${c.indicator}\u0000${c.unit}`;
    let a = acc.get(key);
    if (!a) {
      a = { indicatorId: c.indicatorId, indicator: c.indicator, unit: c.unit, kind, value: 0, tasks: 0, numerator: 0, denominator: 0, weighted: true, texts: [] };
      acc.set(key, a);
    }
    a.value += c.value;
    a.tasks += c.tasks ?? 1;
    a.numerator += c.numerator ?? 0;
    a.denominator += c.denominator ?? 0;
    a.weighted = a.weighted && (c.weighted ?? false);
    a.texts.push(...(c.texts ?? []));
  }
  const out: FigureSum[] = [];
  for (const a of acc.values()) {
    // Literals without spreads: at province scale this runs for every department of every fold.
    let value: number | null;
    let basis: NonNullable<FigureSum['basis']>;
    switch (a.kind) {
      case 'text':
        value = null;
        basis = 'text';
        break;
      case 'rate':
        if (a.weighted && a.denominator > 0) {
          value = Math.round((a.numerator / a.denominator) * 10_000) / 100;
          basis = 'weighted';
        } else {
          value = Math.round((a.value / a.tasks) * 100) / 100;
          basis = a.tasks === 1 ? 'latest' : 'mean';
        }
        break;
      case 'cumulative':
        value = roundValue(a.value);
        basis = 'latest';
        break;
      default:
        value = roundValue(a.value);
        basis = 'sum';
    }
    const sum: FigureSum = a.indicatorId
      ? { indicatorId: a.indicatorId, indicator: a.indicator, unit: a.unit, kind: a.kind, tasks: a.tasks, value, basis }
      : { indicator: a.indicator, unit: a.unit, kind: a.kind, tasks: a.tasks, value, basis };
    if (a.kind === 'text') sum.texts = a.texts;
    out.push(sum);
  }
  return out.length > 1 ? out.sort((a, b) => zh(a.indicator, b.indicator) || zh(a.unit, b.unit)) : out;
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
    figures: aggregateFigures(figures),
    notices: { ...n, responseRate: ratio(n.responded, n.issued) },
  };
}

/** Only the cells and lines of one lead department (a department user's view). */
export function restrictExtras(extras: RollupExtras, departmentId: string): RollupExtras {
  return {
    notReported: extras.notReported.filter((x) => x.departmentId === departmentId),
    lateEntries: extras.lateEntries.filter((x) => x.departmentId === departmentId),
  };
}

export function restrictToDepartment(facts: RollupFacts, departmentId: string): RollupFacts {
  const mine = <T extends { departmentId: string }>(xs: T[]) => xs.filter((x) => x.departmentId === departmentId);
  return { tasks: mine(facts.tasks), figures: mine(facts.figures), notices: mine(facts.notices), lines: mine(facts.lines) };
}

/** `breakdownFigures: false`: figures only overall (the dashboard's trend and ranking need no per-department figures). */
export interface FoldOptions {
  breakdownFigures?: boolean;
  /** false: no byDepartment rows (the dashboard's trend needs the overall figures only). */
  departments?: boolean;
}

/**
 * The fold cut in steps: grouping by department, the per-department rows (the long part at province
 * scale), then the rest. The steps are generators: foldRollup runs them straight through,
 * foldRollupYielding gives other requests a turn between them.
 */
function* foldSteps(meta: RollupMeta, facts: RollupFacts, extras: RollupExtras, options: FoldOptions, rowDue: () => boolean): Generator<void, RollupView> {
  const breakdown = options.breakdownFigures ?? true;
  const byDept = <T extends { departmentId: string }>(xs: T[]) => groupBy(xs, (x) => x.departmentId);
  const byChap = <T extends { chapterId: string }>(xs: T[]) => groupBy(xs, (x) => x.chapterId);
  const noFigures: FigureCell[] = [];
  const tasksD = byDept(facts.tasks);
  yield;
  const figuresD = byDept(breakdown ? facts.figures : noFigures);
  yield;
  const noticesD = byDept(facts.notices);
  const names = new Map(meta.departments.map((d) => [d.id, d.name]));
  const byDepartment: RollupView['byDepartment'] = [];
  if (options.departments !== false) {
    for (const id of tasksD.keys()) {
      byDepartment.push(Object.assign({ departmentId: id, name: names.get(id) ?? id }, foldStats(tasksD.get(id) ?? [], figuresD.get(id) ?? [], noticesD.get(id) ?? [])));
      if (rowDue()) yield;
    }
  }
  yield;
  const tasksC = byChap(facts.tasks);
  const figuresC = byChap(breakdown ? facts.figures : noFigures);
  const noticesC = byChap(facts.notices);
  yield;
  const overall = foldStats(facts.tasks, facts.figures, facts.notices);
  yield;
  const byChapter = meta.chapters.map((ch) => ({
    chapterId: ch.id, ordinal: ch.ordinal, title: ch.title,
    ...foldStats(tasksC.get(ch.id) ?? [], figuresC.get(ch.id) ?? [], noticesC.get(ch.id) ?? []),
  }));
  yield;
  byDepartment.sort((a, b) => zh(a.name, b.name));
  yield;
  return {
    planId: meta.planId,
    quarter: meta.quarter,
    periodStart: meta.periodStart,
    periodEnd: meta.periodEnd,
    asOf: meta.asOf,
    basis: ROLLUP_BASIS,
    periodKind: /^\d{4}$/.test(meta.quarter) ? 'year' : 'quarter',
    notReported: extras.notReported,
    lateEntries: extras.lateEntries,
    overall,
    byChapter,
    byDepartment,
    completedTasks: facts.lines.filter((l) => l.completedOn !== null),
    openTasks: facts.lines.filter((l) => l.completedOn === null),
  };
}

export function foldRollup(meta: RollupMeta, facts: RollupFacts, extras: RollupExtras = { notReported: [], lateEntries: [] }, options: FoldOptions = {}): RollupView {
  const steps = foldSteps(meta, facts, extras, options, () => false);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** foldRollup, letting other requests (and writers) in between its steps and slices of departments (a province has 6,000). */
export async function foldRollupYielding(meta: RollupMeta, facts: RollupFacts, extras: RollupExtras = { notReported: [], lateEntries: [] }, options: FoldOptions = {}): Promise<RollupView> {
  const slice = new TimeSlice();
  const steps = foldSteps(meta, facts, extras, options, () => slice.due());
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await slice.pause();
  }
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

export { zh };
