// The shape of a quarterly roll-up. The repository returns *facts* — aggregate cells keyed by
// (chapter, lead department) plus the task lines the report needs — and rollup-fold.ts folds them
// into the overall / by-chapter / by-department views. Live and frozen roll-ups have one shape.

/** Task counts of one (chapter, lead department) cell, as of the roll-up's `asOf` day. */
export interface TaskCell {
  chapterId: string;
  departmentId: string;
  total: number;
  /** Original due date on or before the quarter's end. */
  due: number;
  completed: number;
  completedInQuarter: number;
  completedOnTime: number;
  overdue: number;
  /** Sum of each task's progress as of `asOf` (100 once completed), for the average. */
  percentSum: number;
}

export interface FigureCell {
  chapterId: string;
  departmentId: string;
  indicator: string;
  unit: string;
  value: number;
}

export interface NoticeCell {
  chapterId: string;
  departmentId: string;
  issued: number;
  issuedInQuarter: number;
  responded: number;
  respondedOnTime: number;
}

/** One task as the roll-up saw it (completed or still open at `asOf`). */
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
  /** Completed by the original due date (completed tasks only). */
  onTime: boolean | null;
  /** Open, and past its original due date at `asOf`. */
  overdue: boolean;
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

/** Where the numbers stand and how they are counted. */
export interface RollupMeta {
  planId: string;
  quarter: string;
  periodStart: string;
  periodEnd: string;
  /** The last day counted: the quarter's end once it is over, otherwise today. */
  asOf: string;
  chapters: ChapterRef[];
  departments: DepartmentRef[];
}

export interface FigureSum {
  indicator: string;
  unit: string;
  value: number;
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
  /** Official figures reported within the quarter, summed by indicator and unit. */
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
  overall: RollupStats;
  byChapter: (RollupStats & { chapterId: string; ordinal: string; title: string })[];
  byDepartment: (RollupStats & { departmentId: string; name: string })[];
  completedTasks: TaskLine[];
  openTasks: TaskLine[];
}

export interface RollupBasis {
  /** Due, on time, late and overdue are measured against the first assigned due date. */
  dueDate: 'originalDueDate';
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
}

/** What the API answers for GET …/rollups/:quarter (task lists only with ?tasks=true) and POST …/close. */
export interface RollupResponse extends Omit<RollupView, 'completedTasks' | 'openTasks'>, Partial<Pick<RollupView, 'completedTasks' | 'openTasks'>> {
  status: 'live' | 'closed';
  closedAt: string | null;
  closedBy: string | null;
  /** Department users see the tasks their department leads. */
  scope: { departmentId: string } | null;
}
