import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { docxWithWordNumbering, plainLines } from '../fixtures/plan-docx';
import { encodeGbk } from '../fixtures/gbk';
import { textPdf } from '../fixtures/text-pdf';
import { bearer, startTestApp, TestApp } from '../helpers/test-app';
import { corpusText, SHARED_DIR, seedPlanText } from '../helpers/shared-docs';

type Item = { number: number; title: string; body: string };
type Section = { items: Item[]; sections: Section[] };
const itemsOf = (sections: Section[]): Item[] => sections.flatMap((s) => [...s.items, ...itemsOf(s.sections)]);
const shapeOf = (sections: Section[]) => itemsOf(sections).map((i) => [i.number, i.title, i.body]);

const corpusPrefixes = readdirSync(resolve(SHARED_DIR, 'corpus')).filter((f) => /^\d\d_.*\.txt$/.test(f)).map((f) => f.slice(0, 2));
const seedFiles = readdirSync(resolve(SHARED_DIR, 'seeds')).filter((f) => f.endsWith('.txt'));

describe('plan import: the dry run gives every verdict the import gives (e2e, every corpus document)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.http().post('/api/departments').set(bearer(t.adminToken)).send({ name: '市行政审批局', aliases: [] });
  });
  afterAll(async () => t?.close());

  const post = (body: Record<string, unknown>) => t.http().post('/api/plans/import').set(bearer(t.adminToken)).send(body);

  /** Dry run, then import: they must agree — same refusal, or the same plan stored. */
  async function expectAgreement(text: string, extra: Record<string, unknown> = {}): Promise<{ stored: boolean; dry: { status: number; body: any } }> {
    const dry = await post({ text, dryRun: true, ...extra });
    expect([200, 400]).toContain(dry.status);
    const imported = await post({ text, ...extra });
    if (dry.status !== 200) {
      expect({ status: imported.status, message: imported.body.message }).toEqual({ status: dry.status, message: dry.body.message });
      return { stored: false, dry };
    }
    if (dry.body.importable) {
      expect(dry.body.errors).toEqual([]);
      expect(imported.status).toBe(200);
      expect(shapeOf(imported.body.sections)).toEqual(shapeOf(dry.body.sections));
      // Once stored, the preview says the import would now be a duplicate, naming the stored plan.
      const again = await post({ text, dryRun: true, ...extra });
      expect(again.body.importable).toBe(false);
      expect(again.body.errors).toEqual([expect.objectContaining({ field: 'plan', existingPlanId: imported.body.plan.id })]);
      const second = await post({ text, ...extra });
      expect(second.status).toBe(409);
      expect(second.body.message).toBe(again.body.errors[0].message);
      return { stored: true, dry };
    }
    const first = dry.body.errors[0];
    expect(imported.status).toBe(first.field === 'plan' ? 409 : 400);
    expect(imported.body.message).toBe(first.message);
    return { stored: false, dry };
  }

  it.each(corpusPrefixes)('corpus %s', async (prefix) => {
    const text = corpusText(prefix);
    const { stored, dry } = await expectAgreement(text);
    if (!stored && dry.status === 200 && dry.body.errors.some((e: { field: string }) => e.field === 'year')) {
      // The preview told what is missing; supplying it makes preview and import agree on storing it.
      const withYear = await expectAgreement(text, { year: 2022, title: dry.body.plan.title ?? '补充标题的工作要点' });
      expect(withYear.stored).toBe(true);
    }
  });

  it.each(seedFiles)('seed %s', async (file) => {
    await expectAgreement(readFileSync(resolve(SHARED_DIR, 'seeds', file), 'utf8'));
  });

  it('refuses the year-end reports (seeds 000–003, corpus 23) with 400 saying what they look like, and stores nothing', async () => {
    for (const text of [...seedFiles.filter((f) => !f.startsWith('004')).map((f) => readFileSync(resolve(SHARED_DIR, 'seeds', f), 'utf8')), corpusText('23')]) {
      const res = await post({ text, dryRun: true });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/^line \d+: 该文件像是(年度工作报告|工作情况报告)/);
    }
  });

  it('reads a traditional-character unit name against the simplified directory entry, keeping the printed name', async () => {
    const res = await post({ text: '某市2024年工作要点\n一、優化營商環境\n1. 深化審批改革。持續推進。（牽頭單位：市行政審批局）', dryRun: true });
    expect(res.status).toBe(200);
    const item = itemsOf(res.body.sections)[0] as Item & { suggestions: { lead: { name: string; departmentId: string | null }[] } };
    expect(item.suggestions.lead).toEqual([{ name: '市行政審批局', departmentId: expect.any(String) }]);
  });

  it('the seed as GBK .txt, .docx with Word numbering and a text PDF is the same plan as the .txt: same preview, and 409 once the .txt is stored', async () => {
    const seed = seedPlanText();
    const plain = plainLines(seed);
    const upload = (buf: Buffer, name: string, dryRun: boolean) => {
      const req = t.http().post('/api/plans/import').set(bearer(t.adminToken));
      return (dryRun ? req.field('dryRun', 'true') : req).attach('file', buf, name);
    };
    const reference = await post({ text: seed, dryRun: true });
    for (const [buf, name] of [
      [encodeGbk(seed), 'seed-gbk.txt'],
      [await docxWithWordNumbering(plain, { chapters: true, restartPerChapter: false }), 'seed.docx'],
      [textPdf(plain.filter((l) => l.trim() !== ''), { linesPerPage: 30 }), 'seed.pdf'],
    ] as const) {
      const res = await upload(buf, name, true);
      expect(res.status).toBe(200);
      expect(shapeOf(res.body.sections).map(([n, title]) => [n, title])).toEqual(shapeOf(reference.body.sections).map(([n, title]) => [n, title]));
      expect(res.body.plan).toEqual(reference.body.plan);
    }
    // The seed was stored by the seed test above; each format is recognised as that same document.
    for (const [buf, name] of [
      [encodeGbk(seed), 'seed-gbk.txt'],
      [await docxWithWordNumbering(plain, { chapters: true, restartPerChapter: false }), 'seed.docx'],
      [textPdf(plain.filter((l) => l.trim() !== ''), { linesPerPage: 30 }), 'seed.pdf'],
    ] as const) {
      const res = await upload(buf, name, false);
      expect(res.status).toBe(409);
    }
  });
});
