// Plan-wide reads of the review requests (延期申请 / 办结申请) for the ledger and the year-end report.
// (Per-task reads and writes stay in TasksRepository.)
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { inChunks } from '../../common/database/chunks';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { CompletionRequest, ExtensionRequest } from './review-request.entity';

@Injectable()
export class ReviewRequestsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** Extension requests of these tasks, oldest first (the ledger shows the history, approved and returned). */
  extensionsOf(taskIds: string[]): Promise<ExtensionRequest[]> {
    return inChunks(taskIds, (chunk) => this.tx.manager().find(ExtensionRequest, { where: { taskId: In(chunk) }, order: { createdAt: 'ASC' } }));
  }

  /** The approved completion requests of these tasks: their summaries are what the report quotes. */
  approvedCompletions(taskIds: string[]): Promise<CompletionRequest[]> {
    return inChunks(taskIds, (chunk) => this.tx.manager().find(CompletionRequest, { where: { taskId: In(chunk), status: 'approved' }, order: { createdAt: 'ASC' } }));
  }
}
