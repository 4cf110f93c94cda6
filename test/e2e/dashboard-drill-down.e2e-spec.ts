// The leaders' dashboard at scale: a province has thousands of departments and overdue tasks, so the
// dashboard answers the totals and the first N rows of each list (small enough for a phone), and the
// drill-downs page through every department and every overdue task on the server, with the same figures.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FixedClock } from '../../src/common/time/clock';
import { createDepartment } from '../factories/directory.factory';
import { startWorld, World } from '../factories/world.factory';
import { bearer, TestApp } from '../helpers/test-app';

interface Lights { green: number; yellow: number; red: number; total: number }
interface RankingRow { rank: number; departmentId: string; name: string; onTimeRate: number | null; completionRate: number | null; total: number; completed: number; completedOnTime: number; overdue: number; belowThreshold: boolean }
interface DepartmentRow extends Omit<RankingRow, 'rank'> { rank: number | null; lights: Lights }
interface OverdueRow { taskId: string; itemNumber: number; title: string; leadDepartment: { id: string; name: string }; dueDate: string; daysOverdue: number; chapterId: string | null }

const DEPARTMENTS = 300;
const N = 10; // the dashboard's default list length

describe('the leaders’ dashboard at scale: compact lists and paged drill-downs (e2e)', () => {
  let w: World;
  let t: TestApp;
  let planId: string;
  const clock = new FixedClock('2026-01-05T02:00:00Z');
  const created: { id: string; name: string }[] = [];
  const overdueIds = new Set<string>();
  const get = (path: string, token = w.leader) => t.http().get(`/api/plans/${planId}${path}`).set(bearer(token));

  /** Every page of a drill-down, pageSize rows at a time. */
  async function allPages<T>(path: string, pageSize: number, token = w.leader): Promise<{ rows: T[]; pages: number; total: number; bytes: number }> {
    const rows: T[] = [];
    let total = -1;
    let bytes = 0;
    let page = 1;
    for (; total < 0 || (page - 1) * pageSize < total; page++) {
      const res = await get(`${path}${path.includes('?') ? '&' : '?'}page=${page}&pageSize=${pageSize}`, token);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ page, pageSize });
      expect(res.body.items.length).toBeLessThanOrEqual(pageSize);
      total = res.body.total;
      bytes += Buffer.byteLength(res.text);
      rows.push(...res.body.items);
    }
    return { rows, pages: page - 1, total, bytes };
  }

  beforeAll(async () => {
    w = await startWorld({ clock, year: 2026, departments: ['cg', 'ga'], env: { WORKER_IN_API: 'false' } });
    ({ t, planId } = w);
    created.push(w.departments.cg, w.departments.ga);
    for (let i = created.length; i < DEPARTMENTS; i++) created.push(await createDepartment(t, `测试单位${String(i).padStart(3, '0')}`));
    // Department i leads one task due at the year's end and i % 3 tasks already overdue in May, due
    // on different days so they have different numbers of days overdue.
    const rows: object[] = [];
    const overdueRow: boolean[] = [];
    created.forEach((d, i) => {
      rows.push({ itemNumber: (i % 30) + 1, title: `年度任务${i}`, leadDepartment: d.id, dueDate: '2026-12-31' });
      overdueRow.push(false);
      for (let k = 0; k < i % 3; k++) {
        const due = `2026-0${2 + ((i + k) % 3)}-${String(1 + ((i * 7 + k) % 28)).padStart(2, '0')}`;
        rows.push({ itemNumber: ((i + k + 7) % 30) + 1, title: `逾期任务${i}-${k}`, leadDepartment: d.id, dueDate: due });
        overdueRow.push(true);
      }
    });
    const res = await t.http().post(`/api/plans/${planId}/tasks`).set(bearer(t.adminToken)).send(rows);
    if (res.status !== 201) throw new Error(`assign: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
    (res.body as { id: string }[]).forEach((task, i) => overdueRow[i] && overdueIds.add(task.id));
    // 区城市管理局 finishes its year task on time: one department with a different on-time rate.
    const cgTask = (res.body as { id: string; leadDepartmentId?: string }[])[0].id;
    clock.set('2026-03-02T02:00:00Z');
    expect((await t.http().post(`/api/tasks/${cgTask}/completion-request`).set(bearer(w.departments.cg.token)).send({ summary: '已完成' })).status).toBe(201);
    expect((await t.http().post(`/api/tasks/${cgTask}/completion/approve`).set(bearer(t.adminToken))).status).toBe(200);
    clock.set('2026-05-20T02:00:00Z');
  }, 240_000);
  afterAll(async () => w?.close());

  it('shows a leader the first N of each list with the count of all, in a small answer', async () => {
    const res = await get('/dashboard');
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.limit).toBe(N);
    expect(d.lights.overall.total).toBe(DEPARTMENTS + overdueIds.size);
    expect(d.lights.byDepartment).toHaveLength(N);
    expect(d.lights.departments).toEqual({ total: DEPARTMENTS, shown: N });
    // Most red first: the departments with two overdue tasks (i % 3 === 2).
    expect(d.lights.byDepartment.every((x: Lights) => x.red === 2)).toBe(true);
    expect(d.ranking).toMatchObject({ quarter: '2026Q2', total: DEPARTMENTS });
    expect(d.ranking.rows).toHaveLength(N);
    expect(d.ranking.bottom).toHaveLength(N);
    expect(d.ranking.rows[0]).toMatchObject({ rank: 1, departmentId: w.departments.cg.id, onTimeRate: 1 });
    expect(d.overdue).toHaveLength(N);
    expect(d.overdueTotal).toBe(overdueIds.size);
    expect(d.overdue.map((o: OverdueRow) => o.daysOverdue)).toEqual([...d.overdue.map((o: OverdueRow) => o.daysOverdue)].sort((a, b) => b - a));
    // 区城市管理局 finished its only task before Q2: nothing to report.
    expect(d.notReported).toMatchObject({ period: '2026Q2', total: DEPARTMENTS - 1 });
    expect(d.notReported.departments).toHaveLength(N);
    expect(d.trend).toHaveLength(4);

    // The size a phone downloads: a few kilobytes, whatever the number of departments.
    const bytes = Buffer.byteLength(res.text);
    const departments = await allPages<DepartmentRow>('/dashboard/departments', 100);
    const overdue = await allPages<OverdueRow>('/dashboard/overdue', 100);
    expect(bytes).toBeLessThan(20 * 1024);
    expect(bytes * 8).toBeLessThan(departments.bytes + overdue.bytes);

    const small = await get('/dashboard?limit=3');
    expect(small.status).toBe(200);
    expect(small.body.limit).toBe(3);
    expect(small.body.lights.byDepartment).toEqual(d.lights.byDepartment.slice(0, 3));
    expect(small.body.ranking.rows).toEqual(d.ranking.rows.slice(0, 3));
    expect(small.body.ranking.bottom).toEqual(d.ranking.bottom.slice(-3));
    expect(small.body.overdue).toEqual(d.overdue.slice(0, 3));
    expect(small.body.overdueTotal).toBe(d.overdueTotal);
  });

  it('pages through every department exactly once, with the dashboard’s and the roll-up’s figures', async () => {
    const dash = (await get('/dashboard')).body;
    const rollup = (await get('/rollups/2026Q2')).body as { byDepartment: (RankingRow & { departmentId: string })[] };
    for (const sort of ['attention', 'rank', 'name'] as const) {
      const { rows, total, pages } = await allPages<DepartmentRow>(`/dashboard/departments?sort=${sort}`, 7);
      expect(total).toBe(DEPARTMENTS);
      expect(pages).toBe(Math.ceil(DEPARTMENTS / 7));
      expect(new Set(rows.map((r) => r.departmentId))).toEqual(new Set(created.map((c) => c.id)));
      expect(rows).toHaveLength(DEPARTMENTS);
      if (sort === 'attention') {
        // The dashboard's byDepartment is the head of this order, with the same lights.
        expect(rows.slice(0, N).map((r) => ({ departmentId: r.departmentId, name: r.name, ...r.lights }))).toEqual(dash.lights.byDepartment);
        const sum = (k: keyof Lights) => rows.reduce((s, r) => s + r.lights[k], 0);
        expect({ green: sum('green'), yellow: sum('yellow'), red: sum('red'), total: sum('total') }).toEqual(dash.lights.overall);
      }
      if (sort === 'rank') {
        const asRanking = (r: DepartmentRow) => { const { lights: _l, ...rest } = r; return rest; };
        expect(rows.slice(0, N).map(asRanking)).toEqual(dash.ranking.rows);
        expect(rows.slice(-N).map(asRanking)).toEqual(dash.ranking.bottom);
        expect(rows.map((r) => r.rank)).toEqual([...rows.map((r) => r.rank)].sort((a, b) => a! - b!));
        for (const r of rows) {
          const same = rollup.byDepartment.find((x) => x.departmentId === r.departmentId)!;
          expect({ total: r.total, completed: r.completed, overdue: r.overdue, onTimeRate: r.onTimeRate, completionRate: r.completionRate })
            .toEqual({ total: same.total, completed: same.completed, overdue: same.overdue, onTimeRate: same.onTimeRate, completionRate: same.completionRate });
          expect(r.overdue).toBe(r.lights.red);
        }
      }
      if (sort === 'name') expect(rows.map((r) => r.name)).toEqual([...rows.map((r) => r.name)].sort((a, b) => a.localeCompare(b, 'zh-Hans-CN')));
    }
    // Past the last page: nothing, and the same total.
    const past = await get('/dashboard/departments?page=99&pageSize=100');
    expect(past.status).toBe(200);
    expect(past.body).toMatchObject({ items: [], total: DEPARTMENTS, page: 99 });
  });

  it('pages through every overdue task exactly once, most overdue first, by chapter or department', async () => {
    const dash = (await get('/dashboard')).body;
    const { rows, total } = await allPages<OverdueRow>('/dashboard/overdue', 7);
    expect(total).toBe(overdueIds.size);
    expect(rows).toHaveLength(overdueIds.size);
    expect(new Set(rows.map((r) => r.taskId))).toEqual(overdueIds);
    expect(rows.map((r) => r.daysOverdue)).toEqual([...rows.map((r) => r.daysOverdue)].sort((a, b) => b - a));
    expect(rows.slice(0, N).map(({ chapterId: _c, ...r }) => r)).toEqual(dash.overdue);

    // By chapter: each chapter's overdue tasks are its red lights, and the chapters together are all of them.
    let seen = 0;
    for (const ch of dash.lights.byChapter as (Lights & { chapterId: string })[]) {
      const mine = await allPages<OverdueRow>(`/dashboard/overdue?chapterId=${ch.chapterId}`, 100);
      expect(mine.total).toBe(ch.red);
      expect(mine.rows.every((r) => r.chapterId === ch.chapterId)).toBe(true);
      seen += mine.total;
    }
    expect(seen).toBe(overdueIds.size);

    const ga = w.departments.ga; // department 1: one overdue task
    const gaOnly = await get(`/dashboard/overdue?departmentId=${ga.id}`);
    expect(gaOnly.body.total).toBe(1);
    expect(gaOnly.body.items.map((r: OverdueRow) => r.leadDepartment.id)).toEqual([ga.id]);
    expect(gaOnly.body.filter).toEqual({ chapterId: null, departmentId: ga.id });
  });

  it('shows a department user only its own department, and its place among all', async () => {
    const cg = w.departments.cg;
    const d = (await get('/dashboard', cg.token)).body;
    expect(d.scope).toEqual({ departmentId: cg.id });
    expect(d.lights.byDepartment.map((x: { departmentId: string }) => x.departmentId)).toEqual([cg.id]);
    expect(d.lights.departments).toEqual({ total: 1, shown: 1 });
    expect(d.ranking.rows.map((r: RankingRow) => [r.departmentId, r.rank])).toEqual([[cg.id, 1]]);
    expect(d.ranking).toMatchObject({ bottom: [], total: DEPARTMENTS });
    expect(d.overdueTotal).toBe(0);

    const ga = w.departments.ga;
    const mine = (await get('/dashboard/departments', ga.token)).body;
    expect(mine.total).toBe(1);
    expect(mine.items.map((r: DepartmentRow) => r.departmentId)).toEqual([ga.id]);
    const own = (await get('/dashboard/overdue', ga.token)).body;
    expect(own.total).toBe(1);
    expect(own.items.every((r: OverdueRow) => r.leadDepartment.id === ga.id)).toBe(true);
    // Asking for another department's tasks finds none of them.
    const other = (await get(`/dashboard/overdue?departmentId=${created[2].id}`, ga.token)).body;
    expect(other).toMatchObject({ total: 0, items: [] });
  });

  it('refuses bad list parameters with a Chinese message naming the parameter', async () => {
    const cases: [string, string][] = [
      ['/dashboard?limit=0', 'limit'],
      ['/dashboard?limit=51', 'limit'],
      ['/dashboard?limit=abc', 'limit'],
      ['/dashboard/departments?page=0', 'page'],
      ['/dashboard/departments?pageSize=101', 'pageSize'],
      ['/dashboard/departments?pageSize=2.5', 'pageSize'],
      ['/dashboard/departments?sort=worst', 'sort'],
      ['/dashboard/overdue?page=-1', 'page'],
      ['/dashboard/overdue?pageSize=0', 'pageSize'],
      ['/dashboard/overdue?chapterId=x', 'chapterId'],
      ['/dashboard/overdue?departmentId=1', 'departmentId'],
    ];
    for (const [path, field] of cases) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.message).toMatch(new RegExp(`^${field}: .*[\\u4e00-\\u9fff]`));
      // No English beyond the values a user may type (the sort keys) and "UUID".
      expect(res.body.message.slice(field.length + 2).replace(/attention|rank|name|UUID/g, '')).not.toMatch(/[A-Za-z]{4,}/);
      expect(res.body.message.split(';')).toHaveLength(1);
    }
    // The dashboard itself is not paged: an unknown parameter is refused, named.
    const unknown = await get('/dashboard?page=1');
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/^page: /);
    expect((await t.http().get('/api/plans/00000000-0000-4000-8000-000000000000/dashboard/departments').set(bearer(w.leader))).status).toBe(404);
  });
});
