import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/time/clock';
import { newId } from '../../common/database/ids';
import type { AuditLog } from './audit-log.entity';
import { AuditRepository } from './audit.repository';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Appends to the audit trail inside the caller's transaction (so the record and the change land together). */
@Injectable()
export class AuditService {
  constructor(private readonly repo: AuditRepository, private readonly clock: Clock) {}

  async record(entry: AuditEntry): Promise<void> {
    const row: AuditLog = {
      id: newId(),
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: entry.before ?? null,
      after: entry.after ?? null,
      createdAt: this.clock.now().toISOString(),
    };
    await this.repo.insert(row);
  }

  listFor(entityType: string, entityId: string): Promise<AuditLog[]> {
    return this.repo.listFor(entityType, entityId);
  }
}
