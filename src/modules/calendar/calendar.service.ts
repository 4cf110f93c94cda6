// The working-day calendar in force: the package's official data (chinese-days, up to 2026),
// overridden by years the legal office enters itself (the State Council publishes next year's
// schedule each November, before any package has it). Listeners (the reminder planner) replan a
// year inside the same transaction that changes it.
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { CALENDAR_SCOPE, ChangeFeed } from '../../common/cache/change-feed';
import type { Actor } from '../../common/auth/actor';
import { InvalidInput } from '../../common/errors/domain-error';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { Clock } from '../../common/time/clock';
import { AuditService } from '../audit/audit.service';
import { CalendarYearsRepository } from './calendar-years.repository';
import { EnteredYearCalendar, validateEnteredCalendar, WorkingDayCalendar, YearCalendar } from './working-days';

export type CalendarChangeListener = (year: number) => Promise<void>;

export interface CalendarStatus {
  source: 'official' | 'entered' | 'fallback';
  /** Set when the year has no official calendar and working days are only the Mon–Fri guess. */
  warning: string | null;
}

@Injectable()
export class CalendarService implements OnModuleInit {
  private readonly logger = new Logger(CalendarService.name);
  private calendar = new WorkingDayCalendar();
  private readonly listeners: CalendarChangeListener[] = [];
  private readonly uncommitted = new AsyncLocalStorage<WorkingDayCalendar>();

  constructor(
    private readonly years: CalendarYearsRepository,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly changes: ChangeFeed,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
    // Entered through another process (an API instance, the worker's view of the API's change): reload at once.
    this.changes.onRemoteChange(async (scopes) => {
      if (scopes === 'all' || scopes.includes(CALENDAR_SCOPE)) {
        await this.reload();
        this.logger.log({ msg: 'calendar reloaded', reason: 'changed in another process', entered: this.calendar.enteredYears() });
      }
    });
  }

  /**
   * The calendar to compute with; replaced (never mutated) when a year is entered. Inside the
   * transaction that enters a year, the new calendar (for the replanning); elsewhere the committed one.
   */
  current(): WorkingDayCalendar {
    return this.uncommitted.getStore() ?? this.calendar;
  }

  onYearChanged(listener: CalendarChangeListener): void {
    this.listeners.push(listener);
  }

  get(year: number): YearCalendar {
    return this.calendar.yearCalendar(year);
  }

  /** For plans and the dashboard: which calendar a year uses, with a warning for the fallback. */
  statusOf(year: number): CalendarStatus {
    const source = this.calendar.yearCalendar(year).source;
    return {
      source,
      warning: source === 'fallback'
        ? `calendar: ${year} 年的法定节假日和调休安排尚未录入，工作日暂按周一至周五计算，请在 PUT /api/calendar/${year} 录入国务院办公厅公布的安排`
        : null,
    };
  }

  /** Enters a year's schedule (admin) and replans that year's reminders in the same transaction. */
  async enter(year: number, input: EnteredYearCalendar, actor: Actor): Promise<YearCalendar> {
    const problems = validateEnteredCalendar(year, input);
    if (problems.length) throw new InvalidInput(problems.join('; '));
    await this.tx.run(async () => {
      const before = this.calendar.yearCalendar(year);
      await this.years.save({
        year, holidays: [...new Set(input.holidays)].sort(), workdays: [...new Set(input.workdays)].sort(),
        enteredBy: actor.id, updatedAt: this.clock.now().toISOString(),
      });
      const next = await this.load();
      await this.uncommitted.run(next, async () => {
        await this.audit.record({ actorId: actor.id, action: 'calendar.enter', entityType: 'calendar', entityId: String(year), before, after: input });
        for (const listener of this.listeners) await listener(year);
      });
      // Swapped in only once committed: a failed replan leaves the calendar in force unchanged.
      this.tx.afterCommit(() => {
        this.calendar = next;
      });
    });
    return this.get(year);
  }

  private async load(): Promise<WorkingDayCalendar> {
    const rows = await this.years.all();
    return new WorkingDayCalendar(new Map(rows.map((r) => [r.year, { holidays: r.holidays, workdays: r.workdays }])));
  }

  private async reload(): Promise<void> {
    this.calendar = await this.load();
  }
}
