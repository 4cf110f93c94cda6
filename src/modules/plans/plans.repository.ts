import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { ReminderPolicy } from '../../../config/app-config';
import { inChunks } from '../../common/database/chunks';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { TransactionalRepository } from '../../common/database/transactional-repository';
import { LedgerChanges } from './ledger-changes';
import { PlanItem } from './plan-item.entity';
import { PlanSection } from './plan-section.entity';
import { Plan } from './plan.entity';

export interface PlanSummaryRow {
  id: string;
  year: number;
  title: string;
  docNumber: string | null;
  issuer: string | null;
  issuedOn: string | null;
  createdAt: string;
  itemCount: number;
  archivedAt: string | null;
}

@Injectable()
export class PlansRepository extends TransactionalRepository {
  constructor(tx: TransactionRunner, private readonly changes: LedgerChanges) {
    super(tx);
  }

  findById(id: string): Promise<Plan | null> {
    return this.em().findOneBy(Plan, { id });
  }

  /** The plan a re-import would duplicate: same content fingerprint, or same 文号. */
  async findDuplicate(fingerprint: string, docNumber: string | null): Promise<Plan | null> {
    const qb = this.em().createQueryBuilder(Plan, 'p').where('p.archived_at IS NULL');
    if (docNumber) qb.andWhere('(p.fingerprint = :fingerprint OR p.doc_number = :docNumber)', { fingerprint, docNumber });
    else qb.andWhere('p.fingerprint = :fingerprint', { fingerprint });
    return qb.getOne();
  }

  async listSummaries(includeArchived = false): Promise<PlanSummaryRow[]> {
    const qb = this.em().createQueryBuilder(Plan, 'p');
    if (!includeArchived) qb.where('p.archived_at IS NULL');
    const rows = await qb
      .leftJoin(PlanItem, 'i', 'i.plan_id = p.id')
      .select([
        'p.id AS id', 'p.year AS year', 'p.title AS title', 'p.doc_number AS "docNumber"', 'p.issuer AS issuer',
        'p.issued_on AS "issuedOn"', 'p.created_at AS "createdAt"', 'p.archived_at AS "archivedAt"', 'COUNT(i.id) AS "itemCount"',
      ])
      .groupBy('p.id')
      .orderBy('p.year', 'DESC')
      .addOrderBy('p.created_at', 'DESC')
      .getRawMany<PlanSummaryRow>();
    return rows.map((r) => ({ ...r, year: Number(r.year), itemCount: Number(r.itemCount) }));
  }

  sectionsOf(planId: string): Promise<PlanSection[]> {
    return this.em().find(PlanSection, { where: { planId }, order: { position: 'ASC' } });
  }

  itemsOf(planId: string): Promise<PlanItem[]> {
    return this.em().find(PlanItem, { where: { planId }, order: { position: 'ASC' } });
  }

  itemsByIds(ids: string[]): Promise<PlanItem[]> {
    return inChunks(ids, (chunk) => this.em().find(PlanItem, { where: { id: In(chunk) } }));
  }

  /** Item numbers (序号) by item id: the only item field a task view shows. */
  async itemNumbers(ids: string[]): Promise<Map<string, number>> {
    const rows = await inChunks(ids, (chunk) => this.em().createQueryBuilder(PlanItem, 'i')
      .select('i.id', 'id').addSelect('i.number', 'number').where('i.id IN (:...chunk)', { chunk })
      .getRawMany<{ id: string; number: number | string }>());
    return new Map(rows.map((r) => [r.id, Number(r.number)]));
  }

  itemCount(planId: string): Promise<number> {
    return this.em().countBy(PlanItem, { planId });
  }

  /** Chapters (level-1 sections) of a plan in document order. */
  async chapters(planId: string): Promise<Pick<PlanSection, 'id' | 'ordinal' | 'title'>[]> {
    const rows = await this.em().find(PlanSection, { where: { planId, level: 1 }, order: { position: 'ASC' } });
    return rows.map((s) => ({ id: s.id, ordinal: s.ordinal, title: s.title }));
  }

  /** Every plan's id and year, oldest year first. */
  async idsAndYears(): Promise<{ id: string; year: number }[]> {
    const rows = await this.em().find(Plan, { select: { id: true, year: true }, order: { year: 'ASC', createdAt: 'ASC' } });
    return rows.map((p) => ({ id: p.id, year: Number(p.year) }));
  }

  plansOfYears(years: number[]): Promise<Plan[]> {
    return this.em().find(Plan, { where: { year: In(years) } });
  }

  async setReminderPolicy(id: string, policy: Partial<ReminderPolicy>): Promise<void> {
    await this.em().update(Plan, { id }, { reminderPolicy: policy });
  }

  findItem(planId: string, itemId: string): Promise<PlanItem | null> {
    return this.em().findOneBy(PlanItem, { id: itemId, planId });
  }

  findSection(planId: string, sectionId: string): Promise<PlanSection | null> {
    return this.em().findOneBy(PlanSection, { id: sectionId, planId });
  }

  async updateItem(id: string, patch: Partial<Pick<PlanItem, 'title' | 'body' | 'number' | 'label' | 'sectionId' | 'position'>>): Promise<void> {
    await this.em().update(PlanItem, { id }, patch);
    const item = await this.em().findOne(PlanItem, { where: { id }, select: { id: true, planId: true } });
    if (item) await this.changes.structure(item.planId);
  }

  /** Opens `count` places after `position` in the plan's document order (for the parts of a split item). */
  async shiftItemPositions(planId: string, afterPosition: number, count: number): Promise<void> {
    await this.em()
      .createQueryBuilder()
      .update(PlanItem)
      .set({ position: () => `position + ${Number(count)}` })
      .where('plan_id = :planId AND position > :afterPosition', { planId, afterPosition })
      .execute();
    await this.changes.structure(planId);
  }

  async insertItems(items: PlanItem[]): Promise<void> {
    for (let i = 0; i < items.length; i += 50) await this.em().insert(PlanItem, items.slice(i, i + 50));
    for (const planId of new Set(items.map((i) => i.planId))) await this.changes.structure(planId);
  }

  async deleteItems(ids: string[]): Promise<void> {
    if (!ids.length) return;
    const plans = await this.em().find(PlanItem, { where: { id: In(ids) }, select: { id: true, planId: true } });
    await this.em().delete(PlanItem, { id: In(ids) });
    for (const planId of new Set(plans.map((i) => i.planId))) await this.changes.structure(planId);
  }

  /** Swaps a plan's document content (metadata, chapters, items) for a corrected reading. */
  async replaceContent(plan: Plan, sections: PlanSection[], items: PlanItem[]): Promise<void> {
    const em = this.em();
    await em.delete(PlanItem, { planId: plan.id });
    await em.delete(PlanSection, { planId: plan.id });
    const { id, ...fields } = plan;
    await em.update(Plan, { id }, fields);
    for (let i = 0; i < sections.length; i += 100) await em.insert(PlanSection, sections.slice(i, i + 100));
    await this.insertItems(items);
    await this.changes.structure(id);
  }

  /** The fingerprint is rewritten so that the archived copy no longer blocks a corrected import of the same document. */
  async archive(id: string, archivedAt: string, fingerprint: string): Promise<void> {
    await this.em().update(Plan, { id }, { archivedAt, fingerprint });
  }

  async insertPlan(plan: Plan, sections: PlanSection[], items: PlanItem[]): Promise<void> {
    const em = this.em();
    await em.insert(Plan, plan);
    // Chunked so that a 1,000-item plan stays under SQLite's bound-parameter limit.
    for (let i = 0; i < sections.length; i += 100) await em.insert(PlanSection, sections.slice(i, i + 100));
    for (let i = 0; i < items.length; i += 50) await em.insert(PlanItem, items.slice(i, i + 50));
  }
}
