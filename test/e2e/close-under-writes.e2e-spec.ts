// A quarter's close folds its snapshot before its transaction, then checks that nothing the quarter counts
// has changed since: most of the check runs before the transaction, a few tasks at a time, and the
// transaction checks only what came after. A write landing at either point that reaches the quarter makes
// the close fold again; a write that does not reach it (an entry for a later quarter) does not.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { TransactionRunner } from '../../src/common/database/transaction-runner';
import { Metrics } from '../../src/common/metrics/metrics';
import { FixedClock } from '../../src/common/time/clock';
import { RollupsRepository } from '../../src/modules/rollups/rollups.repository';
import { startWorld, World } from '../factories/world.factory';
import { bearer, TestApp } from '../helpers/test-app';

interface DepartmentRow {
  name: string;
  total: number;
}

describe('closing a quarter while writes land (e2e)', () => {
  const clock = new FixedClock('2026-03-02T02:00:00Z');
  let w: World;
  let t: TestApp;
  let planId: string;
  const ids: Record<string, string> = {};

  const retries = async () => (await t.app.get(Metrics).rollupCloseRetries.get()).values.reduce((n, v) => n + v.value, 0);
  const close = (quarter: string) => t.http().post(`/api/plans/${planId}/rollups/${quarter}/close`).set(bearer(t.adminToken));
  const moveTo = async (task: string, department: string) => {
    const { version } = (await t.http().get(`/api/tasks/${ids[task]}`).set(bearer(t.adminToken))).body as { version: number };
    const res = await t.http().patch(`/api/tasks/${ids[task]}`).set(bearer(t.adminToken)).send({ leadDepartment: department, version });
    if (res.status !== 200) throw new Error(`PATCH ${res.status} ${JSON.stringify(res.body)}`);
  };
  const byName = (rows: DepartmentRow[]) => Object.fromEntries(rows.map((r) => [r.name, r.total]));
  /** Runs `write` once, right after the close's first fold, while its snapshot is being stored. */
  const whileStoring = (write: () => Promise<void>) => {
    const repo = t.app.get(RollupsRepository);
    const store = repo.writeSnapshotParts.bind(repo);
    return jest.spyOn(repo, 'writeSnapshotParts').mockImplementationOnce(async (...args) => {
      await write();
      return store(...args);
    });
  };

  beforeAll(async () => {
    w = await startWorld({ clock, year: 2026, departments: ['fzb', 'cg'], leader: false });
    ({ t, planId } = w);
    const created = await t.http().post(`/api/plans/${planId}/tasks`).set(bearer(t.adminToken)).send([
      { itemNumber: 1, leadDepartment: '法制办', dueDate: '2026-03-31' },
      { itemNumber: 2, leadDepartment: '法制办', dueDate: '2026-09-30' },
      { itemNumber: 3, leadDepartment: '法制办', dueDate: '2026-09-30' },
    ]);
    expect(created.status).toBe(201);
    const list = await t.http().get(`/api/tasks?planId=${planId}&pageSize=100`).set(bearer(t.adminToken));
    for (const task of list.body.items as { id: string; itemNumber: number }[]) ids[`item${task.itemNumber}`] = task.id;
    expect(Object.keys(ids).sort()).toEqual(['item1', 'item2', 'item3']);
  });
  afterAll(async () => w?.close());

  it('folds again when a write reaching the quarter lands between the fold and the check before the transaction', async () => {
    clock.set('2026-04-03T02:00:00Z'); // Q1 has ended
    const spy = whileStoring(() => moveTo('item2', '城管局'));
    const before = await retries();
    try {
      const res = await close('2026Q1');
      expect(res.status).toBe(200);
      expect(byName(res.body.byDepartment)).toEqual({ 区政府法制办: 2, 区城市管理局: 1 });
      expect(await retries()).toBe(before + 1);
      // The stored snapshot says the same as the answer.
      const stored = await t.http().get(`/api/plans/${planId}/rollups/2026Q1`).set(bearer(t.adminToken));
      expect(byName(stored.body.byDepartment)).toEqual({ 区政府法制办: 2, 区城市管理局: 1 });
    } finally {
      spy.mockRestore();
    }
  });

  it('folds again when such a write lands after that check, before the transaction (the transaction checks it)', async () => {
    clock.set('2026-07-03T02:00:00Z'); // Q2 has ended
    // Past the check before the transaction: the next transaction this process starts is the close's.
    const tx = t.app.get(TransactionRunner);
    const run = tx.run.bind(tx);
    const spy = jest.spyOn(tx, 'run').mockImplementationOnce(async (fn) => {
      await moveTo('item3', '城管局');
      return run(fn);
    });
    const before = await retries();
    try {
      const res = await close('2026Q2');
      expect(res.status).toBe(200);
      expect(byName(res.body.byDepartment)).toEqual({ 区政府法制办: 1, 区城市管理局: 2 });
      expect(await retries()).toBe(before + 1);
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps its fold when the write does not reach the quarter (an entry for a later quarter)', async () => {
    clock.set('2026-10-03T02:00:00Z'); // Q3 has ended; Q4 is the current quarter
    const spy = whileStoring(async () => {
      const entry = await t.http().post(`/api/tasks/${ids.item2}/progress`).set(bearer(t.adminToken))
        .send({ percent: 80, narrative: '第四季度推进', period: '2026Q4' });
      expect(entry.status).toBe(201);
    });
    const before = await retries();
    try {
      const res = await close('2026Q3');
      expect(res.status).toBe(200);
      expect(byName(res.body.byDepartment)).toEqual({ 区政府法制办: 1, 区城市管理局: 2 });
      expect(await retries()).toBe(before);
      const q4 = await t.http().get(`/api/plans/${planId}/rollups/2026Q4`).set(bearer(t.adminToken));
      expect(q4.body.overall.averageProgress).toBeGreaterThan(0); // the entry did land, for Q4
    } finally {
      spy.mockRestore();
    }
  });
});
