// Years of the working-day calendar entered by the legal office.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { CalendarYearEntry } from './calendar-year.entity';

@Injectable()
export class CalendarYearsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private em(): EntityManager {
    return this.tx.manager();
  }

  all(): Promise<CalendarYearEntry[]> {
    return this.em().find(CalendarYearEntry);
  }

  /** Inserts or replaces the year's entry. */
  async save(entry: CalendarYearEntry): Promise<void> {
    await this.em().save(CalendarYearEntry, entry);
  }
}
