// The audit trail: append-only.
import { Injectable } from '@nestjs/common';
import { TransactionalRepository } from '../../common/database/transactional-repository';
import { AuditLog } from './audit-log.entity';

@Injectable()
export class AuditRepository extends TransactionalRepository {
  async insert(row: AuditLog): Promise<void> {
    await this.em().insert(AuditLog, row as never);
  }

  listFor(entityType: string, entityId: string): Promise<AuditLog[]> {
    return this.em().find(AuditLog, { where: { entityType, entityId }, order: { createdAt: 'ASC' } });
  }
}
