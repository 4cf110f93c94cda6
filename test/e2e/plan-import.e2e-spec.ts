import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Document, Packer, Paragraph } from 'docx';
import fc from 'fast-check';
import { encodeGbk } from '../fixtures/gbk';
import { scannedPdf, textPdf } from '../fixtures/text-pdf';
import { bearer, startTestApp, TestApp } from '../helpers/test-app';
import { corpusText, SEED_PLAN_PATH, seedPlanText } from '../helpers/shared-docs';

describe('plan import (e2e)', () => {
  let t: TestApp;
  let leaderToken: string;
  let deptToken: string;

  const importText = (text: string, extra: Record<string, unknown> = {}) =>
    t.http().post('/api/plans/import').set(bearer(t.adminToken)).send({ text, ...extra });
  const planCount = async () => (await t.http().get('/api/plans').set(bearer(t.adminToken))).body.length;

  beforeAll(async () => {
    t = await startTestApp();
    const d = await t.http().post('/api/departments').set(bearer(t.adminToken)).send({ name: '区政府法制办', aliases: ['法制办'] });
    for (const [name, aliases] of [['区发展和改革局', ['区发改局']], ['区工业和信息化局', ['区工信局']], ['区商务局', []], ['区财政局', []]] as const) {
      await t.http().post('/api/departments').set(bearer(t.adminToken)).send({ name, aliases });
    }
    await t.http().post('/api/users').set(bearer(t.adminToken)).send({ username: 'leader', password: 'leader-pass', role: 'leader' });
    await t.http().post('/api/users').set(bearer(t.adminToken)).send({ username: 'fzb', password: 'fzb-pass-1', role: 'department', departmentId: d.body.id });
    leaderToken = await t.login('leader', 'leader-pass');
    deptToken = await t.login('fzb', 'fzb-pass-1');
  });
  afterAll(async () => t?.close());

  it('a dry run returns the parsed seed plan and stores nothing', async () => {
    const before = await planCount();
    const res = await importText(seedPlanText(), { dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body.plan).toEqual({
      year: 2016, title: '惠济区2016年推进依法行政建设法治政府工作要点', docNumber: '惠政文〔2016〕35号',
      issuer: '郑州市惠济区人民政府', issuedOn: '2016-05-15', leadOffice: '区政府法制办', supervisingOffice: '区政府办公室',
    });
    expect(res.body.sections).toHaveLength(9);
    expect(res.body.sections[0]).toMatchObject({ ordinal: '一', title: '依法全面履行政府职能' });
    expect(res.body.sections[8]).toMatchObject({ ordinal: '九', title: '完善依法行政保障机制' });
    const items = res.body.sections.flatMap((s: { items: { number: number }[] }) => s.items);
    expect(items.map((i: { number: number }) => i.number)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(items[0].title).toBe('规范行政权力运行');
    expect(items[29].title).toBe('加强政府法制机构建设');
    expect(items[1].body).toContain('变“多头受理”为“一口受理”');
    expect(items[9].body).toContain('加强组织领导和工作指导');
    expect(await planCount()).toBe(before);
  });

  it('imports the seed plan from a .txt upload, then refuses the same document again with 409 naming it', async () => {
    const before = await planCount();
    const res = await t.http().post('/api/plans/import').set(bearer(t.adminToken)).attach('file', SEED_PLAN_PATH);
    expect(res.status).toBe(200);
    expect(res.body.plan.id).toEqual(expect.any(String));
    const stored = await t.http().get(`/api/plans/${res.body.plan.id}`).set(bearer(leaderToken));
    expect(stored.status).toBe(200);
    expect(stored.body.plan.docNumber).toBe('惠政文〔2016〕35号');
    expect(stored.body.sections.flatMap((s: { items: unknown[] }) => s.items)).toHaveLength(30);

    const again = await importText(seedPlanText());
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('惠济区2016年推进依法行政建设法治政府工作要点');
    expect(again.body.message).toContain(res.body.plan.id);
    // The same document as Markdown-free .docx is the same plan too.
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: seedPlanText().split('\n').map((l) => new Paragraph(l)) }] }));
    const asDocx = await t.http().post('/api/plans/import').set(bearer(t.adminToken)).attach('file', docx, 'plan.docx');
    expect(asDocx.status).toBe(409);
    expect(await planCount()).toBe(before + 1);
    const list = await t.http().get('/api/plans').set(bearer(deptToken));
    expect(list.body[0]).toMatchObject({ year: 2016, itemCount: 30 });
  });

  it('imports a .docx file', async () => {
    const doc = new Document({
      sections: [{ children: ['某区2026年法治政府建设工作要点', '一、依法行政', '1. 规范行政权力运行。进一步完善权责清单。', '2. 深化审批改革。减少前置审批。'].map((l) => new Paragraph(l)) }],
    });
    const res = await t.http().post('/api/plans/import').set(bearer(t.adminToken))
      .field('dryRun', 'true').attach('file', await Packer.toBuffer(doc), 'plan.docx');
    expect(res.status).toBe(200);
    expect(res.body.sections[0].items.map((i: { title: string }) => i.title)).toEqual(['规范行政权力运行', '深化审批改革']);
  });

  it('turns responsible-unit lines into suggestions matched to the directory, listing unmatched names', async () => {
    const res = await importText(corpusText('10'), { dryRun: true });
    expect(res.status).toBe(200);
    const items = res.body.sections.flatMap((s: { items: unknown[] }) => s.items) as { number: number; suggestions?: { lead: { name: string; departmentId: string | null }[]; unmatched: string[] } }[];
    expect(items[0].suggestions!.lead).toEqual([{ name: '区发改局', departmentId: expect.any(String) }]);
    expect(items[1].suggestions!.lead[0]).toMatchObject({ name: '区工信局', departmentId: expect.any(String) });
    expect(items[0].suggestions!.unmatched).toEqual(expect.arrayContaining(['立山经济开发区']));
  });

  it('warns about numbering that skips, naming the line, without renumbering', async () => {
    const res = await importText('2026年某区工作要点\n一、依法行政\n1. 甲项。内容。\n2. 乙项。内容。\n4. 丁项。内容。\n', { dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body.sections[0].items.map((i: { number: number }) => i.number)).toEqual([1, 2, 4]);
    expect(res.body.warnings.map((w: { line: number }) => w.line)).toContain(5);
    expect(JSON.stringify(res.body.warnings)).toMatch(/line 5/);
  });

  it.each([
    ['empty text', ''],
    ['whitespace only', '   \n\n  '],
    ['no numbered items', '某区2026年工作要点\n这是一段没有编号条目的说明文字。\n'],
  ])('rejects %s with 400 naming the problem and stores nothing', async (_name, text) => {
    const before = await planCount();
    const res = await importText(text);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/line|text/);
    expect(await planCount()).toBe(before);
  });

  it('rejects a binary file, a legacy .doc and a file over 5 MB with 400 saying why, stores nothing, and reads GBK', async () => {
    const before = await planCount();
    const binary = await t.http().post('/api/plans/import').set(bearer(t.adminToken)).attach('file', Buffer.from([0x31, 0x2e, 0x00, 0x41, 0x80, 0x81]), 'plan.txt');
    expect(binary.status).toBe(400);
    expect(binary.body.message).toMatch(/^file: .*NUL/);
    const doc = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    const legacy = await t.http().post('/api/plans/import').set(bearer(t.adminToken)).attach('file', doc, 'plan.doc');
    expect(legacy.status).toBe(400);
    expect(legacy.body.message).toContain('另存为 .docx');
    const gbk = await t.http().post('/api/plans/import').set(bearer(t.adminToken)).field('dryRun', 'true')
      .attach('file', encodeGbk('某区2026年工作要点\n一、依法行政\n1. 甲项。内容。'), 'plan.txt');
    expect(gbk.status).toBe(200);
    expect(gbk.body.sections[0].items[0].title).toBe('甲项');
    const big = Buffer.alloc(5 * 1024 * 1024 + 10, 'a');
    const tooBig = await t.http().post('/api/plans/import').set(bearer(t.adminToken)).attach('file', big, 'big.txt');
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.message).toContain('5 MB');
    const noFile = await t.http().post('/api/plans/import').set(bearer(t.adminToken)).field('dryRun', 'true');
    expect(noFile.status).toBe(400);
    expect(await planCount()).toBe(before);
  });

  it('rejects unknown JSON fields and refuses non-admins', async () => {
    expect((await importText('1. 甲。', { colour: 'red' })).status).toBe(400);
    for (const token of [leaderToken, deptToken]) {
      const res = await t.http().post('/api/plans/import').set(bearer(token)).send({ text: seedPlanText(), dryRun: true });
      expect(res.status).toBe(403);
    }
  });

  it('answers 200 or 400, never 500, to random and mutated documents over HTTP (JSON and file upload)', async () => {
    const seed = seedPlanText().split('\n');
    const mutated = fc.sample(
      fc.tuple(fc.integer({ min: 0, max: seed.length }), fc.integer({ min: 0, max: seed.length }), fc.string({ unit: 'grapheme', maxLength: 40 }))
        .map(([a, b, junk]) => [...seed.slice(0, Math.min(a, b)), junk, ...seed.slice(Math.max(a, b))].join('\n')),
      { numRuns: 25, seed: 42 },
    );
    const random = fc.sample(fc.string({ unit: 'binary', maxLength: 400 }), { numRuns: 15, seed: 7 });
    const bytes = fc.sample(fc.uint8Array({ maxLength: 300 }), { numRuns: 10, seed: 3 });
    // Files in every format the decoder knows, whole and cut short or corrupted at a random place.
    const formats = [
      encodeGbk(seed.slice(0, 60).join('\n')),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(seed.slice(0, 40).join('\n'), 'utf16le')]),
      textPdf(seed.slice(20, 60)),
      scannedPdf(1),
      Buffer.from('| 序号 | 工作任务 | 牵头单位 |\n|---|---|---|\n| 1 | 甲项。 | 区司法局 |\n|  |  |  |', 'utf8'),
    ];
    const damaged = fc.sample(
      fc.tuple(fc.constantFrom(...formats.keys()), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.boolean()),
      { numRuns: 25, seed: 11 },
    ).map(([f, at, junk, cut]) => {
      const buf = Buffer.from(formats[f]);
      const p = at % Math.max(1, buf.length);
      return cut ? buf.subarray(0, p) : Buffer.concat([buf.subarray(0, p), Buffer.from(junk), buf.subarray(p + junk.length)]);
    });
    const statuses: number[] = [];
    for (const text of [...mutated, ...random]) statuses.push((await importText(text, { dryRun: true })).status);
    for (const b of [...bytes.map((x) => Buffer.from(x)), ...formats, ...damaged]) {
      statuses.push((await t.http().post('/api/plans/import').set(bearer(t.adminToken)).field('dryRun', 'true').attach('file', b, 'x.docx')).status);
    }
    expect(statuses.filter((s) => s !== 200 && s !== 400)).toEqual([]);
  }, 240_000); // a damaged PDF can take pdf.js the whole 15 s limit (in its worker thread)

  it('answers 404 for an unknown plan and 400 for a malformed id', async () => {
    expect((await t.http().get('/api/plans/00000000-0000-4000-8000-000000000000').set(bearer(t.adminToken))).status).toBe(404);
    const bad = await t.http().get('/api/plans/not-an-id').set(bearer(t.adminToken));
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('id');
  });
});
