import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from './transaction-runner';

/**
 * Base of every repository: its queries run on the transaction in progress (TransactionRunner.run),
 * or outside any transaction when none is. Subclasses add the queries of one aggregate.
 */
@Injectable()
export abstract class TransactionalRepository {
  constructor(private readonly tx: TransactionRunner) {}

  protected em(): EntityManager {
    return this.tx.manager();
  }
}
