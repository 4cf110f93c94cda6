import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { InvalidInput, NotFound } from '../../common/errors/domain-error';
import { outboundUrlProblem } from '../../common/net/outbound-url';
import { newId } from '../../common/database/ids';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { Clock } from '../../common/time/clock';
import { AuditService } from '../audit/audit.service';
import { DepartmentName, DepartmentNameKind } from './department-name.entity';
import { lookupKeys, normaliseDepartmentName } from './department-name';
import { Department } from './department.entity';
import { DepartmentNameTaken, DuplicateNameInRequest } from './departments.errors';
import { DepartmentsRepository } from './departments.repository';
import { CreateDepartmentDto } from './dto/create-department.dto';
import { UpdateDepartmentDto } from './dto/update-department.dto';

export interface DepartmentView {
  id: string;
  name: string;
  shortName: string | null;
  aliases: string[];
  kind: string;
  /** Whether reminder digests also go to a group robot (the URL and secret are never shown). */
  webhook: { kind: 'dingtalk' | 'wecom' } | null;
}

export interface ResolvedName {
  name: string;
  departmentId: string | null;
  departmentName: string | null;
}

export function toDepartmentView(d: Department): DepartmentView {
  return {
    id: d.id,
    name: d.name,
    shortName: d.shortName,
    aliases: (d.names ?? []).filter((n) => n.kind === 'alias').map((n) => n.text).sort(),
    kind: d.kind,
    webhook: d.webhookUrl ? { kind: d.webhookKind ?? 'dingtalk' } : null,
  };
}

@Injectable()
export class DepartmentsService {
  constructor(
    private readonly repo: DepartmentsRepository,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<DepartmentView[]> {
    return (await this.repo.listWithNames()).map(toDepartmentView);
  }

  async get(id: string): Promise<DepartmentView> {
    const d = await this.repo.findById(id);
    if (!d) throw new NotFound('department', id);
    return toDepartmentView(d);
  }

  async create(input: CreateDepartmentDto, actorId: string): Promise<DepartmentView> {
    await this.assertWebhookUrl(input.webhookUrl);
    const now = this.clock.now().toISOString();
    const department: Department = {
      id: newId(),
      name: input.name.trim(),
      shortName: input.shortName?.trim() ?? null,
      kind: input.kind ?? 'other',
      webhookUrl: input.webhookUrl || null,
      webhookKind: input.webhookUrl ? (input.webhookKind ?? 'dingtalk') : null,
      webhookSecret: input.webhookSecret || null,
      createdAt: now,
      updatedAt: now,
    };
    const names = this.namesOf(department, input.aliases ?? []);
    await this.tx.run(async () => {
      await this.assertNamesFree(names, null);
      await this.repo.insert(department, names);
      await this.audit.record({ actorId, action: 'department.create', entityType: 'department', entityId: department.id, after: { ...input, webhookSecret: undefined } });
    });
    return this.get(department.id);
  }

  async update(id: string, input: UpdateDepartmentDto, actorId: string): Promise<DepartmentView> {
    await this.assertWebhookUrl(input.webhookUrl);
    await this.tx.run(async () => {
      const existing = await this.repo.findById(id);
      if (!existing) throw new NotFound('department', id);
      const before = toDepartmentView(existing);
      const next: Department = {
        ...existing,
        name: input.name?.trim() ?? existing.name,
        shortName: input.shortName !== undefined ? input.shortName.trim() : existing.shortName,
        kind: input.kind ?? existing.kind,
        webhookUrl: input.webhookUrl !== undefined ? input.webhookUrl || null : existing.webhookUrl,
        webhookKind: input.webhookKind ?? existing.webhookKind ?? (input.webhookUrl ? 'dingtalk' : null),
        webhookSecret: input.webhookSecret !== undefined ? input.webhookSecret || null : existing.webhookSecret,
        updatedAt: this.clock.now().toISOString(),
      };
      const names = this.namesOf(next, input.aliases ?? before.aliases);
      await this.assertNamesFree(names, id);
      await this.repo.update(next, names);
      await this.audit.record({ actorId, action: 'department.update', entityType: 'department', entityId: id, before, after: { ...input, webhookSecret: undefined } });
    });
    return this.get(id);
  }

  /**
   * Resolves names as written in documents or sheets to directory departments, by name, short name
   * or alias (then without a 区/市/县 prefix). Unknown names come back with departmentId null.
   */
  async resolveNames(names: string[]): Promise<Map<string, ResolvedName>> {
    const unique = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
    const keysByName = new Map(unique.map((n) => [n, lookupKeys(n)]));
    const rows = await this.repo.findNamesByKeys([...new Set([...keysByName.values()].flat())]);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const departments = new Map((await this.repo.findByIds([...new Set(rows.map((r) => r.departmentId))])).map((d) => [d.id, d]));
    const out = new Map<string, ResolvedName>();
    for (const [name, keys] of keysByName) {
      const hit = keys.map((k) => byKey.get(k)).find(Boolean);
      const dept = hit ? departments.get(hit.departmentId) : undefined;
      out.set(name, { name, departmentId: dept?.id ?? null, departmentName: dept?.name ?? null });
    }
    return out;
  }

  /** Robot URLs: https, an allowed host, a public address after DNS resolution (checked again at send). */
  private async assertWebhookUrl(url: string | undefined): Promise<void> {
    if (!url) return;
    const problem = await outboundUrlProblem(url, this.config.webhooks);
    if (problem) throw new InvalidInput(`webhookUrl: ${problem}`);
  }

  private namesOf(d: Department, aliases: string[]): DepartmentName[] {
    const entries: [string, DepartmentNameKind, string][] = [['name', 'name', d.name]];
    if (d.shortName) entries.push(['shortName', 'short', d.shortName]);
    aliases.forEach((a, i) => entries.push([`aliases[${i}]`, 'alias', a.trim()]));
    const seen = new Map<string, DepartmentName>();
    for (const [field, kind, text] of entries) {
      const key = normaliseDepartmentName(text);
      if (seen.has(key)) {
        // The short name or an alias repeating the name is harmless; a repeated alias is a mistake.
        if (kind === 'alias' && seen.get(key)!.kind === 'alias') throw new DuplicateNameInRequest(field, text);
        continue;
      }
      seen.set(key, { key, departmentId: d.id, text, kind });
    }
    return [...seen.values()];
  }

  private async assertNamesFree(names: DepartmentName[], selfId: string | null): Promise<void> {
    const taken = (await this.repo.findNamesByKeys(names.map((n) => n.key))).filter((r) => r.departmentId !== selfId);
    if (!taken.length) return;
    const owner = await this.repo.findById(taken[0].departmentId);
    const clash = names.find((n) => n.key === taken[0].key)!;
    const field = clash.kind === 'name' ? 'name' : clash.kind === 'short' ? 'shortName' : 'aliases';
    throw new DepartmentNameTaken(field, clash.text, owner?.name ?? taken[0].departmentId);
  }
}
