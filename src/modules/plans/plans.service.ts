import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import { NotFound } from '../../common/errors/domain-error';
import { newId } from '../../common/database/ids';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { Clock } from '../../common/time/clock';
import { AuditService } from '../audit/audit.service';
import { CalendarService, CalendarStatus } from '../calendar/calendar.service';
import { DepartmentsService, ResolvedName } from '../departments/departments.service';
import { isSupportedYear, MAX_YEAR, MIN_YEAR } from '../../common/validation/calendar-date';
import { UploadParser } from '../uploads/upload-parser.service';
import { MAX_PLAN_FILE_BYTES } from './parser/document-decoder';
import type { ParsedItem, ParsedPlan, ParsedPlanMeta, ParsedSection, PlanParseResult } from './parser/plan-parser.types';
import { foldUnitName } from './parser/unit-names';
import { PlanItem, StoredSuggestions } from './plan-item.entity';
import { PlanSection } from './plan-section.entity';
import { Plan } from './plan.entity';
import { PlanAlreadyImported, PlanArchived, PlanDocumentInvalid } from './plans.errors';
import { PlansRepository, PlanSummaryRow } from './plans.repository';

export interface ImportSource {
  text?: string;
  file?: { buffer: Buffer; filename?: string };
  dryRun: boolean;
  year?: number;
  title?: string;
  sourceName?: string;
}

/** A stored plan whose content a corrected document replaces; the check runs inside the writing transaction. */
export interface ReplaceTarget {
  planId: string;
  assertReplaceable: () => Promise<void>;
}

export interface PlanMetaView extends ParsedPlanMeta {
  id?: string;
  archivedAt?: string | null;
}

export interface ItemView {
  id?: string;
  number: number;
  label: string;
  title: string;
  body: string;
  line: number;
  suggestions?: StoredSuggestions;
}

export interface SectionView {
  id?: string;
  ordinal: string;
  title: string;
  level: number;
  /** The chapter heading's line in the document. */
  line: number;
  items: ItemView[];
  sections: SectionView[];
}

export interface PlanView {
  plan: PlanMetaView;
  sections: SectionView[];
  warnings: { line: number; message: string }[];
  truncated?: boolean;
  dryRun?: boolean;
  /** Dry runs only: the text as read (a .docx decoded), so a preview can show warnings and items beside their lines. */
  sourceText?: string;
  /**
   * Dry run only: what the import would refuse (no year, no title, the same document already
   * stored, not a plan), each with the message the import would give. Empty when it would import.
   */
  errors?: { field: string; message: string; existingPlanId?: string }[];
  /** Dry run only: true when the import of the same request would store the plan. */
  importable?: boolean;
  /** Which working-day calendar the plan's year uses; a warning when it is only the Mon–Fri guess. */
  calendar?: CalendarStatus;
}

@Injectable()
export class PlansService {
  constructor(
    private readonly repo: PlansRepository,
    private readonly departments: DepartmentsService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
    private readonly uploads: UploadParser,
  ) {}

  /** Parses a 工作要点 and, unless dryRun, stores it whole or not at all. */
  async import(source: ImportSource, actorId: string, replacing?: ReplaceTarget): Promise<PlanView> {
    const result = await this.parse(source);
    if (!result.ok) throw new PlanDocumentInvalid(result.error.message);
    const parsed = result.value;
    if (source.year !== undefined) parsed.plan.year = source.year;
    if (source.title !== undefined) parsed.plan.title = source.title;
    if (parsed.plan.year !== null && !isSupportedYear(parsed.plan.year)) {
      throw new PlanDocumentInvalid(`year: 计划年度 ${parsed.plan.year} 超出支持范围 ${MIN_YEAR}–${MAX_YEAR}，请在请求中提供 year`);
    }

    const suggestions = await this.resolveSuggestions(parsed);
    const view = toParsedView(parsed, suggestions);
    const fingerprint = fingerprintOf(parsed);
    // The dry run answers with every verdict the import would give, so the preview never promises more.
    const verdicts = await this.verdicts(parsed, fingerprint, replacing?.planId);
    if (source.dryRun) {
      return {
        ...view, dryRun: true, errors: verdicts.map(({ error, ...v }) => ({ ...v, message: error.message })), importable: verdicts.length === 0,
        sourceText: result.text ?? source.text,
      };
    }
    if (verdicts.length > 0) throw verdicts[0].error;

    const { year, title } = parsed.plan as { year: number; title: string };
    const plan: Plan = {
      id: replacing?.planId ?? newId(),
      year,
      title,
      docNumber: parsed.plan.docNumber,
      issuer: parsed.plan.issuer,
      issuedOn: parsed.plan.issuedOn,
      leadOffice: parsed.plan.leadOffice,
      supervisingOffice: parsed.plan.supervisingOffice,
      fingerprint,
      sourceName: source.sourceName ?? source.file?.filename ?? null,
      warnings: parsed.warnings,
      createdBy: actorId,
      createdAt: this.clock.now().toISOString(),
    };
    const { sections, items } = flattenForStorage(plan.id, parsed.sections, suggestions);

    try {
      await this.tx.run(async () => {
        const duplicate = await this.repo.findDuplicate(fingerprint, plan.docNumber);
        if (duplicate && duplicate.id !== replacing?.planId) throw new PlanAlreadyImported(duplicate);
        if (replacing) return this.storeReplacement(replacing, plan, sections, items, actorId);
        await this.repo.insertPlan(plan, sections, items);
        await this.audit.record({
          actorId, action: 'plan.import', entityType: 'plan', entityId: plan.id,
          after: { title: plan.title, docNumber: plan.docNumber, sections: sections.length, items: items.length },
        });
      });
    } catch (err) {
      // Two identical imports racing on PostgreSQL: the unique fingerprint decides, the loser gets 409.
      if (err instanceof QueryFailedError) {
        const duplicate = await this.repo.findDuplicate(fingerprint, plan.docNumber);
        if (duplicate) throw new PlanAlreadyImported(duplicate);
      }
      throw err;
    }
    return this.get(plan.id);
  }

  list(includeArchived = false): Promise<PlanSummaryRow[]> {
    return this.repo.listSummaries(includeArchived);
  }

  /** The plan, refused when it does not exist or is archived (an archived plan is read-only). */
  async requireActive(id: string): Promise<Plan> {
    const plan = await this.repo.findById(id);
    if (!plan) throw new NotFound('plan', id);
    if (plan.archivedAt) throw new PlanArchived();
    return plan;
  }

  /** Inside the import's transaction: the plan keeps its id, creator and policy; its content is the corrected reading. */
  private async storeReplacement(target: ReplaceTarget, plan: Plan, sections: PlanSection[], items: PlanItem[], actorId: string): Promise<void> {
    const before = await this.requireActive(target.planId);
    await target.assertReplaceable();
    await this.repo.replaceContent({ ...plan, createdBy: before.createdBy, createdAt: before.createdAt, reminderPolicy: before.reminderPolicy ?? null }, sections, items);
    await this.audit.record({
      actorId, action: 'plan.document.replace', entityType: 'plan', entityId: plan.id,
      before: { title: before.title, docNumber: before.docNumber, fingerprint: before.fingerprint },
      after: { title: plan.title, docNumber: plan.docNumber, sections: sections.length, items: items.length },
    });
  }

  async get(id: string): Promise<PlanView> {
    const plan = await this.repo.findById(id);
    if (!plan) throw new NotFound('plan', id);
    const [sections, items] = await Promise.all([this.repo.sectionsOf(id), this.repo.itemsOf(id)]);
    return { plan: toMetaView(plan), sections: buildTree(sections, items), warnings: plan.warnings, calendar: this.calendar.statusOf(plan.year) };
  }


  /** Decoding and parsing run in the upload worker pool, never on the event loop. */
  private async parse(source: ImportSource): Promise<PlanParseResult> {
    if (source.file) return this.uploads.planFile(source.file.buffer, source.file.filename);
    const text = source.text ?? '';
    if (Buffer.byteLength(text, 'utf8') > MAX_PLAN_FILE_BYTES) throw new PlanDocumentInvalid('text: 文本超过 5 MB 上限');
    return this.uploads.planText(text);
  }

  /** Why the import would refuse this parsed document, in the order it checks; [] when it would store it. */
  private async verdicts(parsed: ParsedPlan, fingerprint: string, replacingPlanId?: string): Promise<{ field: string; error: Error; existingPlanId?: string }[]> {
    const out: { field: string; error: Error; existingPlanId?: string }[] = [];
    if (parsed.notAPlan) out.push({ field: 'text', error: new PlanDocumentInvalid(`text: ${parsed.notAPlan}`) });
    if (parsed.plan.year === null) out.push({ field: 'year', error: new PlanDocumentInvalid('year: 未能从文档中识别年度，请在请求中提供 year') });
    if (!parsed.plan.title) out.push({ field: 'title', error: new PlanDocumentInvalid('title: 未能从文档中识别标题，请在请求中提供 title') });
    const duplicate = await this.repo.findDuplicate(fingerprint, parsed.plan.docNumber);
    if (duplicate && duplicate.id !== replacingPlanId) out.push({ field: 'plan', error: new PlanAlreadyImported(duplicate), existingPlanId: duplicate.id });
    return out;
  }

  private async resolveSuggestions(parsed: ParsedPlan): Promise<Map<ParsedItem, StoredSuggestions>> {
    const items = allItems(parsed.sections).filter((i) => i.suggestions);
    const names = items.flatMap((i) => [...i.suggestions!.lead, ...i.suggestions!.cooperating]);
    // Matched on the folded name (traditional → simplified, no layout spaces); shown as printed.
    const resolved = await this.departments.resolveNames(names.map(foldUnitName));
    const toRef = (name: string) => {
      const r: ResolvedName | undefined = resolved.get(foldUnitName(name).trim());
      return { name, departmentId: r?.departmentId ?? null };
    };
    const out = new Map<ParsedItem, StoredSuggestions>();
    for (const item of items) {
      const s = item.suggestions!;
      const lead = s.lead.map(toRef);
      const cooperating = s.cooperating.map(toRef);
      out.set(item, {
        lead,
        cooperating,
        ...(s.dueText ? { dueText: s.dueText } : {}),
        ...(s.unitText ? { unitText: s.unitText } : {}),
        unmatched: [...lead, ...cooperating].filter((r) => !r.departmentId).map((r) => r.name),
      });
    }
    return out;
  }
}

function allItems(sections: ParsedSection[]): ParsedItem[] {
  return sections.flatMap((s) => [...s.items, ...allItems(s.sections)]);
}

/** Identity of a document's content, independent of its file format and whitespace. */
function fingerprintOf(parsed: ParsedPlan): string {
  const strip = (s: ParsedSection): unknown => ({
    o: s.ordinal, t: s.title, i: s.items.map((i) => [i.number, i.title, i.body]), s: s.sections.map(strip),
  });
  const canonical = JSON.stringify({ m: { ...parsed.plan }, s: parsed.sections.map(strip) });
  return createHash('sha256').update(canonical).digest('hex');
}

function toMetaView(p: Plan): PlanMetaView {
  return {
    id: p.id, year: p.year, title: p.title, docNumber: p.docNumber, issuer: p.issuer, issuedOn: p.issuedOn,
    leadOffice: p.leadOffice, supervisingOffice: p.supervisingOffice, archivedAt: p.archivedAt ?? null,
  };
}

function toParsedView(parsed: ParsedPlan, suggestions: Map<ParsedItem, StoredSuggestions>): PlanView {
  const section = (s: ParsedSection): SectionView => ({
    ordinal: s.ordinal,
    title: s.title,
    level: s.level,
    line: s.line,
    items: s.items.map((i) => ({
      number: i.number, label: i.label, title: i.title, body: i.body, line: i.line,
      ...(suggestions.has(i) ? { suggestions: suggestions.get(i) } : {}),
    })),
    sections: s.sections.map(section),
  });
  return { plan: { ...parsed.plan }, sections: parsed.sections.map(section), warnings: parsed.warnings, truncated: parsed.truncated };
}

function flattenForStorage(planId: string, parsedSections: ParsedSection[], suggestions: Map<ParsedItem, StoredSuggestions>) {
  const sections: PlanSection[] = [];
  const items: PlanItem[] = [];
  const walk = (s: ParsedSection, parentId: string | null) => {
    const row: PlanSection = {
      id: newId(), planId, parentId, level: s.level, ordinal: s.ordinal, title: s.title, position: sections.length, line: s.line,
    };
    sections.push(row);
    for (const i of s.items) {
      items.push({
        id: newId(), planId, sectionId: row.id, number: i.number, label: i.label, title: i.title, body: i.body,
        position: items.length, line: i.line, suggestions: suggestions.get(i) ?? null,
      });
    }
    s.sections.forEach((child) => walk(child, row.id));
  };
  parsedSections.forEach((s) => walk(s, null));
  return { sections, items };
}

function buildTree(sections: PlanSection[], items: PlanItem[]): SectionView[] {
  const views = new Map<string, SectionView>();
  for (const s of sections) views.set(s.id, { id: s.id, ordinal: s.ordinal, title: s.title, level: s.level, line: s.line, items: [], sections: [] });
  for (const i of items) {
    views.get(i.sectionId)?.items.push({
      id: i.id, number: i.number, label: i.label, title: i.title, body: i.body, line: i.line,
      ...(i.suggestions ? { suggestions: i.suggestions } : {}),
    });
  }
  const roots: SectionView[] = [];
  for (const s of sections) (s.parentId ? views.get(s.parentId)!.sections : roots).push(views.get(s.id)!);
  return roots;
}
