import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { Plan } from '../plans/plan.entity';
import { Indicator } from './indicator.entity';

@Injectable()
export class IndicatorsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private em(): EntityManager {
    return this.tx.manager();
  }

  /** A plan's whole catalogue (small: tens of entries), proposed and merged ones included. */
  ofPlan(planId: string): Promise<Indicator[]> {
    return this.em().find(Indicator, { where: { planId }, order: { createdAt: 'ASC', name: 'ASC' } });
  }

  findById(id: string): Promise<Indicator | null> {
    return this.em().findOneBy(Indicator, { id });
  }

  planExists(planId: string): Promise<boolean> {
    return this.em().existsBy(Plan, { id: planId });
  }

  /**
   * The largest effective value filed under these indicators (null when none): a count cannot become
   * a rate, nor be merged into one, while it holds values over 100. Reads the figures table (owned by
   * the progress ledger) because the catalogue's consistency depends on it.
   */
  async maxEffectiveValue(indicatorIds: string[]): Promise<number | null> {
    if (!indicatorIds.length) return null;
    const em = this.em();
    const [query, params] = em.connection.driver.escapeQueryWithParameters(
      'SELECT MAX(value) AS max FROM progress_figures WHERE indicator_id IN (:...ids) AND effective = :yes', { ids: indicatorIds, yes: true });
    const rows: { max: number | string | null }[] = await em.query(query, params);
    return rows[0]?.max === null || rows[0]?.max === undefined ? null : Number(rows[0].max);
  }

  async insert(indicator: Indicator): Promise<void> {
    await this.em().insert(Indicator, indicator);
  }

  async save(indicator: Indicator): Promise<void> {
    await this.em().save(Indicator, indicator);
  }
}
