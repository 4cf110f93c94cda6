// Data for the benchmarks. The schema, the first admin and the plan come from the application
// itself (createApp runs the migrations; the plan is imported through POST /api/plans/import, with
// fastify's inject, so no port is needed); the bulk rows (departments, tasks, their departments,
// progress reports, figures, 督办 notices) are written with fast bulk SQL, never through the API:
// better-sqlite3 prepared statements in one transaction, or PostgreSQL multi-row INSERTs.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { createApp } from '../src/app.factory';
import { businessInstant, formatQuarter } from '../src/common/time/business-date';
import { defaultPeriod } from '../src/common/time/reporting-period';
import { dayNumber } from '../src/modules/tasks/task-light';
import { ADMIN, BenchDatabase, log, nowMs, rng } from './lib';

// The seeds live in ../shared beside the repository (as for the tests); SHARED_DIR overrides.
export const SEED_PLAN_FILE = resolve(process.env.SHARED_DIR ?? resolve(process.cwd(), '../shared'), 'seeds/004_90638f697cd6c391.txt');
export const PLAN_YEAR = new Date().getUTCFullYear();

/** The seed 工作要点 with its years replaced by the plan year (and, for repeated imports, a distinct 文号). */
export function seedPlanText(variant = 0): string {
  let text = readFileSync(SEED_PLAN_FILE, 'utf8').replace(/2016/g, String(PLAN_YEAR));
  if (variant) text = text.replace(/〔(\d{4})〕35号/g, `〔$1〕${35 + variant}号`);
  return text;
}

/** A generated 工作要点 of `items` numbered work points in ten chapters. */
export function generatedPlanText(items: number, variant = 0): string {
  const chapters = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  const perChapter = Math.ceil(items / chapters.length);
  const lines = [`# 某市${PLAN_YEAR}年法治政府建设工作要点${variant ? `（第${variant}稿）` : ''}`, '', `为深入推进依法行政，加快建设法治政府，制定本工作要点。`, ''];
  let n = 0;
  for (const ch of chapters) {
    if (n >= items) break;
    lines.push(`## ${ch}、第${ch}部分重点工作`, '');
    for (let k = 0; k < perChapter && n < items; k++) {
      n++;
      lines.push(`${n}. 推进第${n}项重点工作。围绕依法行政要求，完善第${n}项工作机制，明确责任分工和时间节点，加强督促检查，确保各项措施落到实处。（牵头单位：区司法局；配合单位：各镇人民政府、各街道办事处；完成时限：${PLAN_YEAR}年${(n % 12) + 1}月底前）`, '');
    }
  }
  return lines.join('\n');
}

export interface Scale {
  departments: number;
  tasks: number;
  reports: number;
  /** Share of reports carrying one figure. */
  figureShare: number;
  notices: number;
  /** Department users (one per department, up to this many): reminder delivery writes their notifications. */
  users: number;
}

export const SCALES: Record<'smoke' | 'district' | 'province', Scale> = {
  smoke: { departments: 10, tasks: 30, reports: 150, figureShare: 0.25, notices: 3, users: 10 },
  district: { departments: 40, tasks: 100, reports: 800, figureShare: 0.25, notices: 5, users: 40 },
  province: { departments: 6000, tasks: 50_000, reports: 1_000_000, figureShare: 0.2, notices: 500, users: 6000 },
};

export interface Bootstrapped {
  planId: string;
  adminId: string;
  items: { id: string; sectionId: string; number: number }[];
  bootMs: number;
  importMs: number;
}

/** Boots the app once on the fresh database (migrations, first admin) and imports the seed plan through the API. */
export async function bootstrapDatabase(db: BenchDatabase, env: Record<string, string>, planText = seedPlanText()): Promise<Bootstrapped> {
  const t0 = nowMs();
  const app = await createApp(loadConfig({ ...env, WORKER_IN_API: 'false' }), { logger: false, docsUi: false });
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();
  const bootMs = nowMs() - t0;
  try {
    const loginRes = await fastify.inject({ method: 'POST', url: '/api/auth/login', payload: ADMIN });
    if (loginRes.statusCode !== 200) throw new Error(`login: ${loginRes.statusCode} ${loginRes.body}`);
    const { accessToken, user } = loginRes.json() as { accessToken: string; user: { id: string } };
    const t1 = nowMs();
    const res = await fastify.inject({
      method: 'POST', url: '/api/plans/import', headers: { authorization: `Bearer ${accessToken}` },
      payload: { text: planText, year: PLAN_YEAR },
    });
    const importMs = nowMs() - t1;
    if (res.statusCode !== 200) throw new Error(`plan import: ${res.statusCode} ${res.body.slice(0, 500)}`);
    const planId = (res.json() as { plan: { id: string } }).plan.id;
    const rows = (await app.get(DataSource).query(db.type === 'postgres'
      ? 'SELECT id, section_id AS "sectionId", number FROM plan_items WHERE plan_id = $1 ORDER BY position'
      : 'SELECT id, section_id AS "sectionId", number FROM plan_items WHERE plan_id = ? ORDER BY position', [planId])) as { id: string; sectionId: string; number: number }[];
    return { planId, adminId: user.id, items: rows, bootMs, importMs };
  } finally {
    await app.close();
  }
}

// ---- bulk writers --------------------------------------------------------------------------------

// better-sqlite3 ships no typings (and the repo has no @types for it): the little used here.
interface SqliteStatement {
  run(params: unknown[]): unknown;
}
interface SqliteDb {
  pragma(sql: string): unknown;
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
  close(): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as new (path: string) => SqliteDb;

interface Writer {
  insert(table: string, columns: string[], rows: unknown[][]): Promise<void>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

function sqliteWriter(path: string): Writer {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const statements = new Map<string, SqliteStatement>();
  db.exec('BEGIN');
  return {
    async insert(table, columns, rows) {
      const key = `${table}(${columns.join(',')})`;
      let stmt = statements.get(key);
      if (!stmt) {
        stmt = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
        statements.set(key, stmt);
      }
      for (const r of rows) stmt.run(r.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v)));
    },
    async exec(sql) {
      db.exec(sql);
    },
    async close() {
      db.exec('COMMIT');
      db.close();
    },
  };
}

async function postgresWriter(url: string): Promise<Writer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  return {
    async insert(table, columns, rows) {
      const per = Math.max(1, Math.floor(60_000 / columns.length));
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        const params: unknown[] = [];
        const values = chunk.map((r) => `(${r.map((v) => { params.push(v); return `$${params.length}`; }).join(', ')})`);
        await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, params);
      }
    },
    async exec(sql) {
      await client.query(sql);
    },
    async close() {
      await client.query('COMMIT');
      await client.end();
    },
  };
}

export function openWriter(db: BenchDatabase): Promise<Writer> {
  return db.type === 'sqlite' ? Promise.resolve(sqliteWriter(db.path!)) : postgresWriter(db.url!);
}

// ---- the generated ledger --------------------------------------------------------------------------

const iso = (date: string, hour: number, minute = 0) => businessInstant(date, hour, minute).toISOString();
function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
const daysFrom = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

const KINDS = ['town', 'street', 'bureau', 'office', 'other'];
const INDICATORS: [string, string][] = [['培训人次', '人次'], ['审查文件', '件'], ['办理案件', '件'], ['覆盖率', '%']];

export interface SeedResult {
  departments: string[];
  tasks: number;
  reports: number;
  figures: number;
  ms: number;
}

export interface LedgerOptions {
  today: string;
  /** Due dates are spread over [dueFrom, dueTo]. */
  dueFrom: string;
  dueTo: string;
  /** Progress reports, completion and notices (roll-up/dashboard data); false: bare open tasks. */
  withHistory: boolean;
}

/**
 * Departments (with their name rows and one user each), tasks spread over the plan's items, their
 * departments (lead + 0–2 co-operating), progress reports from each task's start to today (or its
 * completion) with figures on a share of them, and a few 督办 notices. Deterministic.
 */
export async function seedLedger(db: BenchDatabase, boot: Bootstrapped, scale: Scale, o: LedgerOptions): Promise<SeedResult> {
  const t0 = nowMs();
  const w = await openWriter(db);
  const rand = rng(42);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const createdAt = iso(`${PLAN_YEAR}-01-05`, 9);
  try {
    const departments: string[] = [];
    const deptRows: unknown[][] = [];
    const nameRows: unknown[][] = [];
    for (let i = 0; i < scale.departments; i++) {
      const id = randomUUID();
      departments.push(id);
      const name = `基准部门${String(i + 1).padStart(5, '0')}`;
      deptRows.push([id, name, null, KINDS[i % KINDS.length], createdAt, createdAt]);
      nameRows.push([name, id, name, 'name']);
    }
    await w.insert('departments', ['id', 'name', 'short_name', 'kind', 'created_at', 'updated_at'], deptRows);
    await w.insert('department_names', ['key', 'department_id', 'text', 'kind'], nameRows);
    // A user per department (bcrypt-shaped hash that matches no password: these never log in).
    const hash = '$2a$10$' + 'x'.repeat(53);
    const userRows = departments.slice(0, scale.users).map((d, i) => [randomUUID(), `bench_dept_${i + 1}`, hash, 'department', d, false, 0, createdAt, createdAt]);
    await w.insert('users', ['id', 'username', 'password_hash', 'role', 'department_id', 'disabled', 'token_version', 'created_at', 'updated_at'], userRows);

    const taskCols = ['id', 'plan_id', 'item_id', 'seq', 'title', 'lead_department_id', 'deliverable', 'milestones', 'start_date', 'due_date', 'start_day', 'due_day',
      'original_due_date', 'status', 'percent', 'last_reported_on', 'last_report_at', 'latest_narrative', 'pending_extension', 'completed_on', 'version', 'created_at', 'updated_at'];
    const tdCols = ['task_id', 'department_id', 'role'];
    const reportCols = ['id', 'task_id', 'department_id', 'author_id', 'is_official', 'reported_on', 'percent', 'narrative', 'figures', 'evidence', 'created_at', 'period', 'late', 'effective'];
    const figureCols = ['id', 'report_id', 'task_id', 'plan_id', 'department_id', 'is_official', 'reported_on', 'indicator', 'value', 'unit', 'indicator_id', 'period', 'late', 'effective', 'created_at'];
    // The plan's indicator catalogue (a rate among them: roll-ups aggregate by kind).
    const indicatorIds = new Map(INDICATORS.map(([name]) => [name, randomUUID()]));
    await w.insert('indicators', ['id', 'plan_id', 'name', 'unit', 'kind', 'aliases', 'status', 'merged_into', 'proposed_by', 'created_at', 'updated_at'],
      INDICATORS.map(([name, unit]) => [indicatorIds.get(name), boot.planId, name, unit, unit === '%' ? 'rate' : 'count', '[]', 'confirmed', null, null, createdAt, createdAt]));
    const periodOf = (date: string) => {
      const q = defaultPeriod(date, { reportingWindowDay: 10 });
      return formatQuarter(q.year < PLAN_YEAR ? { year: PLAN_YEAR, quarter: 1 } : q);
    };
    const noticeCols = ['id', 'plan_id', 'task_id', 'department_id', 'seq', 'number', 'level', 'message', 'respond_by', 'issued_by', 'issued_on', 'response', 'responded_by', 'responded_on', 'created_at'];

    const dueSpan = daysFrom(o.dueFrom, o.dueTo);
    const reportsPerTask = scale.reports / scale.tasks;
    const noticeEvery = scale.notices ? Math.max(1, Math.floor(scale.tasks / scale.notices)) : 0;
    let nReports = 0;
    let nFigures = 0;
    let noticeSeq = 0;
    const CHUNK = 2000;
    for (let start = 0; start < scale.tasks; start += CHUNK) {
      const tasks: unknown[][] = [];
      const tds: unknown[][] = [];
      const reports: unknown[][] = [];
      const figures: unknown[][] = [];
      const notices: unknown[][] = [];
      for (let k = start; k < Math.min(scale.tasks, start + CHUNK); k++) {
        const id = randomUUID();
        const item = boot.items[k % boot.items.length];
        const lead = departments[k % departments.length];
        const startDate = addDays(`${PLAN_YEAR}-02-01`, Math.floor(rand() * 30));
        const dueDate = addDays(o.dueFrom, Math.floor(rand() * (dueSpan + 1)));
        let completedOn: string | null = null;
        if (o.withHistory) {
          const r = rand();
          if (dueDate < o.today) {
            if (r < 0.65) completedOn = addDays(dueDate, -Math.floor(rand() * 20));
            else if (r < 0.8) completedOn = addDays(dueDate, 1 + Math.floor(rand() * 30));
          } else if (r < 0.15) {
            completedOn = addDays(o.today, -1 - Math.floor(rand() * 30));
          }
          if (completedOn && completedOn >= o.today) completedOn = addDays(o.today, -1);
          if (completedOn && completedOn < startDate) completedOn = startDate;
        }
        const cooperating = new Set<string>();
        const nCoop = Math.floor(rand() * 3);
        for (let c = 0; c < nCoop && departments.length > 1; c++) {
          const d = pick(departments);
          if (d !== lead) cooperating.add(d);
        }
        tds.push([id, lead, 'lead'], ...[...cooperating].map((d) => [id, d, 'cooperating']));

        // Progress reports between the start and today (or completion), percent rising to 100 at completion.
        let official: { reportedOn: string; at: string; percent: number; narrative: string } | null = null;
        if (o.withHistory) {
          const end = completedOn ?? addDays(o.today, -1);
          const span = Math.max(0, daysFrom(startDate, end));
          const n = Math.max(1, Math.round(reportsPerTask * (0.5 + rand())));
          const days = Array.from({ length: n }, () => Math.floor(rand() * (span + 1))).sort((a, b) => a - b);
          if (completedOn) days[days.length - 1] = span;
          let pct = 0;
          days.forEach((d, j) => {
            const reportedOn = addDays(startDate, d);
            const last = j === days.length - 1;
            pct = completedOn && last ? 100 : Math.min(95, pct + Math.floor(rand() * (100 / n) * 1.6));
            const isOfficial = rand() < 0.85 || cooperating.size === 0;
            const dept = isOfficial ? lead : pick([...cooperating]);
            const rid = randomUUID();
            const at = iso(reportedOn, 9 + (j % 9), j % 60);
            const narrative = `第${j + 1}次进展：按计划推进，已完成阶段性工作。`;
            let figs = '[]';
            if (rand() < scale.figureShare) {
              const [indicator, unit] = pick(INDICATORS);
              const value = Math.round(rand() * 1000) / 10;
              figs = JSON.stringify([{ indicator, value, unit }]);
              figures.push([randomUUID(), rid, id, boot.planId, dept, isOfficial, reportedOn, indicator, value, unit, indicatorIds.get(indicator), periodOf(reportedOn), false, true, at]);
            }
            reports.push([rid, id, dept, boot.adminId, isOfficial, reportedOn, pct, narrative, figs, '[]', at, periodOf(reportedOn), false, true]);
            if (isOfficial) official = { reportedOn, at, percent: pct, narrative };
          });
        }
        const o2 = official as { reportedOn: string; at: string; percent: number; narrative: string } | null;
        tasks.push([
          id, boot.planId, item.id, k + 1, `第${item.number}项任务${k + 1}：落实相关工作`, lead, '工作报告', null, startDate, dueDate,
          dayNumber(startDate), dayNumber(dueDate), dueDate, completedOn ? 'completed' : 'in_progress', completedOn ? 100 : (o2?.percent ?? 0),
          o2?.reportedOn ?? null, o2?.at ?? null, o2?.narrative ?? null, false, completedOn, 1, iso(startDate, 10), o2?.at ?? iso(startDate, 10),
        ]);
        if (o.withHistory && noticeEvery && k % noticeEvery === 0 && noticeSeq < scale.notices) {
          noticeSeq++;
          const issuedOn = addDays(dueDate, 3) < o.today ? addDays(dueDate, 3) : addDays(startDate, 30);
          const respondBy = addDays(issuedOn, 5);
          const responded = rand() < 0.7 ? addDays(issuedOn, Math.floor(rand() * 8)) : null;
          notices.push([randomUUID(), boot.planId, id, lead, noticeSeq, `督办〔${PLAN_YEAR}〕${noticeSeq}号`, 'red', '请说明原因并报送整改措施。', respondBy, boot.adminId,
            issuedOn, responded ? '已整改' : null, null, responded, iso(issuedOn, 10)]);
        }
      }
      await w.insert('tasks', taskCols, tasks);
      await w.insert('task_departments', tdCols, tds);
      await w.insert('progress_reports', reportCols, reports);
      await w.insert('progress_figures', figureCols, figures);
      await w.insert('supervision_notices', noticeCols, notices);
      nReports += reports.length;
      nFigures += figures.length;
      if (scale.tasks > 10_000 && (start / CHUNK) % 5 === 4) log(`  seeded ${start + CHUNK} tasks, ${nReports} reports`);
    }
    if (db.type === 'postgres') {
      await w.close();
      // What autovacuum and the checkpointer do after a bulk load, done now rather than in the middle of
      // the measurements: planner statistics, the visibility map of a million new rows (PostgreSQL 13+
      // vacuums after inserts too), and the dirty pages written out. A database in service did all of
      // this long before; left to run during the closes it made single writes wait up to ~0.9 s.
      const c = new pg.Client({ connectionString: db.url! });
      await c.connect();
      await c.query('VACUUM ANALYZE');
      await c.query('CHECKPOINT');
      await c.end();
    } else {
      await w.close();
    }
    return { departments, tasks: scale.tasks, reports: nReports, figures: nFigures, ms: nowMs() - t0 };
  } catch (err) {
    await w.close().catch(() => undefined);
    throw err;
  }
}
