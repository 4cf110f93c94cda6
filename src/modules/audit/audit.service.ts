import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/time/clock';
import { newId } from '../../common/database/ids';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { AuditLog } from './audit-log.entity';

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
  constructor(private readonly tx: TransactionRunner, private readonly clock: Clock) {}

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
    await this.tx.manager().insert(AuditLog, row as never);
  }

  listFor(entityType: string, entityId: string): Promise<AuditLog[]> {
    return this.tx.manager().find(AuditLog, { where: { entityType, entityId }, order: { createdAt: 'ASC' } });
  }
}
