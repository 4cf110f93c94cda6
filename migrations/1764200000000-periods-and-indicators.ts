// Reporting periods, typed indicators and corrections (issue 13). Brings existing data along:
// every progress report gets the period its date falls in under the reporting-window rule (the
// quarter just ended while its window is open — through day 10 of the next month, or the plan's
// reportingWindowDay — else the current one); existing reports are all effective and on time;
// every figure gets an indicator, created per plan from the distinct names reported (kind `count`,
// or `rate` when the unit is a percentage or the name ends in 率). Table API only: SQLite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

const col = (name: string, type: string, extra: Partial<TableColumn> = {}) => new TableColumn({ name, type, isNullable: true, ...extra });

function periodOf(date: string, windowDay: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const quarter = Math.floor((month - 1) / 3) + 1;
  // Within the first month of a quarter, up to the window day: the previous quarter.
  if ((month - 1) % 3 === 0 && day <= windowDay) return quarter === 1 ? `${year - 1}Q4` : `${year}Q${quarter - 1}`;
  return `${year}Q${quarter}`;
}

export function initialKind(name: string, unit: string): 'rate' | 'count' {
  return /[%％]/.test(unit) || unit.includes('率') || name.endsWith('率') ? 'rate' : 'count';
}

export class PeriodsAndIndicators1764200000000 implements MigrationInterface {
  name = 'PeriodsAndIndicators1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'indicators',
      columns: [
        { name: 'id', type: 'varchar', length: '36', isPrimary: true },
        { name: 'plan_id', type: 'varchar', length: '36' },
        { name: 'name', type: 'varchar', length: '100' },
        { name: 'unit', type: 'varchar', length: '20' },
        { name: 'kind', type: 'varchar', length: '12' },
        { name: 'aliases', type: 'text' },
        { name: 'status', type: 'varchar', length: '12' },
        { name: 'merged_into', type: 'varchar', length: '36', isNullable: true },
        { name: 'proposed_by', type: 'varchar', length: '36', isNullable: true },
        { name: 'created_at', type: 'varchar', length: '24' },
        { name: 'updated_at', type: 'varchar', length: '24' },
      ],
      foreignKeys: [{ columnNames: ['plan_id'], referencedTableName: 'plans', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      uniques: [{ name: 'uq_indicators_plan_name', columnNames: ['plan_id', 'name'] }],
      checks: [
        { name: 'chk_indicators_kind', expression: "kind IN ('count','cumulative','rate','text')" },
        { name: 'chk_indicators_status', expression: "status IN ('confirmed','proposed','merged')" },
      ],
      indices: [{ name: 'idx_indicators_plan', columnNames: ['plan_id', 'status'] }],
    }));

    await q.dropIndex('progress_reports', 'idx_progress_reports_as_of');
    await q.dropIndex('progress_figures', 'idx_progress_figures_rollup');
    await q.addColumns('progress_reports', [
      col('period', 'varchar', { length: '6' }), col('late', 'boolean'), col('effective', 'boolean'),
      col('supersedes_id', 'varchar', { length: '36' }), col('superseded_by_id', 'varchar', { length: '36' }),
      col('withdrawn_at', 'varchar', { length: '24' }), col('withdrawn_by', 'varchar', { length: '36' }),
      col('withdraw_reason', 'text'), col('reason', 'text'),
    ]);
    await q.addColumns('progress_figures', [
      col('indicator_id', 'varchar', { length: '36' }), col('period', 'varchar', { length: '6' }), col('late', 'boolean'),
      col('effective', 'boolean'), col('numerator', 'double precision'), col('denominator', 'double precision'),
      col('text_value', 'text'), col('created_at', 'varchar', { length: '24' }),
    ]);

    const run = async <T = unknown>(sql: string, params: Record<string, unknown> = {}): Promise<T[]> => {
      const [query, bound] = q.connection.driver.escapeQueryWithParameters(sql, params);
      return q.query(query, bound);
    };

    // Periods of existing reports, by the plan's window day.
    const plans = await run<{ id: string; reminder_policy: string | null }>('SELECT id, reminder_policy FROM plans');
    const windowDay = new Map(plans.map((p) => {
      let day = 10;
      try {
        const policy = p.reminder_policy ? JSON.parse(p.reminder_policy) : null;
        if (policy && Number.isInteger(policy.reportingWindowDay)) day = policy.reportingWindowDay;
      } catch { /* keep the default */ }
      return [p.id, day] as const;
    }));
    const reports = await run<{ id: string; reported_on: string; plan_id: string; created_at: string }>(
      'SELECT r.id AS id, r.reported_on AS reported_on, t.plan_id AS plan_id, r.created_at AS created_at FROM progress_reports r JOIN tasks t ON t.id = r.task_id');
    const byPeriod = new Map<string, string[]>();
    for (const r of reports) {
      const period = periodOf(String(r.reported_on), windowDay.get(r.plan_id) ?? 10);
      byPeriod.set(period, [...(byPeriod.get(period) ?? []), r.id]);
    }
    const createdAt = new Map(reports.map((r) => [r.id, String(r.created_at)]));
    for (const [period, ids] of byPeriod) {
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        await run('UPDATE progress_reports SET period = :period, late = :no, effective = :yes WHERE id IN (:...ids)', { period, no: false, yes: true, ids: chunk });
        await run('UPDATE progress_figures SET period = :period, late = :no, effective = :yes WHERE report_id IN (:...ids)', { period, no: false, yes: true, ids: chunk });
      }
    }
    // Figures' created_at from their report (the roll-ups order cumulative and rate figures by it).
    const figureReports = await run<{ report_id: string }>('SELECT DISTINCT report_id FROM progress_figures');
    for (const f of figureReports) {
      await run('UPDATE progress_figures SET created_at = :at WHERE report_id = :id', { at: createdAt.get(f.report_id) ?? '1970-01-01T00:00:00.000Z', id: f.report_id });
    }

    // One indicator per plan and distinct name; the first unit seen is the indicator's unit.
    const names = await run<{ plan_id: string; indicator: string; unit: string }>(
      'SELECT plan_id, indicator, unit, MIN(created_at) AS first FROM progress_figures GROUP BY plan_id, indicator, unit ORDER BY plan_id, indicator, first');
    const now = new Date().toISOString(); // migration bookkeeping only, not domain time
    const made = new Map<string, string>();
    for (const n of names) {
      const key = `${n.plan_id}\u0000${n.indicator}`;
      let id = made.get(key);
      if (!id) {
        id = randomUUID();
        made.set(key, id);
        await run(
          'INSERT INTO indicators (id, plan_id, name, unit, kind, aliases, status, merged_into, proposed_by, created_at, updated_at) VALUES (:id, :plan, :name, :unit, :kind, :aliases, :status, NULL, NULL, :now, :now)',
          { id, plan: n.plan_id, name: n.indicator, unit: n.unit, kind: initialKind(n.indicator, n.unit), aliases: '[]', status: 'confirmed', now },
        );
      }
      await run('UPDATE progress_figures SET indicator_id = :id WHERE plan_id = :plan AND indicator = :name', { id, plan: n.plan_id, name: n.indicator });
    }

    await this.requireColumns(q, 'progress_reports', ['period', 'late', 'effective']);
    await this.requireColumns(q, 'progress_figures', ['indicator_id', 'period', 'late', 'effective', 'created_at']);

    await q.createIndex('progress_reports', new TableIndex({
      name: 'idx_progress_reports_as_of', columnNames: ['task_id', 'is_official', 'effective', 'period', 'created_at', 'id', 'percent'],
    }));
    await q.createIndex('progress_reports', new TableIndex({ name: 'idx_progress_reports_period', columnNames: ['period', 'effective', 'department_id', 'task_id'] }));
    await q.createIndex('progress_figures', new TableIndex({
      name: 'idx_progress_figures_period', columnNames: ['plan_id', 'effective', 'period', 'is_official', 'task_id', 'indicator_id'],
    }));
  }

  /** Backfilled columns become NOT NULL (one table rebuild per table on SQLite). */
  private async requireColumns(q: QueryRunner, tableName: string, names: string[]): Promise<void> {
    const table = await q.getTable(tableName);
    if (!table) throw new Error(`table ${tableName} missing`);
    await q.changeColumns(table, names.map((name) => {
      const oldColumn = table.findColumnByName(name)!;
      const newColumn = oldColumn.clone();
      newColumn.isNullable = false;
      return { oldColumn, newColumn };
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('progress_figures', 'idx_progress_figures_period');
    await q.dropIndex('progress_reports', 'idx_progress_reports_period');
    await q.dropIndex('progress_reports', 'idx_progress_reports_as_of');
    await q.dropColumns('progress_figures', ['indicator_id', 'period', 'late', 'effective', 'numerator', 'denominator', 'text_value', 'created_at']);
    // SQLite drops a column by rebuilding the table, and TypeORM reverts inside a transaction where
    // PRAGMA foreign_keys = OFF has no effect: dropping the old progress_reports would cascade to
    // every figure. Keep the figures aside and put them back.
    const sqlite = q.connection.driver.options.type !== 'postgres';
    if (sqlite) await q.query('CREATE TEMP TABLE keep_progress_figures AS SELECT * FROM progress_figures');
    await q.dropColumns('progress_reports', ['period', 'late', 'effective', 'supersedes_id', 'superseded_by_id', 'withdrawn_at', 'withdrawn_by', 'withdraw_reason', 'reason']);
    if (sqlite) {
      await q.query('DELETE FROM progress_figures');
      await q.query('INSERT INTO progress_figures SELECT * FROM keep_progress_figures');
      await q.query('DROP TABLE keep_progress_figures');
    }
    await q.createIndex('progress_reports', new TableIndex({
      name: 'idx_progress_reports_as_of', columnNames: ['task_id', 'is_official', 'reported_on', 'created_at', 'id', 'percent'],
    }));
    await q.createIndex('progress_figures', new TableIndex({
      name: 'idx_progress_figures_rollup', columnNames: ['plan_id', 'is_official', 'reported_on', 'task_id', 'indicator', 'unit', 'value'],
    }));
    await q.dropTable('indicators');
  }
}
