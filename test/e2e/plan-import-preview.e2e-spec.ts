// The import wizard shows a dry run beside the document's own lines: the answer carries the text as
// read (a .docx decoded), and the line numbers of items and warnings point into it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Document, Packer, Paragraph } from 'docx';
import { seedPlanText } from '../helpers/shared-docs';
import { bearer, startTestApp, TestApp } from '../helpers/test-app';

interface Item { number: number; title: string; line: number }
interface Section { title: string; line: number; items: Item[]; sections: Section[] }
const itemsOf = (sections: Section[]): Item[] => sections.flatMap((s) => [...s.items, ...itemsOf(s.sections)]);
const linesOf = (text: string) => text.split(/\r\n|\r|\n|\u2028|\u2029/);

describe('plan import preview (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('answers a dry run with the source text, each item number found on the line the item names', async () => {
    const res = await t.http().post('/api/plans/import').set(bearer(t.adminToken)).send({ text: seedPlanText(), dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body.sourceText).toBe(seedPlanText());
    const lines = linesOf(res.body.sourceText);
    const items = itemsOf(res.body.sections);
    expect(items).toHaveLength(30);
    for (const item of items) expect(lines[item.line - 1]).toContain(item.title.slice(0, 4));
    expect(res.body.sections).toHaveLength(9);
    for (const section of res.body.sections as Section[]) expect(lines[section.line - 1]).toContain(section.title);
  });

  it('gives chapter lines on a stored plan too, without the source text', async () => {
    const stored = await t.http().post('/api/plans/import').set(bearer(t.adminToken)).send({ text: seedPlanText() });
    expect(stored.status).toBe(200);
    expect(stored.body.sourceText).toBeUndefined();
    const plan = await t.http().get(`/api/plans/${stored.body.plan.id}`).set(bearer(t.adminToken));
    const lines = linesOf(seedPlanText());
    expect(plan.body.sections[0].line).toBeGreaterThan(0);
    for (const section of plan.body.sections as Section[]) expect(lines[section.line - 1]).toContain(section.title);
  });

  it('gives the decoded text of a .docx, so warnings point at lines the preview can show', async () => {
    const paragraphs = ['某区2026年法治政府建设工作要点', '一、依法行政', '1. 规范行政权力运行。完善清单。', '3. 深化审批改革。减少前置审批。'];
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: paragraphs.map((l) => new Paragraph(l)) }] }));
    const res = await t.http().post('/api/plans/import').set(bearer(t.adminToken)).field('dryRun', 'true').attach('file', docx, 'plan.docx');
    expect(res.status).toBe(200);
    const lines = linesOf(res.body.sourceText);
    const second = itemsOf(res.body.sections)[1];
    expect(lines[second.line - 1]).toContain('深化审批改革');
    expect(res.body.warnings.map((w: { line: number }) => w.line)).toContain(second.line);
  });

});
