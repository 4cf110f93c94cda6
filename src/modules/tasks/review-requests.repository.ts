// 延期申请 and 办结申请 rows.
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { inChunks } from '../../common/database/chunks';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { CompletionRequest, ExtensionRequest } from './review-request.entity';

@Injectable()
export class ReviewRequestsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private em(): EntityManager {
    return this.tx.manager();
  }

  pendingExtension(taskId: string): Promise<ExtensionRequest | null> {
    return this.em().findOneBy(ExtensionRequest, { taskId, status: 'pending' });
  }

  findExtension(id: string): Promise<ExtensionRequest | null> {
    return this.em().findOneBy(ExtensionRequest, { id });
  }

  extensionsOf(taskId: string): Promise<ExtensionRequest[]> {
    return this.em().find(ExtensionRequest, { where: { taskId }, order: { createdAt: 'DESC' } });
  }

  pendingCompletion(taskId: string): Promise<CompletionRequest | null> {
    return this.em().findOneBy(CompletionRequest, { taskId, status: 'pending' });
  }

  completionsOf(taskId: string): Promise<CompletionRequest[]> {
    return this.em().find(CompletionRequest, { where: { taskId }, order: { createdAt: 'DESC' } });
  }

  async saveExtension(e: ExtensionRequest): Promise<void> {
    await this.em().save(ExtensionRequest, e);
  }

  async saveCompletion(c: CompletionRequest): Promise<void> {
    await this.em().save(CompletionRequest, c);
  }

  /** Extension requests of these tasks, oldest first (the ledger shows the history, approved and returned). */
  extensionsOfTasks(taskIds: string[]): Promise<ExtensionRequest[]> {
    return inChunks(taskIds, (chunk) => this.em().find(ExtensionRequest, { where: { taskId: In(chunk) }, order: { createdAt: 'ASC' } }));
  }

  /** The approved completion requests of these tasks: their summaries are what the year-end report quotes. */
  approvedCompletionsOf(taskIds: string[]): Promise<CompletionRequest[]> {
    return inChunks(taskIds, (chunk) => this.em().find(CompletionRequest, { where: { taskId: In(chunk), status: 'approved' }, order: { createdAt: 'ASC' } }));
  }
}
