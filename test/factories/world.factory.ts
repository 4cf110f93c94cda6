// The setup most e2e tests start from: a fresh app, the four departments of the seed plan's
// 任务分工表 (each with a logged-in user), a leader, and the seed plan imported for a given year.
import type { Clock } from '../../src/common/time/clock';
import { seedPlanText } from '../helpers/shared-docs';
import { bearer, startTestApp, TestApp, TestAppOptions } from '../helpers/test-app';
import { createUser, departmentWithUser, SeededDepartment } from './directory.factory';

/** The departments the seed plan names, with the short names documents use for them. */
export const SEED_DEPARTMENTS = {
  fzb: { name: '区政府法制办', username: 'fzb', aliases: ['法制办'] },
  cg: { name: '区城市管理局', username: 'cg', aliases: ['区城管局', '城管局'] },
  ga: { name: '区公安分局', username: 'ga', aliases: ['公安分局'] },
  sj: { name: '区审计局', username: 'sj', aliases: [] as string[] },
} as const;

export type SeedDepartmentKey = keyof typeof SEED_DEPARTMENTS;

/**
 * The seed plan (惠政文〔2016〕35号) moved to another year: every "2016" becomes `year`. `docSeq`
 * changes its 文号 as well, for a second plan of the same year (an import with the same 文号 or the
 * same text is refused as a duplicate).
 */
export function seedPlanFor(year = 2016, docSeq?: number): string {
  const text = seedPlanText().replace(/2016/g, String(year));
  return docSeq === undefined ? text : text.replace(`〔${year}〕35号`, `〔${year}〕${docSeq}号`);
}

/** Imports a plan text as the admin; returns the plan id. */
export async function importPlan(t: TestApp, text: string): Promise<string> {
  const res = await t.http().post('/api/plans/import').set(bearer(t.adminToken)).send({ text });
  if (res.status !== 200) throw new Error(`plan import: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.plan.id;
}

export interface World {
  t: TestApp;
  planId: string;
  /** The leader's token. */
  leader: string;
  departments: Record<SeedDepartmentKey, SeededDepartment>;
  close(): Promise<void>;
}

export interface WorldOptions extends TestAppOptions {
  clock?: Clock;
  /** The plan's year (the seed plan is for 2016). */
  year?: number;
  /** Which seed departments to create (all four by default). */
  departments?: SeedDepartmentKey[];
  /** Also create a leader (default true). */
  leader?: boolean;
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const { year = 2016, departments: keys = Object.keys(SEED_DEPARTMENTS) as SeedDepartmentKey[], leader = true, ...appOptions } = options;
  const t = await startTestApp(appOptions);
  try {
    const departments = {} as Record<SeedDepartmentKey, SeededDepartment>;
    for (const key of keys) {
      const d = SEED_DEPARTMENTS[key];
      departments[key] = await departmentWithUser(t, d.name, d.username, [...d.aliases]);
    }
    const leaderToken = leader ? await createUser(t, 'leader', 'leader') : '';
    const planId = await importPlan(t, seedPlanFor(year));
    return { t, planId, leader: leaderToken, departments, close: () => t.close() };
  } catch (err) {
    await t.close();
    throw err;
  }
}
