// Years of the working-day calendar entered by the legal office.
import { Injectable } from '@nestjs/common';
import { TransactionalRepository } from '../../common/database/transactional-repository';
import { CalendarYearEntry } from './calendar-year.entity';

@Injectable()
export class CalendarYearsRepository extends TransactionalRepository {
  all(): Promise<CalendarYearEntry[]> {
    return this.em().find(CalendarYearEntry);
  }

  /** Inserts or replaces the year's entry. */
  async save(entry: CalendarYearEntry): Promise<void> {
    await this.em().save(CalendarYearEntry, entry);
  }
}
