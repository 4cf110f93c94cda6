// 按期 — the one meaning of "on time", used by the task view, the dashboard, the roll-ups, the
// year-end report and the ledger: a task is judged against its due date in force, i.e. the approved
// one after an extension (完成时限 as extended). The original due date is kept and shown beside it,
// and `extended` says an approved extension (or an office change) moved it. So a task completed
// within an approved extension is 按期, and an open task is overdue only once the approved date has passed.
export interface OnTimeInput {
  dueDate: string;
  originalDueDate: string;
  /** Null while open (or when completed after the day judged on). */
  completedOn: string | null;
}

export interface OnTimeJudgement {
  /** Completed by the due date in force; null while open. */
  onTime: boolean | null;
  /** Open and its due date in force is before the day judged on. */
  overdue: boolean;
  /** The due date in force differs from the original one. */
  extended: boolean;
}

/**
 * `overdueBefore`: open tasks due before this day are overdue (today for the dashboard; the day after
 * a period's end for a roll-up, so a task due on the last day is overdue once the period is over).
 */
export function judgeOnTime(t: OnTimeInput, overdueBefore: string): OnTimeJudgement {
  const extended = t.dueDate !== t.originalDueDate;
  if (t.completedOn !== null) return { onTime: t.completedOn <= t.dueDate, overdue: false, extended };
  return { onTime: null, overdue: t.dueDate < overdueBefore, extended };
}

/** The words the report and the ledger print for a judgement. */
export function onTimeLabel(j: OnTimeJudgement): string {
  if (j.onTime === true) return j.extended ? '按期（延期后）' : '按期';
  if (j.onTime === false) return '逾期办结';
  return j.overdue ? '逾期未办结' : '—';
}
