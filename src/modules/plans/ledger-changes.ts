// The change numbers roll-ups are kept up to date by (rollups/ledger-model.ts). Every repository write
// that changes what a roll-up counts — a task's dates, status, lead department or item, a progress
// entry, a figure, a 督办 notice — says so here; just before the transaction commits, the plan gets
// its next change number and the touched tasks get the same number. A process holding the plan's
// ledger in memory compares the plan's number with its own and reloads only the tasks stamped since.
// Commit order equals number order: the plan row is locked from the increment to the commit.
// Changes to chapters or items (which every task of the plan depends on) stamp `structure_seq` too:
// the ledger is then reloaded whole.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { inChunks } from '../../common/database/chunks';
import { TransactionRunner } from '../../common/database/transaction-runner';

interface Pending {
  tasks: Set<string>;
  plans: Set<string>;
}

@Injectable()
export class LedgerChanges {
  private readonly pending = new WeakMap<EntityManager, Pending>();

  constructor(private readonly tx: TransactionRunner) {}

  /** These tasks' roll-up facts changed (or they were created). */
  tasks(ids: readonly string[]): Promise<void> {
    return this.note((p) => ids.forEach((id) => p.tasks.add(id)));
  }

  /** The plan's chapters or items changed: every task of it is to be reloaded. */
  structure(planId: string): Promise<void> {
    return this.note((p) => p.plans.add(planId));
  }

  private async note(add: (p: Pending) => void): Promise<void> {
    const em = this.tx.manager();
    let p = this.pending.get(em);
    if (!p) this.pending.set(em, (p = { tasks: new Set(), plans: new Set() }));
    add(p);
    await this.tx.beforeCommit('ledger-changes', (m) => this.flush(m));
  }

  private async flush(em: EntityManager): Promise<void> {
    const p = this.pending.get(em);
    if (!p) return;
    this.pending.delete(em);
    const postgres = em.connection.options.type === 'postgres';
    const run = async (sql: string, params: Record<string, unknown>): Promise<unknown> => {
      const [q, bound] = em.connection.driver.escapeQueryWithParameters(sql, params);
      return await em.query(q, bound);
    };
    const select = async <T>(sql: string, params: Record<string, unknown>) => (await run(sql, params)) as T[];
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count] on PostgreSQL, with the rows on SQLite.
    const returning = async <T>(sql: string, params: Record<string, unknown>): Promise<T[]> => {
      const raw = await run(sql, params);
      return (postgres ? (raw as [T[], number])[0] : raw) as T[];
    };
    // Most writes touch one task: its plan's number and its stamp in one statement on PostgreSQL (each
    // statement is a turn of the event loop for the writer), two on SQLite (no UPDATE inside WITH).
    if (p.plans.size === 0 && p.tasks.size === 1) {
      const [id] = p.tasks;
      const bump = 'UPDATE plans SET change_seq = change_seq + 1 WHERE id = (SELECT plan_id FROM tasks WHERE id = :id) RETURNING change_seq AS seq';
      if (postgres) {
        await run(`WITH p AS (${bump}) UPDATE tasks SET change_seq = p.seq FROM p WHERE tasks.id = :id`, { id });
        return;
      }
      const [row] = await returning<{ seq: number | string }>(bump, { id });
      if (row) await run('UPDATE tasks SET change_seq = :seq WHERE id = :id', { seq: Number(row.seq), id });
      return;
    }
    const byPlan = new Map<string, string[]>();
    for (const planId of p.plans) byPlan.set(planId, []);
    const rows = await inChunks([...p.tasks], (ids) => select<{ id: string; planId: string }>('SELECT id, plan_id AS "planId" FROM tasks WHERE id IN (:...ids)', { ids }));
    for (const r of rows) {
      const list = byPlan.get(r.planId);
      if (list) list.push(r.id);
      else byPlan.set(r.planId, [r.id]);
    }
    for (const [planId, ids] of [...byPlan].sort(([a], [b]) => (a < b ? -1 : 1))) { // one lock order
      const structural = p.plans.has(planId);
      const [{ seq }] = await returning<{ seq: number | string }>(
        `UPDATE plans SET change_seq = change_seq + 1${structural ? ', structure_seq = change_seq + 1' : ''} WHERE id = :planId RETURNING change_seq AS seq`, { planId });
      await inChunks(ids, async (chunk) => {
        await run('UPDATE tasks SET change_seq = :seq WHERE id IN (:...chunk)', { seq: Number(seq), chunk });
        return [];
      });
    }
  }
}
