// Corrections of a misread plan: edit, split and merge its items, replace its document while no task
// hangs on it, archive it. Plans and tasks are two aggregates; this module composes them so that
// neither module imports the other back (tasks hang on plan items and a merge moves them).
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Conflict, InvalidInput, NotFound } from '../../common/errors/domain-error';
import { newId } from '../../common/database/ids';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { Clock } from '../../common/time/clock';
import { AuditService } from '../audit/audit.service';
import type { PlanItem } from '../plans/plan-item.entity';
import { PlansRepository } from '../plans/plans.repository';
import { ImportSource, PlansService, PlanView } from '../plans/plans.service';
import { TasksRepository } from '../tasks/tasks.repository';
import { MergePlanItemsDto, SplitPartDto, SplitPlanItemDto, UpdatePlanItemDto } from './dto/correct-plan-item.dto';

export class PlanHasTasks extends Conflict {
  constructor(count: number, what: string) {
    super(`plan: 该计划已有 ${count} 项任务，不能${what}；请先撤销这些任务`);
  }
}

@Injectable()
export class PlanCorrectionsService {
  constructor(
    private readonly plans: PlansService,
    private readonly planRepo: PlansRepository,
    private readonly tasks: TasksRepository,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async updateItem(planId: string, itemId: string, dto: UpdatePlanItemDto, actorId: string): Promise<PlanView> {
    if (Object.values(dto).every((v) => v === undefined)) throw new InvalidInput('body: 没有要修改的字段');
    await this.tx.run(async () => {
      await this.plans.requireActive(planId);
      const item = await this.requireItem(planId, itemId);
      if (dto.sectionId && !(await this.planRepo.findSection(planId, dto.sectionId))) throw new InvalidInput('sectionId: 不是该计划的章节');
      if (dto.number !== undefined && dto.number !== item.number) await this.assertNumbersFree(planId, [dto.number], [item.id]);
      const patch = { number: dto.number, label: dto.label, title: dto.title, body: dto.body, sectionId: dto.sectionId };
      const changed = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      await this.planRepo.updateItem(item.id, changed);
      await this.audit.record({
        actorId, action: 'plan.item.update', entityType: 'plan', entityId: planId,
        before: { itemId, ...Object.fromEntries(Object.keys(changed).map((k) => [k, item[k as keyof PlanItem]])) },
        after: { itemId, ...changed },
      });
    });
    return this.plans.get(planId);
  }

  async splitItem(planId: string, itemId: string, dto: SplitPlanItemDto, actorId: string): Promise<PlanView> {
    await this.tx.run(async () => {
      await this.plans.requireActive(planId);
      const item = await this.requireItem(planId, itemId);
      const numbers = dto.parts.map((p) => p.number);
      if (new Set(numbers).size !== numbers.length) throw new InvalidInput('parts: 各部分的编号不能重复');
      await this.assertNumbersFree(planId, numbers, [item.id]);
      const [first, ...rest] = dto.parts;
      await this.planRepo.shiftItemPositions(planId, item.position, rest.length);
      await this.planRepo.updateItem(item.id, { number: first.number, label: labelOf(first, item), title: titleOf(first), body: first.body });
      const added: PlanItem[] = rest.map((part, k) => ({
        id: newId(), planId, sectionId: item.sectionId, number: part.number, label: labelOf(part, item), title: titleOf(part), body: part.body,
        position: item.position + k + 1, line: item.line, suggestions: null,
      }));
      await this.planRepo.insertItems(added);
      await this.audit.record({
        actorId, action: 'plan.item.split', entityType: 'plan', entityId: planId,
        before: { itemId, number: item.number, title: item.title, body: item.body },
        after: { itemIds: [item.id, ...added.map((a) => a.id)], numbers: dto.parts.map((p) => p.number) },
      });
    });
    return this.plans.get(planId);
  }

  async mergeItems(planId: string, dto: MergePlanItemsDto, actorId: string): Promise<PlanView> {
    if (new Set(dto.itemIds).size !== dto.itemIds.length) throw new InvalidInput('itemIds: 不能重复');
    await this.tx.run(async () => {
      await this.plans.requireActive(planId);
      const items = await this.planRepo.itemsByIds(dto.itemIds);
      const missing = dto.itemIds.find((id) => !items.some((i) => i.id === id && i.planId === planId));
      if (missing) throw new NotFound('item', missing);
      items.sort((a, b) => a.position - b.position);
      const [keep, ...gone] = items;
      const goneIds = gone.map((i) => i.id);
      await this.tasks.moveToItem(goneIds, keep.id);
      await this.planRepo.updateItem(keep.id, { body: items.map((i) => i.body).join('\n') });
      await this.planRepo.deleteItems(goneIds);
      await this.audit.record({
        actorId, action: 'plan.items.merge', entityType: 'plan', entityId: planId,
        before: { items: items.map((i) => ({ id: i.id, number: i.number, title: i.title })) },
        after: { itemId: keep.id },
      });
    });
    return this.plans.get(planId);
  }

  /** A corrected document replaces the stored reading while no task hangs on the plan. */
  replaceDocument(planId: string, source: ImportSource, actorId: string): Promise<PlanView> {
    return this.plans.import(source, actorId, {
      planId,
      assertReplaceable: async () => {
        const count = await this.tasks.countInPlan(planId);
        if (count > 0) throw new PlanHasTasks(count, '替换文档');
      },
    });
  }

  async archive(planId: string, reason: string | undefined, actorId: string): Promise<PlanView> {
    await this.tx.run(async () => {
      const plan = await this.plans.requireActive(planId);
      const count = await this.tasks.countInPlan(planId);
      if (count > 0) throw new PlanHasTasks(count, '归档');
      await this.planRepo.archive(planId, this.clock.now().toISOString(), archivedFingerprint(plan.fingerprint, planId));
      await this.audit.record({ actorId, action: 'plan.archive', entityType: 'plan', entityId: planId, before: { title: plan.title }, after: { reason: reason ?? null } });
    });
    return this.plans.get(planId);
  }

  /** Item numbers identify work points when tasks are assigned (itemNumber), so a correction never repeats one. */
  private async assertNumbersFree(planId: string, numbers: number[], except: string[]): Promise<void> {
    const taken = (await this.planRepo.itemsOf(planId)).find((i) => !except.includes(i.id) && numbers.includes(i.number));
    if (taken) throw new InvalidInput(`number: 本计划已有编号为 ${taken.number} 的要点「${taken.title}」`);
  }

  private async requireItem(planId: string, itemId: string): Promise<PlanItem> {
    const item = await this.planRepo.findItem(planId, itemId);
    if (!item) throw new NotFound('item', itemId);
    return item;
  }
}

/** A split part without a title takes the body up to its first 。, as the parser does for an item. */
function titleOf(part: SplitPartDto): string {
  if (part.title) return part.title;
  const firstLine = part.body.split('\n')[0];
  const stop = firstLine.indexOf('。');
  return (stop >= 0 ? firstLine.slice(0, stop) : firstLine).slice(0, 500);
}

/** The label follows the item's own style ("3." → "4.") unless the part gives one. */
function labelOf(part: SplitPartDto, item: PlanItem): string {
  if (part.label) return part.label;
  return /^\d+/.test(item.label) ? item.label.replace(/^\d+/, String(part.number)) : `${part.number}.`;
}

function archivedFingerprint(fingerprint: string, planId: string): string {
  return createHash('sha256').update(`${fingerprint}:archived:${planId}`).digest('hex');
}
