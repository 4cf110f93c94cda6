// The audit trail: append-only.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { AuditLog } from './audit-log.entity';

@Injectable()
export class AuditRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private em(): EntityManager {
    return this.tx.manager();
  }

  async insert(row: AuditLog): Promise<void> {
    await this.em().insert(AuditLog, row as never);
  }

  listFor(entityType: string, entityId: string): Promise<AuditLog[]> {
    return this.em().find(AuditLog, { where: { entityType, entityId }, order: { createdAt: 'ASC' } });
  }
}
