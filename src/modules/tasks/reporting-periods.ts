// A plan's reporting periods with its policy and the working-day calendar applied: which quarter a
// new entry counts for, whether a quarter has closed (its roll-up frozen), and which periods a plan
// admits. The date rules themselves are pure (common/time/reporting-period.ts).
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { InvalidInput } from '../../common/errors/domain-error';
import { formatQuarter, Quarter, quarterStart } from '../../common/time/business-date';
import {
  defaultPeriod, isPlanPeriod, parsePeriod, Period, PeriodPolicy, quarterCloseDay, reportingWindowEnd,
} from '../../common/time/reporting-period';
import { CalendarService } from '../calendar/calendar.service';
import type { Plan } from '../plans/plan.entity';
import { effectivePolicy } from '../reminders/reminder-schedule';

export interface PlanPeriodInfo {
  period: string;
  windowEnd: string;
  closesOn: string;
}

@Injectable()
export class ReportingPeriods {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly calendar: CalendarService) {}

  policy(plan: Pick<Plan, 'reminderPolicy'>): PeriodPolicy {
    const p = effectivePolicy(this.config.reminders, plan.reminderPolicy);
    return { reportingWindowDay: p.reportingWindowDay, closeAfterWorkingDays: p.closeAfterWorkingDays };
  }

  windowEnd(plan: Pick<Plan, 'reminderPolicy'>, q: Quarter): string {
    return reportingWindowEnd(q, this.policy(plan));
  }

  /** The day the quarter closes: window end + N working days, then the next day. */
  closeDay(plan: Pick<Plan, 'reminderPolicy'>, q: Quarter): string {
    return quarterCloseDay(q, this.policy(plan), this.calendar.current());
  }

  info(plan: Pick<Plan, 'reminderPolicy'>, q: Quarter): PlanPeriodInfo {
    return { period: formatQuarter(q), windowEnd: this.windowEnd(plan, q), closesOn: this.closeDay(plan, q) };
  }

  /**
   * The quarter an entry filed today counts for when the department names none: the quarter just
   * ended while its window is open, else the current one — kept within the plan's periods.
   */
  defaultFor(plan: Pick<Plan, 'year' | 'reminderPolicy'>, today: string): Quarter {
    const q = defaultPeriod(today, this.policy(plan));
    const year = Number(plan.year);
    if (q.year < year) return { year, quarter: 1 };
    if (q.year > year + 1) return { year: year + 1, quarter: 4 };
    return q;
  }

  /** The "current period" the dashboard and the ledger show. */
  current(plan: Pick<Plan, 'year' | 'reminderPolicy'>, today: string): Quarter {
    return this.defaultFor(plan, today);
  }

  /** A period named by a user for a plan, or a 400 naming `field`. Quarters only unless `allowYear`. */
  parse(plan: Pick<Plan, 'year'>, text: string, field: string, allowYear: boolean): Period {
    const year = Number(plan.year);
    const p = parsePeriod(text);
    const example = allowYear ? `${year}Q2 或 ${year}` : `${year}Q2`;
    if (!p || (p.kind === 'year' && !allowYear)) throw new InvalidInput(`${field}: 格式应为 ${allowYear ? 'YYYYQn 或 YYYY' : 'YYYYQn'}（如 ${example}），收到「${text}」`);
    if (!isPlanPeriod(year, p)) {
      throw new InvalidInput(p.kind === 'year'
        ? `${field}: 计划年度为 ${year}，年度汇总只有「${year}」`
        : `${field}: ${text} 不在计划的报告期内（${year}Q1 至 ${year + 1}Q4）`);
    }
    return p;
  }

  /** An entry's explicit period: a plan quarter that has begun. */
  parseEntryPeriod(plan: Pick<Plan, 'year'>, text: string, today: string): Quarter {
    const p = this.parse(plan, text, 'period', false) as Quarter & { kind: 'quarter' };
    if (quarterStart(p) > today) throw new InvalidInput(`period: ${text} 尚未开始，不能填报未来的报告期`);
    return { year: p.year, quarter: p.quarter };
  }
}
