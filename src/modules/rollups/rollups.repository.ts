// All roll-up and dashboard reads. Counts are GROUP BY aggregates per (chapter, lead department)
// cell, computed by the database: with better-sqlite3 every query runs on the main thread
// and blocks every other request while it runs, so the work is done by indexed aggregate queries (idx_tasks_plan,
// idx_tasks_plan_lead, idx_progress_figures_rollup) rather than by fetching rows and counting here.
// Dates are 'YYYY-MM-DD' strings compared as bound parameters: no driver date functions, which differ between SQLite and PostgreSQL.
// Each aggregate wraps its per-task expressions in a derived table so GROUP BY names plain columns
// (PostgreSQL would otherwise need the grouped expression repeated with identical parameters).
import { Injectable } from '@nestjs/common';
import { promisify } from 'node:util';
import { gunzip as gunzipCb } from 'node:zlib';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { TransactionalRepository } from '../../common/database/transactional-repository';
import { judgeOnTime } from '../tasks/on-time';
import { LightContext, lightSql } from '../tasks/task-light';
import { QuarterlyRollup } from './quarterly-rollup.entity';
import { FigureFact, figureCells, IndicatorInfo } from './rollup-fold';
import type { NoticeCell, RollupFacts, StoredRollup, TaskCell, TaskLine } from './rollup.types';

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

/** A task as the ledger model holds it (rollups/ledger-model.ts). */
export interface LedgerTaskRow {
  id: string;
  seq: number;
  itemNumber: number;
  itemPosition: number;
  title: string;
  chapterId: string;
  departmentId: string;
  originalDueDate: string;
  dueDate: string;
  completedOn: string | null;
  createdAt: string;
  status: string;
  percent: number;
  pendingExtension: boolean;
  startDate: string;
  startDay: number;
  dueDay: number;
  lastReportedOn: string | null;
}

/** An effective progress entry: its official percent counts for roll-ups, a lead entry marks the period reported. */
export interface LedgerEntryRow {
  taskId: string;
  id: string;
  period: string;
  late: boolean;
  percent: number;
  createdAt: string;
  official: boolean;
  departmentId: string;
  /** The entry's date, for an official 补报 (late) entry only (what the year's lateEntries list); else null. */
  reportedOn: string | null;
}

export interface LedgerFigureRow {
  taskId: string;
  indicatorId: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  textValue: string | null;
  period: string;
  late: boolean;
  createdAt: string;
}

export interface LedgerNoticeRow {
  taskId: string;
  issuedOn: string;
  respondedOn: string | null;
  respondBy: string;
}

const bool = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 't';

const PARSED_SNAPSHOTS = 2;

const gunzip = promisify(gunzipCb);

/** Bytes of compressed snapshot per part: one part is one short INSERT (a few milliseconds). */
const PART_BYTES = 512 * 1024;

/** What a snapshot row's `data` holds when the snapshot itself is stored in parts (rollup_snapshot_parts). */
export interface SnapshotParts {
  parts: number;
  encoding: 'gzip';
}

export function isSnapshotParts(data: unknown): data is SnapshotParts {
  return typeof data === 'object' && data !== null && typeof (data as SnapshotParts).parts === 'number' && (data as SnapshotParts).encoding === 'gzip';
}

@Injectable()
export class RollupsRepository extends TransactionalRepository {
  private readonly parsed = new Map<string, QuarterlyRollup>();

  constructor(private readonly runner: TransactionRunner) {
    super(runner);
  }

  /** The plan's change numbers (plans/ledger-changes.ts); null when the plan does not exist. */
  async changeNumbers(planId: string): Promise<{ change: number; structure: number } | null> {
    const rows = await this.rows<{ change: number | string; structure: number | string }>(
      'SELECT change_seq AS change, structure_seq AS structure FROM plans WHERE id = :planId', { planId });
    return rows.length ? { change: Number(rows[0].change), structure: Number(rows[0].structure) } : null;
  }

  /** The newest plans still in use (not archived), newest year first: what a process loads at boot. */
  async activePlanIds(limit: number): Promise<string[]> {
    const rows = await this.rows<{ id: string }>(
      `SELECT id FROM plans WHERE archived_at IS NULL ORDER BY year DESC, created_at DESC LIMIT ${Math.floor(limit)}`, {});
    return rows.map((r) => r.id);
  }

  /** Ids of the plan's tasks stamped after `since` (every task for -1), in document order. */
  async changedTaskIds(planId: string, since: number): Promise<string[]> {
    // A task never touched since the column came has none (null): it is in the first, whole load only.
    const rows = await this.rows<{ id: string }>(
      since < 0 ? 'SELECT id FROM tasks WHERE plan_id = :planId' : 'SELECT id FROM tasks WHERE plan_id = :planId AND change_seq > :since', { planId, since });
    return rows.map((r) => r.id);
  }

  async ledgerTasks(ids: string[]): Promise<LedgerTaskRow[]> {
    if (!ids.length) return [];
    const rows = await this.rows<Record<string, unknown>>(`
      SELECT t.id AS id, t.seq AS seq, i.number AS "itemNumber", i.position AS "itemPosition", t.title AS title, ${CHAPTER} AS "chapterId",
        t.lead_department_id AS "departmentId", t.original_due_date AS "originalDueDate", t.due_date AS "dueDate", t.completed_on AS "completedOn",
        t.created_at AS "createdAt", t.status AS status, t.percent AS percent, t.pending_extension AS "pendingExtension",
        t.start_date AS "startDate", t.start_day AS "startDay", t.due_day AS "dueDay", t.last_reported_on AS "lastReportedOn"
      ${TASK_FROM}
      WHERE t.id IN (:...ids)`, { ids });
    return rows.map((r) => ({
      id: String(r.id), seq: Number(r.seq ?? 0), itemNumber: Number(r.itemNumber ?? 0), itemPosition: Number(r.itemPosition ?? 0), title: String(r.title ?? ''),
      chapterId: String(r.chapterId), departmentId: String(r.departmentId), originalDueDate: String(r.originalDueDate), dueDate: String(r.dueDate),
      completedOn: r.completedOn === null ? null : String(r.completedOn), createdAt: String(r.createdAt), status: String(r.status), percent: Number(r.percent),
      pendingExtension: bool(r.pendingExtension), startDate: String(r.startDate), startDay: Number(r.startDay), dueDay: Number(r.dueDay),
      lastReportedOn: r.lastReportedOn === null ? null : String(r.lastReportedOn),
    }));
  }

  async ledgerEntries(ids: string[]): Promise<LedgerEntryRow[]> {
    if (!ids.length) return [];
    const rows = await this.rows<Record<string, unknown>>(`
      SELECT r.task_id AS "taskId", r.id AS id, r.period AS period, r.late AS late, r.percent AS percent, r.created_at AS "createdAt",
        r.is_official AS official, r.department_id AS "departmentId",
        CASE WHEN r.late = :yes AND r.is_official = :yes THEN r.reported_on END AS "reportedOn"
      FROM progress_reports r
      WHERE r.task_id IN (:...ids) AND r.effective = :yes`, { ids, yes: true });
    return rows.map((r) => ({
      taskId: String(r.taskId), id: String(r.id), period: String(r.period), late: bool(r.late), percent: Number(r.percent), createdAt: String(r.createdAt),
      official: bool(r.official), departmentId: String(r.departmentId), reportedOn: r.reportedOn === null ? null : String(r.reportedOn),
    }));
  }

  async ledgerFigures(ids: string[]): Promise<LedgerFigureRow[]> {
    if (!ids.length) return [];
    const rows = await this.rows<Record<string, unknown>>(`
      SELECT f.task_id AS "taskId", f.indicator_id AS "indicatorId", f.value AS value, f.numerator AS numerator, f.denominator AS denominator,
        f.text_value AS "textValue", f.period AS period, f.late AS late, f.created_at AS "createdAt"
      FROM progress_figures f
      WHERE f.task_id IN (:...ids) AND f.effective = :yes AND f.is_official = :yes`, { ids, yes: true });
    return rows.map((f) => ({
      taskId: String(f.taskId), indicatorId: String(f.indicatorId), value: Number(f.value),
      numerator: f.numerator === null ? null : Number(f.numerator), denominator: f.denominator === null ? null : Number(f.denominator),
      textValue: f.textValue === null ? null : String(f.textValue), period: String(f.period), late: bool(f.late), createdAt: String(f.createdAt),
    }));
  }

  async ledgerNotices(ids: string[]): Promise<LedgerNoticeRow[]> {
    if (!ids.length) return [];
    const rows = await this.rows<Record<string, unknown>>(`
      SELECT n.task_id AS "taskId", n.issued_on AS "issuedOn", n.responded_on AS "respondedOn", n.respond_by AS "respondBy"
      FROM supervision_notices n WHERE n.task_id IN (:...ids)`, { ids });
    return rows.map((n) => ({
      taskId: String(n.taskId), issuedOn: String(n.issuedOn), respondedOn: n.respondedOn === null ? null : String(n.respondedOn), respondBy: String(n.respondBy),
    }));
  }

  /**
   * The roll-up facts recounted from the tables in SQL. Roll-ups are served from the ledger model
   * (ledger-model.ts); this recount is the independent reference the model is checked against
   * (test/e2e/ledger-model.e2e-spec.ts). `withLines`: also the task lines, in document order.
   */
  async recount(planId: string, w: RollupWindow, departmentId: string | null, withLines: boolean, canonical: (id: string) => IndicatorInfo | undefined): Promise<RollupFacts> {
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

  /**
   * A closed quarter's snapshot, whole. Snapshots never change once written, and at province scale
   * one is tens of megabytes of JSON: the last few read are kept parsed (read outside transactions only).
   */
  async findSnapshot(planId: string, quarter: string): Promise<QuarterlyRollup | null> {
    const key = `${planId}/${quarter}`;
    const kept = this.parsed.get(key);
    if (kept) return kept;
    const row = await this.em().findOneBy(QuarterlyRollup, { planId, quarter });
    if (row && isSnapshotParts(row.data)) row.data = await this.readSnapshotParts(row.id, row.data);
    if (row && !this.runner.inTransaction) {
      if (this.parsed.size >= PARSED_SNAPSHOTS) this.parsed.delete(this.parsed.keys().next().value!);
      this.parsed.set(key, row);
    }
    return row;
  }

  /**
   * Stores a snapshot's compressed JSON (packed in the close's thread, rollup-close.worker.ts) in parts,
   * under the id its row will have: each part one short statement of its own between transactions, so
   * writers never wait for a whole snapshot. Answers the row's `data` pointing at them. Parts whose
   * row never comes (a close that lost or retried) are removed with removeSnapshotParts.
   */
  async writeSnapshotParts(snapshotId: string, planId: string, packed: Buffer, createdAt: string): Promise<string> {
    const parts = Math.max(1, Math.ceil(packed.length / PART_BYTES));
    for (let seq = 0; seq < parts; seq++) {
      const data = packed.subarray(seq * PART_BYTES, (seq + 1) * PART_BYTES);
      await this.runner.exclusive((em) => {
        const [query, bound] = em.connection.driver.escapeQueryWithParameters(
          'INSERT INTO rollup_snapshot_parts (snapshot_id, seq, plan_id, data, created_at) VALUES (:snapshotId, :seq, :planId, :data, :createdAt)',
          { snapshotId, seq, planId, data, createdAt });
        return em.query(query, bound);
      });
    }
    const marker: SnapshotParts = { parts, encoding: 'gzip' };
    return JSON.stringify(marker);
  }

  async removeSnapshotParts(snapshotId: string): Promise<void> {
    await this.runner.exclusive((em) => {
      const [query, bound] = em.connection.driver.escapeQueryWithParameters('DELETE FROM rollup_snapshot_parts WHERE snapshot_id = :snapshotId', { snapshotId });
      return em.query(query, bound);
    });
  }

  /** Parts older than `before` whose snapshot row never came (a process stopped mid-close). */
  async removeOrphanParts(before: string): Promise<void> {
    await this.runner.exclusive((em) => {
      const [query, bound] = em.connection.driver.escapeQueryWithParameters(
        'DELETE FROM rollup_snapshot_parts WHERE created_at < :before AND snapshot_id NOT IN (SELECT id FROM quarterly_rollups)', { before });
      return em.query(query, bound);
    });
  }

  /** A snapshot stored in parts, whole again: read, joined and decompressed (off the event loop), then parsed. */
  private async readSnapshotParts(snapshotId: string, marker: SnapshotParts): Promise<StoredRollup> {
    const rows = await this.rows<{ data: Buffer | Uint8Array }>('SELECT data FROM rollup_snapshot_parts WHERE snapshot_id = :snapshotId ORDER BY seq', { snapshotId });
    if (rows.length !== marker.parts) throw new Error(`snapshot ${snapshotId}: ${rows.length} of ${marker.parts} parts stored`);
    const json = (await gunzip(Buffer.concat(rows.map((r) => Buffer.from(r.data))))).toString('utf8');
    return JSON.parse(json) as StoredRollup;
  }

  /** A snapshot just written by this process, kept parsed: its first reader does not parse it again. */
  keepParsed(row: QuarterlyRollup): void {
    const key = `${row.planId}/${row.quarter}`;
    if (this.parsed.size >= PARSED_SNAPSHOTS) this.parsed.delete(this.parsed.keys().next().value!);
    this.parsed.set(key, row);
  }

  async snapshotExists(planId: string, quarter: string): Promise<boolean> {
    return (await this.snapshotId(planId, quarter)) !== null;
  }

  async snapshotId(planId: string, quarter: string): Promise<string | null> {
    const rows = await this.rows<{ id: string }>('SELECT id FROM quarterly_rollups WHERE plan_id = :planId AND quarter = :quarter', { planId, quarter });
    return rows[0]?.id ?? null;
  }

  /** The plan's closed quarters without their data: the overall figures and when and by whom each closed. */
  snapshotsOf(planId: string): Promise<Omit<QuarterlyRollup, 'data'>[]> {
    return this.em().find(QuarterlyRollup, {
      select: { id: true, planId: true, quarter: true, periodStart: true, periodEnd: true, overall: true, closedBy: true, closedAt: true },
      where: { planId }, order: { quarter: 'ASC' },
    });
  }

  async closedKeys(): Promise<Set<string>> {
    const rows = await this.em().find(QuarterlyRollup, { select: { planId: true, quarter: true } });
    return new Set(rows.map((r) => `${r.planId}/${r.quarter}`));
  }

  /**
   * Inserts the snapshot unless one exists for the plan and quarter (INSERT OR IGNORE on SQLite,
   * ON CONFLICT DO NOTHING on PostgreSQL): the unique key decides between concurrent closers.
   */
  async insertSnapshotIfAbsent(row: { id: string; planId: string; quarter: string; periodStart: string; periodEnd: string; json: string; overall: string; closedBy: string | null; closedAt: string }): Promise<void> {
    // The data arrives serialised (closing folds it before its transaction); ON CONFLICT DO NOTHING runs on both drivers.
    await this.rows(`
      INSERT INTO quarterly_rollups (id, plan_id, quarter, period_start, period_end, data, overall, closed_by, closed_at)
      VALUES (:id, :planId, :quarter, :periodStart, :periodEnd, :json, :overall, :closedBy, :closedAt)
      ON CONFLICT DO NOTHING`, row);
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
