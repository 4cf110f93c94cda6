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

  async insert(indicator: Indicator): Promise<void> {
    await this.em().insert(Indicator, indicator);
  }

  async save(indicator: Indicator): Promise<void> {
    await this.em().save(Indicator, indicator);
  }
}
