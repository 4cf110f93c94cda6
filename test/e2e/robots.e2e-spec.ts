// Group robots as they behave: 20 messages a minute per robot (a 21st gets errcode 130101 and a
// lockout), signatures checked against the real time, WeCom's 4,096-byte markdown limit.
import { afterEach, describe, expect, it } from '@jest/globals';
import { ShiftedClock } from '../../src/common/time/clock';
import { createDepartment } from '../factories/directory.factory';
import { seedPlanText } from '../helpers/shared-docs';
import { bearer, startTestApp, TestApp, waitFor } from '../helpers/test-app';
import { WebhookReceiver } from '../helpers/webhook-receiver';

// 08:59:55 in Shanghai on a Monday, months away from the real time: signing must not use this clock.
const DAY = '2026-06-29';
const START = `${DAY}T00:59:55Z`;

describe('group robots (e2e)', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function app(start = START): Promise<TestApp> {
    const t = await startTestApp({ clock: new ShiftedClock(new Date(start)), env: { DISPATCH_INTERVAL_MS: '300' } });
    cleanup.push(() => t.close());
    return t;
  }

  async function plan(t: TestApp): Promise<string> {
    const res = await t.http().post('/api/plans/import').set(bearer(t.adminToken)).send({ text: seedPlanText().replace(/2016/g, DAY.slice(0, 4)) });
    return res.body.plan.id as string;
  }

  it('25 departments sharing one DingTalk robot: at most 20 messages a minute, signed with the real time, none lost', async () => {
    const secret = 'SEC0123456789abcdef';
    const robot = await WebhookReceiver.start({ perMinute: 20, lockoutMs: 10 * 60_000, secret });
    cleanup.push(() => robot.close());
    const t = await app();
    const departments: { id: string; name: string }[] = [];
    for (let i = 1; i <= 25; i++) departments.push(await createDepartment(t, `第${i}街道办事处`));
    const planId = await plan(t);
    const res = await t.http().post(`/api/plans/${planId}/tasks`).set(bearer(t.adminToken))
      .send(departments.map(({ name }, i) => ({ itemNumber: (i % 30) + 1, title: `街道任务${i + 1}`, leadDepartment: name, dueDate: DAY })));
    expect(res.status).toBe(201);
    // The robot is set up after the assignment, so what it receives is the 25 due-day digests alone
    // (the assignment's own notices went in-app only).
    for (const d of departments) {
      await t.http().patch(`/api/departments/${d.id}`).set(bearer(t.adminToken)).send({ webhookUrl: robot.url, webhookKind: 'dingtalk', webhookSecret: secret });
    }

    await waitFor(() => robot.reminderLines().length >= 25, 150_000, 'all 25 digests');
    await new Promise((r) => setTimeout(r, 1000));
    expect(robot.refused).toEqual([]);
    expect(robot.maxPerMinute()).toBeLessThanOrEqual(20);
    const lines = robot.reminderLines();
    expect(lines).toHaveLength(25);
    for (let i = 1; i <= 25; i++) expect(lines.filter((l) => l.includes(`「街道任务${i}」`))).toHaveLength(1);
    // The last five waited for the window: they came a minute after the first.
    const at = robot.messages.map((m) => m.at).sort((a, b) => a - b);
    expect(at[24] - at[0]).toBeGreaterThanOrEqual(55_000);
  }, 200_000);

  it('a long WeCom digest arrives in parts of at most 4,096 bytes, every reminder once, without "- " lists', async () => {
    const robot = await WebhookReceiver.start();
    cleanup.push(() => robot.close());
    // 08:00, an hour before the due day's 09:00 reminders: what the robot receives is the assignment's 40
    // notices alone. From 08:59:55, a run slower than five seconds also got the 40 任务今日到期 lines (80).
    const t = await app(`${DAY}T00:00:00Z`);
    const d = await createDepartment(t, '区政府法制办');
    await t.http().patch(`/api/departments/${d.id}`).set(bearer(t.adminToken)).send({ webhookUrl: robot.url, webhookKind: 'wecom' });
    const planId = await plan(t);
    const res = await t.http().post(`/api/plans/${planId}/tasks`).set(bearer(t.adminToken)).send(Array.from({ length: 40 }, (_, i) => ({
      itemNumber: (i % 30) + 1, title: `第${i + 1}项：深入推进依法行政，完善重大行政决策程序并开展合法性审查`, leadDepartment: d.name, dueDate: DAY,
    })));
    expect(res.status).toBe(201);

    await waitFor(() => robot.reminderLines().length >= 40, 60_000, 'all 40 reminders');
    await new Promise((r) => setTimeout(r, 1000));
    expect(robot.messages.length).toBeGreaterThan(1);
    for (const m of robot.messages) {
      const content = m.body.markdown.content!;
      expect(Buffer.byteLength(content, 'utf8')).toBeLessThanOrEqual(4096);
      expect(content.split('\n').filter((l) => l.startsWith('- '))).toEqual([]);
    }
    const lines = robot.reminderLines();
    expect(lines).toHaveLength(40);
    for (let i = 1; i <= 40; i++) expect(lines.filter((l) => l.includes(`「第${i}项：`))).toHaveLength(1);
  }, 120_000);
});
