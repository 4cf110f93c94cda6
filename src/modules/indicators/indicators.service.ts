// 指标目录: the office keeps a per-plan catalogue; departments file figures under it. A name the
// catalogue does not know becomes a proposed indicator (kind guessed from the unit), which the office
// confirms (PATCH status "confirmed", possibly with another kind) or merges into an existing one
// (PATCH mergeInto): merged entries stay, their figures count for the target, their name becomes an alias.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { newId } from '../../common/database/ids';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { Conflict, InvalidInput, NotFound } from '../../common/errors/domain-error';
import { Clock } from '../../common/time/clock';
import { AuditService } from '../audit/audit.service';
import type { CreateIndicatorDto, UpdateIndicatorDto } from './dto/indicator.dto';
import { Indicator } from './indicator.entity';
import { canonicalOf, findByName, initialKind, normalizeName, valueProblem } from './indicator-kinds';
import { IndicatorsRepository } from './indicators.repository';

/** A figure as posted: by catalogue id or by name. */
export interface FigureRef {
  indicatorId?: string;
  indicator?: string;
  value: unknown;
  unit?: string;
  numerator?: number;
  denominator?: number;
}

export interface ResolvedFigure {
  indicator: Indicator;
  /** The name the department used (kept on the report as written). */
  reportedName: string;
  unit: string;
  value: number;
  textValue: string | null;
  numerator: number | null;
  denominator: number | null;
}

@Injectable()
export class IndicatorsService {
  constructor(
    private readonly repo: IndicatorsRepository,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(planId: string): Promise<Indicator[]> {
    if (!(await this.repo.planExists(planId))) throw new NotFound('plan', planId);
    return this.repo.ofPlan(planId);
  }

  catalogue(planId: string): Promise<Indicator[]> {
    return this.repo.ofPlan(planId);
  }

  async create(planId: string, input: CreateIndicatorDto, actor: Actor): Promise<Indicator> {
    if (!(await this.repo.planExists(planId))) throw new NotFound('plan', planId);
    return this.tx.run(async () => {
      const catalogue = await this.repo.ofPlan(planId);
      const aliases = this.cleanAliases(input.aliases ?? [], input.name);
      this.assertNamesFree([input.name, ...aliases], catalogue, null);
      const now = this.clock.now().toISOString();
      const row: Indicator = {
        id: newId(), planId, name: input.name.trim(), unit: input.unit.trim(), kind: input.kind, aliases, status: 'confirmed',
        mergedInto: null, proposedBy: null, createdAt: now, updatedAt: now,
      };
      await this.repo.insert(row);
      await this.audit.record({ actorId: actor.id, action: 'indicator.create', entityType: 'plan', entityId: planId, after: row });
      return row;
    });
  }

  async update(id: string, input: UpdateIndicatorDto, actor: Actor): Promise<Indicator> {
    return this.tx.run(async () => {
      const row = await this.repo.findById(id);
      if (!row) throw new NotFound('indicator', id);
      const before = { ...row, aliases: [...row.aliases] };
      const catalogue = await this.repo.ofPlan(row.planId);
      if (input.mergeInto !== undefined) {
        const target = catalogue.find((i) => i.id === input.mergeInto);
        if (!target) throw new InvalidInput(`mergeInto: 指标 ${input.mergeInto} 不在本计划的指标目录中`);
        if (target.id === row.id) throw new InvalidInput('mergeInto: 不能合并到自身');
        if (target.status === 'merged') throw new InvalidInput(`mergeInto: 「${target.name}」已合并到其他指标，请选择合并后的指标`);
        if (row.status === 'merged') throw new Conflict(`status: 「${row.name}」已合并，不能再次合并`);
        if (row.unit && target.unit && normalizeName(row.unit) !== normalizeName(target.unit)) {
          // 件 and 平方米 never add up: the office aligns the units first.
          throw new Conflict(`mergeInto: 「${row.name}」的单位「${row.unit}」与「${target.name}」的单位「${target.unit}」不同，不能合并`);
        }
        const merged = catalogue.filter((i) => i.id === row.id || i.mergedInto === row.id).map((i) => i.id);
        await this.assertFitsKind(target.kind, merged, 'mergeInto', target.name);
        target.aliases = this.cleanAliases([...target.aliases, row.name, ...row.aliases], target.name);
        target.updatedAt = this.clock.now().toISOString();
        row.status = 'merged';
        row.mergedInto = target.id;
        row.updatedAt = target.updatedAt;
        await this.repo.save(target);
        await this.repo.save(row);
        await this.audit.record({ actorId: actor.id, action: 'indicator.merge', entityType: 'plan', entityId: row.planId, before, after: { mergedInto: target.id, target: target.name } });
        return row;
      }
      if (row.status === 'merged') throw new Conflict(`status: 「${row.name}」已合并到其他指标，请修改合并后的指标`);
      const name = input.name?.trim() ?? row.name;
      const aliases = input.aliases ? this.cleanAliases(input.aliases, name) : row.aliases;
      this.assertNamesFree([name, ...aliases], catalogue, row.id);
      if (input.kind === 'rate' && row.kind !== 'rate') {
        await this.assertFitsKind('rate', catalogue.filter((i) => i.id === row.id || i.mergedInto === row.id).map((i) => i.id), 'kind', row.name);
      }
      Object.assign(row, {
        name, aliases, unit: input.unit?.trim() ?? row.unit, kind: input.kind ?? row.kind,
        status: input.status ?? row.status, updatedAt: this.clock.now().toISOString(),
      });
      await this.repo.save(row);
      await this.audit.record({ actorId: actor.id, action: 'indicator.update', entityType: 'plan', entityId: row.planId, before, after: row });
      return row;
    });
  }

  /**
   * Resolves a report's figures against the plan's catalogue (inside the caller's transaction):
   * unknown names become proposed indicators; values are checked against the kind. All problems at
   * once, each naming figures[i].field.
   */
  async resolveFigures(planId: string, figures: FigureRef[], departmentId: string): Promise<ResolvedFigure[]> {
    if (!figures.length) return [];
    const catalogue = await this.repo.ofPlan(planId);
    const byId = new Map(catalogue.map((i) => [i.id, i]));
    const problems: string[] = [];
    const out: ResolvedFigure[] = [];
    for (const [i, f] of figures.entries()) {
      const at = (field: string, message: string) => problems.push(`figures[${i}].${field}: ${message}`);
      let indicator: Indicator | undefined;
      if (f.indicatorId) {
        indicator = canonicalOf(f.indicatorId, byId);
        if (!indicator || indicator.planId !== planId) {
          at('indicatorId', '指标不在本计划的指标目录中');
          continue;
        }
      } else if (f.indicator?.trim()) {
        indicator = findByName(f.indicator, catalogue);
        if (!indicator) {
          // A new name: proposed for the office to confirm or merge; the figure counts under it meanwhile.
          const now = this.clock.now().toISOString();
          const unit = f.unit?.trim() ?? '';
          indicator = {
            id: newId(), planId, name: f.indicator.trim(), unit, kind: initialKind(f.indicator, unit), aliases: [], status: 'proposed',
            mergedInto: null, proposedBy: departmentId, createdAt: now, updatedAt: now,
          };
          catalogue.push(indicator);
          byId.set(indicator.id, indicator);
          await this.repo.insert(indicator);
        }
      } else {
        at('indicator', '必须提供 indicatorId 或 indicator（指标名称）');
        continue;
      }
      const unit = f.unit?.trim();
      if (unit && indicator.unit && normalizeName(unit) !== normalizeName(indicator.unit)) {
        at('unit', `指标「${indicator.name}」的单位是「${indicator.unit}」，收到「${unit}」`);
        continue;
      }
      const problem = valueProblem(indicator, f);
      if (problem) {
        at(problem.field, problem.message);
        continue;
      }
      out.push({
        indicator, reportedName: f.indicator?.trim() || indicator.name, unit: indicator.unit || unit || '',
        value: indicator.kind === 'text' ? 0 : (f.value as number), textValue: indicator.kind === 'text' ? String(f.value).trim() : null,
        numerator: f.numerator ?? null, denominator: f.denominator ?? null,
      });
    }
    if (problems.length) throw new InvalidInput(problems.join('; '));
    return out;
  }

  /** A rate never exceeds 100: refuses to turn figures already filed into a rate they cannot be. */
  private async assertFitsKind(kind: string, indicatorIds: string[], field: string, name: string): Promise<void> {
    if (kind !== 'rate') return;
    const max = await this.repo.maxEffectiveValue(indicatorIds);
    if (max !== null && max > 100) {
      throw new Conflict(`${field}: 「${name}」将是比率指标（0 到 100），但已填报的数值中有 ${max}，请先更正这些填报`);
    }
  }

  private cleanAliases(aliases: string[], name: string): string[] {
    const seen = new Set([normalizeName(name)]);
    const out: string[] = [];
    for (const a of aliases.map((x) => x.trim()).filter(Boolean)) {
      if (seen.has(normalizeName(a))) continue;
      seen.add(normalizeName(a));
      out.push(a);
    }
    return out;
  }

  private assertNamesFree(names: string[], catalogue: Indicator[], self: string | null): void {
    for (const n of names) {
      const clash = catalogue.find((i) => i.id !== self && i.status !== 'merged'
        && (normalizeName(i.name) === normalizeName(n) || i.aliases.some((a) => normalizeName(a) === normalizeName(n))));
      if (clash) throw new Conflict(`name: 「${n}」已是指标「${clash.name}」的名称或别名`);
    }
  }
}
