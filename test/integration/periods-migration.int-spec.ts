// Migration 1764200000000 brings existing data along: every progress report gets the period its date
// falls in under the reporting-window rule (the plan's window day, else the 10th), every figure an
// indicator created per plan from the distinct names (a percentage or 率 is a rate, else a count).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/app-config';
import { buildDataSourceOptions } from '../../config/typeorm-options';
import { MIGRATIONS } from '../../migrations/index';
import { databaseRequirement } from '../helpers/requirements';
import { createTestDatabase, TestDatabase, TestDbType } from '../helpers/test-database';

const NEW = MIGRATIONS.findIndex((m) => m.name === 'PeriodsAndIndicators1764200000000');

for (const type of ['sqlite', 'postgres'] as TestDbType[]) {
  const need = databaseRequirement(type);
  need.describe(need.title(`the periods and indicators migration on ${type}`), () => {
    let db: TestDatabase;

    beforeAll(async () => {
      db = await createTestDatabase(type);
    });
    afterAll(async () => db?.drop());

    it('gives existing reports their period by the window rule and existing figures an indicator', async () => {
      const options = buildDataSourceOptions(loadConfig({ ...db.env, NODE_ENV: 'test' }));
      const before = new DataSource({ ...options, migrations: MIGRATIONS.slice(0, NEW) } as typeof options);
      await before.initialize();
      await before.runMigrations({ transaction: 'each' });
      const q = async (sql: string, params: Record<string, unknown> = {}) => {
        const [query, bound] = before.driver.escapeQueryWithParameters(sql, params);
        return before.query(query, bound);
      };
      const at = '2026-01-01T00:00:00.000Z';
      await q(`INSERT INTO departments (id, name, kind, created_at, updated_at) VALUES ('d1', '区司法局', 'bureau', :at, :at)`, { at });
      await q(`INSERT INTO users (id, username, password_hash, role, department_id, disabled, token_version, created_at, updated_at)
        VALUES ('u1', 'u1', 'x', 'department', 'd1', :no, 0, :at, :at)`, { at, no: false });
      for (const [id, windowDay] of [['p1', null], ['p2', 15]] as const) {
        await q(`INSERT INTO plans (id, year, title, fingerprint, warnings, created_at, reminder_policy) VALUES (:id, 2026, :id, :id, '[]', :at, :policy)`,
          { id, at, policy: windowDay ? JSON.stringify({ reportingWindowDay: windowDay }) : null });
        await q(`INSERT INTO plan_sections (id, plan_id, level, ordinal, title, position, line) VALUES (:s, :id, 1, '一', '章', 1, 1)`, { s: `s-${id}`, id });
        await q(`INSERT INTO plan_items (id, plan_id, section_id, number, label, title, body, position, line) VALUES (:i, :id, :s, 1, '1.', '事项', '事项', 1, 2)`, { i: `i-${id}`, s: `s-${id}`, id });
        await q(`INSERT INTO tasks (id, plan_id, item_id, seq, title, lead_department_id, start_date, due_date, start_day, due_day, original_due_date, status, percent,
          pending_extension, version, created_at, updated_at) VALUES (:t, :id, :i, 1, '任务', 'd1', '2026-01-01', '2026-12-31', 20454, 20818, '2026-12-31', 'in_progress', 0, :no, 1, :at, :at)`,
        { t: `t-${id}`, id, i: `i-${id}`, at, no: false });
      }
      const reports: [string, string, string, string, [string, number, string][]][] = [
        ['r1', 't-p1', '2026-04-08', '2026-04-08T01:00:00.000Z', [['审核规范性文件', 5, '件'], ['调解成功率', 95, '%']]],
        ['r2', 't-p1', '2026-04-11', '2026-04-11T01:00:00.000Z', [['审核规范性文件', 3, '件']]],
        ['r3', 't-p1', '2027-01-09', '2027-01-09T01:00:00.000Z', [['行政复议办结率', 90, '']]],
        ['r4', 't-p2', '2026-04-12', '2026-04-12T01:00:00.000Z', [['审核规范性文件', 1, '件']]],
      ];
      for (const [id, taskId, on, createdAt, figures] of reports) {
        await q(`INSERT INTO progress_reports (id, task_id, department_id, author_id, is_official, reported_on, percent, narrative, figures, evidence, created_at)
          VALUES (:id, :taskId, 'd1', 'u1', :yes, :on, 10, 'x', :figs, '[]', :createdAt)`,
        { id, taskId, on, createdAt, yes: true, figs: JSON.stringify(figures.map(([indicator, value, unit]) => ({ indicator, value, unit }))) });
        for (const [k, [indicator, value, unit]] of figures.entries()) {
          await q(`INSERT INTO progress_figures (id, report_id, task_id, plan_id, department_id, is_official, reported_on, indicator, value, unit)
            VALUES (:fid, :id, :taskId, :plan, 'd1', :yes, :on, :indicator, :value, :unit)`,
          { fid: `${id}-${k}`, id, taskId, plan: taskId.slice(2), on, indicator, value, unit, yes: true });
        }
      }
      await before.destroy();

      const after = new DataSource(options);
      await after.initialize();
      // This migration runs next (later ones, e.g. the task lifecycle, follow it on the same data).
      expect((await after.runMigrations({ transaction: 'each' })).map((m) => m.name)[0]).toBe('PeriodsAndIndicators1764200000000');
      const periods = await after.query('SELECT id, period, late, effective FROM progress_reports ORDER BY id');
      expect(periods.map((r: { id: string; period: string; late: unknown; effective: unknown }) => [r.id, r.period, Boolean(r.late), Boolean(r.effective)])).toEqual([
        ['r1', '2026Q1', false, true], // 04-08: Q1's window is open
        ['r2', '2026Q2', false, true],
        ['r3', '2026Q4', false, true], // January, within Q4's window
        ['r4', '2026Q1', false, true], // this plan's window runs to the 15th
      ]);
      const indicators = await after.query('SELECT id, plan_id AS "planId", name, unit, kind, status FROM indicators ORDER BY plan_id, name');
      expect(indicators.map((i: { planId: string; name: string; unit: string; kind: string }) => [i.planId, i.name, i.unit, i.kind])).toEqual(
        expect.arrayContaining([
          ['p1', '审核规范性文件', '件', 'count'], ['p1', '调解成功率', '%', 'rate'], ['p1', '行政复议办结率', '', 'rate'], ['p2', '审核规范性文件', '件', 'count'],
        ]),
      );
      expect(indicators).toHaveLength(4);
      const figures = await after.query('SELECT f.id AS id, f.period AS period, i.name AS name, i.plan_id AS "planId", f.plan_id AS "figurePlan" FROM progress_figures f JOIN indicators i ON i.id = f.indicator_id ORDER BY f.id');
      expect(figures).toHaveLength(5);
      for (const f of figures) expect(f.planId).toBe(f.figurePlan);
      expect(figures.map((f: { id: string; period: string }) => [f.id, f.period])).toEqual([
        ['r1-0', '2026Q1'], ['r1-1', '2026Q1'], ['r2-0', '2026Q2'], ['r3-0', '2026Q4'], ['r4-0', '2026Q1'],
      ]);
      // And back down, data and all: the later migrations first, then this one.
      while ((await after.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`))[0].name !== 'PeriodsAndIndicators1764200000000') {
        await after.undoLastMigration({ transaction: 'each' });
        expect(Number((await after.query('SELECT COUNT(*) AS n FROM progress_figures'))[0].n)).toBe(5);
        expect(Number((await after.query('SELECT COUNT(*) AS n FROM progress_reports'))[0].n)).toBe(4);
      }
      await after.undoLastMigration({ transaction: 'each' });
      expect(Number((await after.query('SELECT COUNT(*) AS n FROM progress_figures'))[0].n)).toBe(5);
      await after.destroy();
    });
  });
}
