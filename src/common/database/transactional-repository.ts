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

  /** Whether the database is PostgreSQL (row locks; SQLite runs one writing transaction at a time). */
  protected postgres(): boolean {
    return this.em().connection.options.type === 'postgres';
  }

  /** Raw SQL with :named parameters, bound the way each driver wants them. */
  protected async rows<T>(sql: string, params: Record<string, unknown>): Promise<T[]> {
    const em = this.em();
    const [query, bound] = em.connection.driver.escapeQueryWithParameters(sql, params);
    return em.query(query, bound);
  }
}
