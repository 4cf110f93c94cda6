// Hostile files made here (a 300,000-row sheet, one cell at A1048576, a .docx zip bomb) are refused
// quickly, the API keeps answering another client meanwhile, and memory returns to its level.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import { docxZipBomb, lastRowSheet, manyRowSheet } from '../factories/zip.factory';
import { seedPlanText } from '../helpers/shared-docs';
import { probeLiveness } from '../helpers/liveness-probe';
import { bearer, startTestApp, TestApp } from '../helpers/test-app';

const MB = 1024 * 1024;

describe('hostile uploads never stall the API (e2e)', () => {
  let t: TestApp;
  let base: string;
  let planId: string;
  const files: Record<string, Buffer> = {};

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const plan = await t.http().post('/api/plans/import').set(bearer(t.adminToken)).send({ text: seedPlanText() });
    planId = plan.body.plan.id;
    files.rows300k = await manyRowSheet(300_000);
    expect(files.rows300k.length).toBeLessThan(5 * MB); // under the upload limit: the row cap must refuse it
    files.lastRow = await lastRowSheet();
    files.bomb = await docxZipBomb(2048);
  }, 120_000);
  afterAll(async () => t?.close());

  const cases = [
    { name: 'a 300,000-row 任务分工表', file: 'rows300k', route: () => `/api/plans/${planId}/assignments/import`, filename: 'fengong.xlsx', says: '最多 2000 行任务' },
    { name: 'a sheet with one cell at A1048576', file: 'lastRow', route: () => `/api/plans/${planId}/assignments/import`, filename: 'fengong.xlsx', says: '第 1048576 行' },
    { name: 'a .docx zip bomb (2 GB inflated)', file: 'bomb', route: () => '/api/plans/import', filename: 'plan.docx', says: '疑似压缩炸弹' },
  ];

  it.each(cases)('answers $name with 4xx within 2 s while /api/health/live keeps answering', async ({ file, route, filename, says }) => {
    const before = process.memoryUsage().rss;
    const probe = probeLiveness(`${base}/api/health/live`, 2500);
    await new Promise((r) => setTimeout(r, 300)); // the probe is running before the upload starts
    const started = Date.now();
    const res = await t.http().post(route()).set(bearer(t.adminToken)).attach('file', files[file], filename);
    const elapsed = Date.now() - started;
    const live = await probe;

    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.message).toContain(says);
    expect(elapsed).toBeLessThan(2000);
    expect(live.failures).toBe(0);
    expect(live.count).toBeGreaterThan(20);
    expect(live.maxMs).toBeLessThan(200);

    // Memory back within 100 MB of where it started (a spare parse worker exits after 3 s idle).
    let after = process.memoryUsage().rss;
    for (let i = 0; i < 50 && after > before + 100 * MB; i++) {
      await new Promise((r) => setTimeout(r, 200));
      after = process.memoryUsage().rss;
    }
    console.log(JSON.stringify({ file, status: res.status, elapsedMs: elapsed, liveMaxMs: Math.round(live.maxMs), liveCount: live.count, rssBeforeMb: Math.round(before / MB), rssAfterMb: Math.round(after / MB) }));
    expect(after).toBeLessThan(before + 100 * MB);
  });

  it('still parses an honest plan after the refusals, through the same worker pool', async () => {
    const ok = await t.http().post('/api/plans/import').set(bearer(t.adminToken)).send({ text: seedPlanText(), dryRun: true });
    expect(ok.status).toBe(200);
    expect(ok.body.sections.length).toBeGreaterThan(0);
  });
});
