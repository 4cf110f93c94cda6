// The shape of a roll-up (a quarter or the year). The repository returns *facts* — aggregate cells keyed by
// (chapter, lead department) plus the task lines the report needs — and rollup-fold.ts folds them
// into the overall / by-chapter / by-department views. Live and frozen roll-ups have one shape.

/** Task counts of one (chapter, lead department) cell, as of the roll-up's `asOf` day. */
export interface TaskCell {
  chapterId: string;
  departmentId: string;
  total: number;
  /** Due date in force (the approved one) on or before the period's end. */
  due: number;
  completed: number;
  completedInQuarter: number;
  completedOnTime: number;
  overdue: number;
  /** Sum of each task's progress as of `asOf` (100 once completed), for the average. */
  percentSum: number;
}

export type IndicatorKind = 'count' | 'cumulative' | 'rate' | 'text';

/**
 * The figures of one indicator in one (chapter, lead department) cell, already reduced per task by
 * kind (rollup-fold.figureCells): count — the sum over the period's entries; cumulative, rate, text —
 * each task's latest value as of the period. Cells combine by adding (rates keep their parts).
 * Snapshots closed before indicators existed hold cells with only indicator, unit and value (counts).
 */
export interface FigureCell {
  chapterId: string;
  departmentId: string;
  indicatorId?: string;
  indicator: string;
  unit: string;
  kind?: IndicatorKind;
  /** count, cumulative: the total; rate: the sum of the tasks' latest rates (for the mean). */
  value: number;
  /** Tasks contributing. */
  tasks?: number;
  /** rate: sums of the numerators and denominators, when every contributing figure gave them. */
  numerator?: number;
  denominator?: number;
  weighted?: boolean;
  /** text: the tasks' latest texts. */
  texts?: string[];
}

export interface NoticeCell {
  chapterId: string;
  departmentId: string;
  issued: number;
  issuedInQuarter: number;
  responded: number;
  respondedOnTime: number;
}

/** One task as the roll-up saw it (completed or still open at `asOf`); 按期 from tasks/on-time.ts. */
export interface TaskLine {
  id: string;
  seq: number;
  itemNumber: number;
  title: string;
  chapterId: string;
  departmentId: string;
  department: string;
  originalDueDate: string;
  dueDate: string;
  completedOn: string | null;
  /** Progress as of `asOf`. */
  percent: number;
  /** Completed by the due date in force — the approved one (completed tasks only). */
  onTime: boolean | null;
  /** Open, and past its due date in force at `asOf`. */
  overdue: boolean;
  /** An approved extension moved the due date (dueDate ≠ originalDueDate). */
  extended?: boolean;
  daysOverdue: number;
}

export interface RollupFacts {
  tasks: TaskCell[];
  figures: FigureCell[];
  notices: NoticeCell[];
  lines: TaskLine[];
}

export interface ChapterRef {
  id: string;
  ordinal: string;
  title: string;
}

export interface DepartmentRef {
  id: string;
  name: string;
}

export interface NotReportedRef {
  departmentId: string;
  name: string;
  /** Tasks it leads with no effective entry for the period. */
  missingTasks: number;
  /** For the year: the quarters it has not reported for. */
  periods?: string[];
}

/** 补报: an entry filed after its period closed (never in that quarter's snapshot; in the annual figures). */
export interface LateEntryRef {
  reportId: string;
  taskId: string;
  title: string;
  departmentId: string;
  department: string;
  period: string;
  reportedOn: string;
}

/** Where the numbers stand and how they are counted. */
export interface RollupMeta {
  planId: string;
  /** The period: '2026Q2', or '2026' for the year (kept under this name for API compatibility). */
  quarter: string;
  periodStart: string;
  periodEnd: string;
  /** The last day counted: the quarter's end once it is over, otherwise today. */
  asOf: string;
  chapters: ChapterRef[];
  departments: DepartmentRef[];
}

/**
 * A figure aggregated by its indicator's kind: count — summed; cumulative — the sum of the tasks'
 * latest values as of the period; rate — never summed: the weighted rate (Σ numerators ÷ Σ
 * denominators) when every figure gave its parts, else the latest value of a single task, else the
 * mean of the tasks' latest values; text — not aggregated (value null, the texts listed).
 */
export interface FigureSum {
  indicatorId?: string;
  indicator: string;
  unit: string;
  kind?: IndicatorKind;
  value: number | null;
  basis?: 'sum' | 'latest' | 'mean' | 'weighted' | 'text';
  tasks?: number;
  texts?: string[];
}

export interface NoticeStats {
  /** Issued up to `asOf` (cumulative for the plan). */
  issued: number;
  issuedInQuarter: number;
  responded: number;
  respondedOnTime: number;
  /** 回复落实率: responded / issued, 0..1; null when none issued. */
  responseRate: number | null;
}

export interface RollupStats {
  total: number;
  due: number;
  completed: number;
  completedInQuarter: number;
  completedOnTime: number;
  completedLate: number;
  overdue: number;
  inProgress: number;
  /** Average progress in percent (0..100, one decimal); null when there are no tasks. */
  averageProgress: number | null;
  /** completed / total, 0..1. */
  completionRate: number | null;
  /** completedOnTime / (completed + overdue): of the tasks done or past due, the share done on time. */
  onTimeRate: number | null;
  /** Official effective figures of the period, aggregated by indicator kind. */
  figures: FigureSum[];
  notices: NoticeStats;
}

export interface RollupView {
  planId: string;
  quarter: string;
  periodStart: string;
  periodEnd: string;
  asOf: string;
  basis: RollupBasis;
  /** 'quarter' or 'year' (snapshots from before periods have none: quarters). */
  periodKind?: 'quarter' | 'year';
  /** 未报送: lead departments without an effective entry for the period (for the year: any quarter). */
  notReported?: NotReportedRef[];
  /** 补报 counted (the year only; quarters never take entries filed after they closed). */
  lateEntries?: LateEntryRef[];
  overall: RollupStats;
  byChapter: (RollupStats & { chapterId: string; ordinal: string; title: string })[];
  byDepartment: (RollupStats & { departmentId: string; name: string })[];
  completedTasks: TaskLine[];
  openTasks: TaskLine[];
}

export interface RollupBasis {
  /** Due, on time, late and overdue are measured against the due date in force (the approved one; tasks/on-time.ts). */
  dueDate: 'dueDate' | 'originalDueDate';
  /** Roll-ups group by the task's lead department (牵头单位). */
  department: 'lead';
  /** Figures: the lead department's (official) reports, which consolidate the co-operating ones. */
  figures: 'official';
  definitions: Record<string, string>;
}

/** What a snapshot row stores: the view as it stood at closing, and the facts (for scoped re-folds). */
export interface StoredRollup {
  view: RollupView;
  meta: RollupMeta;
  facts: RollupFacts;
  extras?: RollupExtras;
}

/** Per-period extras stored beside the facts: not re-derivable from the cells. */
export interface RollupExtras {
  notReported: NotReportedRef[];
  lateEntries: LateEntryRef[];
}

/** What the API answers for GET …/rollups/:quarter (task lists only with ?tasks=true) and POST …/close. */
export interface RollupResponse extends Omit<RollupView, 'completedTasks' | 'openTasks'>, Partial<Pick<RollupView, 'completedTasks' | 'openTasks'>> {
  status: 'live' | 'closed';
  /** The reporting window's last day and the day the period closes (quarters: frozen then; the year: with Q4). */
  window?: { end: string; closesOn: string };
  closedAt: string | null;
  closedBy: string | null;
  /** Department users see the tasks their department leads. */
  scope: { departmentId: string } | null;
}
