import { judgeOnTime } from './on-time';
import type { Light } from './task-light';
import type { Task } from './task.entity';

export interface DepartmentRef {
  id: string;
  name: string;
  /** 签收: when the department acknowledged the task (null: not yet). */
  acknowledgedAt: string | null;
}

export interface TaskView {
  id: string;
  planId: string;
  itemId: string;
  itemNumber: number | null;
  seq: number;
  title: string;
  leadDepartment: DepartmentRef;
  cooperatingDepartments: DepartmentRef[];
  dueDate: string;
  originalDueDate: string;
  startDate: string;
  deliverable: string | null;
  milestones: { date: string; description: string }[];
  status: string;
  percent: number;
  lastReportedOn: string | null;
  latestNarrative: string | null;
  pendingExtension: boolean;
  completedOn: string | null;
  /** 撤销: when and why (status `cancelled`). */
  cancelledAt: string | null;
  cancelReason: string | null;
  /** Against the original due date (statistics) and the current one (after approved extensions). */
  completedOnTime: { original: boolean; current: boolean } | null;
  /** 按期 (on-time.ts): completed by the due date in force (the approved one); null while open. */
  onTime: boolean | null;
  /** The due date in force differs from the original one (an approved extension). */
  extended: boolean;
  light: Light;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One department taking part in a task, with its display name (TasksRepository.participantsOf). */
export interface Participation {
  taskId: string;
  departmentId: string;
  role: 'lead' | 'cooperating';
  acknowledgedAt: string | null;
  name: string;
}

/** `own`: the departments taking part in this task only (callers group them once per page). */
export function toTaskView(t: Task, light: Light, own: Participation[], itemNumber: number | null): TaskView {
  const ref = (id: string): DepartmentRef => {
    const d = own.find((x) => x.departmentId === id);
    return { id, name: d?.name ?? id, acknowledgedAt: d?.acknowledgedAt ?? null };
  };
  return {
    id: t.id,
    planId: t.planId,
    itemId: t.itemId,
    itemNumber,
    seq: t.seq,
    title: t.title,
    leadDepartment: ref(t.leadDepartmentId),
    cooperatingDepartments: own.filter((d) => d.role === 'cooperating').map((d) => ref(d.departmentId)),
    dueDate: t.dueDate,
    originalDueDate: t.originalDueDate,
    startDate: t.startDate,
    deliverable: t.deliverable,
    milestones: t.milestones ?? [],
    status: t.status,
    percent: t.percent,
    lastReportedOn: t.lastReportedOn,
    latestNarrative: t.latestNarrative,
    pendingExtension: t.pendingExtension,
    completedOn: t.completedOn,
    cancelledAt: t.cancelledAt ?? null,
    cancelReason: t.cancelReason ?? null,
    completedOnTime: t.completedOn
      ? { original: t.completedOn <= t.originalDueDate, current: t.completedOn <= t.dueDate }
      : null,
    onTime: judgeOnTime(t, t.dueDate).onTime,
    extended: t.dueDate !== t.originalDueDate,
    light,
    version: t.version,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}
