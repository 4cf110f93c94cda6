// All roll-up and dashboard reads. Counts are GROUP BY aggregates per (chapter, lead department)
// cell, computed by the database: with better-sqlite3 every query runs on the main thread
// (PITFALLS C4), so the work is done by indexed aggregate queries (idx_tasks_plan,
// idx_tasks_plan_lead, idx_progress_figures_rollup) rather than by fetching rows and counting here.
// Dates are 'YYYY-MM-DD' strings compared as bound parameters: no driver date functions (C7).
// Each aggregate wraps its per-task expressions in a derived table so GROUP BY names plain columns
// (PostgreSQL would otherwise need the grouped expression repeated with identical parameters).
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { judgeOnTime } from '../tasks/on-time';
import { LightContext, lightSql } from '../tasks/task-light';
import { QuarterlyRollup } from './quarterly-rollup.entity';
import { FigureFact, figureCells, IndicatorInfo } from './rollup-fold';
import type { NoticeCell, RollupFacts, TaskCell, TaskLine } from './rollup.types';

/** The days and periods a roll-up counts: see RollupsService.window. */
export interface RollupWindow {
  start: string;
  end: string;
  asOf: string;
  /** Open tasks whose due date in force is before this day are overdue. */
  overdueBefore: string;
  /** ISO instant: tasks created from then on did not exist yet. */
  createdBefore: string;
  /** The last reporting period counted ('2026Q2'; the year counts up to its Q4). */
  lastPeriod: string;
  /** Periods whose count figures are summed (the quarter, or the year's four). */
  countPeriods: string[];
  /** A quarter never takes its own 补报 (entries filed after it closed); the year takes every effective entry. */
  includeLate: boolean;
}

export interface LightCell {
  chapterId: string;
  departmentId: string;
  light: 'green' | 'yellow' | 'red';
  count: number;
}

export interface OverdueRow {
  id: string;
  itemNumber: number;
  title: string;
  departmentId: string;
  dueDate: string;
  originalDueDate: string;
  percent: number;
}

const CHAPTER = 'COALESCE(s.parent_id, s.id)';
const TASK_FROM = `FROM tasks t
  JOIN plan_items i ON i.id = t.item_id
  JOIN plan_sections s ON s.id = i.section_id`;
/**
 * A task's official progress as of the period — the newest effective lead entry of a period up to
 * :lastPeriod (a quarter leaves out its own 补报); 100 once completed by :asOf.
 */
const percentAsOf = (includeLate: boolean) => `CASE WHEN t.completed_on IS NOT NULL AND t.completed_on <= :asOf THEN 100 ELSE COALESCE((
    SELECT r.percent FROM progress_reports r
    WHERE r.task_id = t.id AND r.is_official = :yes AND r.effective = :yes AND r.period <= :lastPeriod
      ${includeLate ? '' : 'AND (r.period < :lastPeriod OR r.late = :no)'}
    ORDER BY r.period DESC, r.created_at DESC, r.id DESC LIMIT 1), 0) END`;

@Injectable()
export class RollupsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private em(): EntityManager {
    return this.tx.manager();
  }

  /** Raw SQL with :named parameters, bound the way each driver wants them. */
  private async rows<T>(sql: string, params: Record<string, unknown>): Promise<T[]> {
    const em = this.em();
    const [query, bound] = em.connection.driver.escapeQueryWithParameters(sql, params);
    return em.query(query, bound);
  }

  /** `withLines`: also the task lines (every task of the plan, in document order) — not needed for the figures. */
  async facts(planId: string, w: RollupWindow, departmentId: string | null, withLines: boolean, canonical: (id: string) => IndicatorInfo | undefined): Promise<RollupFacts> {
    const { countPeriods: _c, includeLate: _i, ...bound } = w;
    const params = { planId, ...bound, yes: true, no: false, dept: departmentId ?? '', cancelled: 'cancelled' };
    const PERCENT_AS_OF = percentAsOf(w.includeLate);
    // Cancelled tasks (已撤销) are out of every statistic.
    const taskScope = `t.plan_id = :planId AND t.created_at < :createdBefore AND t.status <> :cancelled${departmentId ? ' AND t.lead_department_id = :dept' : ''}`;
    const deptScope = `${departmentId ? ' AND t.lead_department_id = :dept' : ''} AND t.status <> :cancelled`;
    // One after another, not Promise.all: when closing, these run on one transaction's connection,
    // and a PostgreSQL client must not be handed a query while another is in flight.
    // The task lines carry everything the per-cell task counts need, so each task's progress as of
    // the day is computed once (in the lines query) and the cells are counted here.
    const lineRows = await this.rows<Record<string, string | number | null>>(withLines ? `
        SELECT t.id AS id, t.seq AS seq, i.number AS "itemNumber", t.title AS title, ${CHAPTER} AS "chapterId",
          t.lead_department_id AS "departmentId", t.original_due_date AS "originalDueDate", t.due_date AS "dueDate",
          CASE WHEN t.completed_on <= :asOf THEN t.completed_on ELSE NULL END AS "completedOn",
          ${PERCENT_AS_OF} AS percent
        ${TASK_FROM}
        WHERE ${taskScope}
        ORDER BY i.position, t.seq` : `
        SELECT t.id AS id, ${CHAPTER} AS "chapterId", t.lead_department_id AS "departmentId", t.original_due_date AS "originalDueDate",
          t.due_date AS "dueDate",
          CASE WHEN t.completed_on <= :asOf THEN t.completed_on ELSE NULL END AS "completedOn",
          ${PERCENT_AS_OF} AS percent
        ${TASK_FROM}
        WHERE ${taskScope}`, params);
    const lines = lineRows.map((r): TaskLine => {
      const completedOn = r.completedOn === null ? null : String(r.completedOn);
      const originalDueDate = String(r.originalDueDate);
      const dueDate = String(r.dueDate);
      // 按期: the one definition (tasks/on-time.ts), against the due date in force.
      const j = judgeOnTime({ dueDate, originalDueDate, completedOn }, w.overdueBefore);
      return {
        id: String(r.id), seq: Number(r.seq ?? 0), itemNumber: Number(r.itemNumber ?? 0), title: String(r.title ?? ''), chapterId: String(r.chapterId),
        departmentId: String(r.departmentId), department: '', originalDueDate, dueDate, completedOn,
        percent: Number(r.percent), onTime: j.onTime, overdue: j.overdue, extended: j.extended, daysOverdue: 0,
      };
    });
    const taskCells = new Map<string, TaskCell>();
    const cellOf = new Map<string, { chapterId: string; departmentId: string }>();
    for (const l of lines) {
      cellOf.set(l.id, { chapterId: l.chapterId, departmentId: l.departmentId });
      const key = `${l.chapterId}|${l.departmentId}`;
      let c = taskCells.get(key);
      if (!c) {
        c = { chapterId: l.chapterId, departmentId: l.departmentId, total: 0, due: 0, completed: 0, completedInQuarter: 0, completedOnTime: 0, overdue: 0, percentSum: 0 };
        taskCells.set(key, c);
      }
      c.total++;
      if (l.dueDate <= w.end) c.due++;
      if (l.completedOn !== null) {
        c.completed++;
        if (l.completedOn >= w.start) c.completedInQuarter++;
        if (l.onTime) c.completedOnTime++;
      } else if (l.overdue) {
        c.overdue++;
      }
      c.percentSum += l.percent;
    }
    // Effective official figures of the periods up to the last one, reduced per task by kind and
    // added up per cell through the task → cell map (tasks of other departments drop out when scoped).
    const figureRows = await this.rows<Record<keyof FigureFact, string | number | null>>(`
        SELECT f.task_id AS "taskId", f.indicator_id AS "indicatorId", f.value AS value, f.numerator AS numerator,
          f.denominator AS denominator, f.text_value AS "textValue", f.period AS period, f.created_at AS "createdAt"
        FROM progress_figures f
        WHERE f.plan_id = :planId AND f.effective = :yes AND f.is_official = :yes AND f.period <= :lastPeriod
          ${w.includeLate ? '' : 'AND (f.period < :lastPeriod OR f.late = :no)'}`, params);
    const facts: FigureFact[] = figureRows.map((f) => ({
      taskId: String(f.taskId), indicatorId: String(f.indicatorId), value: Number(f.value),
      numerator: f.numerator === null ? null : Number(f.numerator), denominator: f.denominator === null ? null : Number(f.denominator),
      textValue: f.textValue === null ? null : String(f.textValue), period: String(f.period), createdAt: String(f.createdAt),
    }));
    const figures = figureCells(facts, cellOf, canonical, new Set(w.countPeriods));
    const notices = await this.rows<Record<keyof NoticeCell, string | number>>(`
        SELECT x.chapter_id AS "chapterId", x.department_id AS "departmentId", COUNT(*) AS issued,
          SUM(x.in_quarter) AS "issuedInQuarter", SUM(x.responded) AS responded, SUM(x.responded_on_time) AS "respondedOnTime"
        FROM (
          SELECT ${CHAPTER} AS chapter_id, t.lead_department_id AS department_id,
            CASE WHEN n.issued_on >= :start THEN 1 ELSE 0 END AS in_quarter,
            CASE WHEN n.responded_on <= :asOf THEN 1 ELSE 0 END AS responded,
            CASE WHEN n.responded_on <= :asOf AND n.responded_on <= n.respond_by THEN 1 ELSE 0 END AS responded_on_time
          FROM supervision_notices n
          JOIN tasks t ON t.id = n.task_id
          JOIN plan_items i ON i.id = t.item_id
          JOIN plan_sections s ON s.id = i.section_id
          WHERE n.plan_id = :planId AND n.issued_on <= :asOf${deptScope}
        ) x
        GROUP BY x.chapter_id, x.department_id`, params);
    return {
      tasks: [...taskCells.values()],
      figures,
      notices: notices.map((r) => ({
        chapterId: String(r.chapterId), departmentId: String(r.departmentId), issued: Number(r.issued),
        issuedInQuarter: Number(r.issuedInQuarter), responded: Number(r.responded), respondedOnTime: Number(r.respondedOnTime),
      })),
      lines: withLines ? lines : [],
    };
  }

  findSnapshot(planId: string, quarter: string): Promise<QuarterlyRollup | null> {
    return this.em().findOneBy(QuarterlyRollup, { planId, quarter });
  }

  snapshotsOf(planId: string): Promise<QuarterlyRollup[]> {
    return this.em().find(QuarterlyRollup, { where: { planId }, order: { quarter: 'ASC' } });
  }

  async closedKeys(): Promise<Set<string>> {
    const rows = await this.em().find(QuarterlyRollup, { select: { planId: true, quarter: true } });
    return new Set(rows.map((r) => `${r.planId}/${r.quarter}`));
  }

  /**
   * Inserts the snapshot unless one exists for the plan and quarter (INSERT OR IGNORE on SQLite,
   * ON CONFLICT DO NOTHING on PostgreSQL): the unique key decides between concurrent closers.
   */
  async insertSnapshotIfAbsent(row: QuarterlyRollup): Promise<void> {
    await this.em().createQueryBuilder().insert().into(QuarterlyRollup).values(row).orIgnore().execute();
  }

  async lightCells(planId: string, ctx: LightContext, departmentId: string | null): Promise<LightCell[]> {
    const light = lightSql('t', ctx);
    const rows = await this.rows<Record<keyof LightCell, string | number>>(`
      SELECT x.chapter_id AS "chapterId", x.department_id AS "departmentId", x.light AS light, COUNT(*) AS count
      FROM (
        SELECT ${CHAPTER} AS chapter_id, t.lead_department_id AS department_id, ${light.sql} AS light
        ${TASK_FROM}
        WHERE t.plan_id = :planId AND t.status <> :cancelled${departmentId ? ' AND t.lead_department_id = :dept' : ''}
      ) x
      GROUP BY x.chapter_id, x.department_id, x.light`, { ...light.params, planId, dept: departmentId ?? '', cancelled: 'cancelled' });
    return rows.map((r) => ({ chapterId: String(r.chapterId), departmentId: String(r.departmentId), light: r.light as LightCell['light'], count: Number(r.count) }));
  }

  /** Tasks of a plan completed between two days (inclusive). */
  async completedBetween(planId: string, from: string, to: string): Promise<number> {
    const row = await this.rows<{ n: string | number }>(
      'SELECT COUNT(*) AS n FROM tasks WHERE plan_id = :planId AND status = :completed AND completed_on >= :from AND completed_on <= :to',
      { planId, completed: 'completed', from, to });
    return Number(row[0]?.n ?? 0);
  }

  /** Open tasks past their current due date (red light), most overdue first. */
  async overdue(planId: string, today: string, departmentId: string | null): Promise<OverdueRow[]> {
    const rows = await this.rows<Record<keyof OverdueRow, string | number>>(`
      SELECT t.id AS id, i.number AS "itemNumber", t.title AS title, t.lead_department_id AS "departmentId",
        t.due_date AS "dueDate", t.original_due_date AS "originalDueDate", t.percent AS percent
      FROM tasks t JOIN plan_items i ON i.id = t.item_id
      WHERE t.plan_id = :planId AND t.status IN (:...open) AND t.due_date < :today${departmentId ? ' AND t.lead_department_id = :dept' : ''}
      ORDER BY t.due_date, t.seq`, { planId, today, open: ['in_progress', 'completion_requested'], dept: departmentId ?? '' });
    return rows.map((r) => ({
      id: String(r.id), itemNumber: Number(r.itemNumber), title: String(r.title), departmentId: String(r.departmentId),
      dueDate: String(r.dueDate), originalDueDate: String(r.originalDueDate), percent: Number(r.percent),
    }));
  }
}
