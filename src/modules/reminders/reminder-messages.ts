// The Chinese text of reminders: in-app notifications and the markdown digest sent to a
// department's group robot (one message for everything due together, PRODUCT.md: DingTalk allows
// 20 messages a minute per robot). Text is worded when it is sent, from the clock at that moment:
// a reminder delivered late (after downtime) never says "今日到期" about a past day or asks for
// something "请于 …前" after that day; it is marked 【补发】.
import { chineseNumeral } from '../../common/text/chinese-numerals';
import { addDays } from '../../common/time/business-date';
import type { WorkingDayCalendar } from '../calendar/working-days';
import type { Task } from '../tasks/task.entity';
import type { Reminder } from './reminder.entity';

export interface ReminderText {
  title: string;
  body: string;
}

export interface WordingContext {
  /** The business date (Asia/Shanghai) at the moment of sending. */
  today: string;
  /** Sent well after its time (downtime): marked 补发. */
  late: boolean;
  cal: WorkingDayCalendar;
  /** Quarterly reminders: the department's open tasks. */
  openTasks?: Task[];
}

/** A reminder sent more than this after its time is 补发 (late). */
export const LATE_AFTER_MS = 30 * 60_000;

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysUntil(from: string, to: string, cal: WorkingDayCalendar): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to && n < 400; d = addDays(d, 1)) if (cal.isWorkingDay(d)) n++;
  return n;
}

function daysLate(due: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000);
}

/** "已于 X 到期（已逾期 N 天）" — true on any day after X. */
function pastDue(due: string, today: string): string {
  return `已于 ${due} 到期（已逾期 ${daysLate(due, today)} 天）`;
}

function body(r: Reminder, task: Task | null, ctx: WordingContext): ReminderText {
  const { today } = ctx;
  const due = r.dueDate ?? '';
  switch (r.kind) {
    case 'before_due': {
      if (today < due) {
        return {
          title: '任务即将到期',
          body: `「${task!.title}」将于 ${due} 到期（还有 ${workingDaysUntil(today, due, ctx.cal)} 个工作日），当前进度 ${task!.percent}%，请抓紧推进并及时填报进展。`,
        };
      }
      if (today === due) return { title: '任务今日到期', body: `「${task!.title}」今日（${due}）到期，当前进度 ${task!.percent}%。如已完成请提交办结申请，如需延期请提交延期申请。` };
      return { title: '任务已逾期', body: `「${task!.title}」${pastDue(due, today)}，当前进度 ${task!.percent}%，请立即推进并说明情况。` };
    }
    case 'due':
      if (today <= due) return { title: '任务今日到期', body: `「${task!.title}」今日（${due}）到期，当前进度 ${task!.percent}%。如已完成请提交办结申请，如需延期请提交延期申请。` };
      return { title: '任务已逾期', body: `「${task!.title}」${pastDue(due, today)}，当前进度 ${task!.percent}%。如已完成请提交办结申请，如需延期请提交延期申请。` };
    case 'overdue':
      return { title: '任务已逾期', body: `「${task!.title}」${pastDue(due, today)}仍未办结（第 ${r.seq} 次逾期提醒），请立即推进并说明情况。` };
    case 'acknowledge':
      return { title: '任务待签收', body: `「${task!.title}」已分配给贵单位，尚未签收，请登录督办台账签收并安排推进。` };
    case 'event':
      return { title: r.title ?? '督办台账通知', body: r.body ?? '' };
    case 'quarterly': {
      const q = chineseNumeral(r.seq);
      const open = ctx.openTasks ?? [];
      const list = `${open.slice(0, 5).map((t) => `「${t.title}」`).join('、')}${open.length > 5 ? ' 等' : ''}`;
      const ask = today < due ? `请于 ${due} 前填报第${q}季度工作进展。`
        : today === due ? `第${q}季度工作进展今日（${due}）截止填报，请尽快填报。`
        : `第${q}季度工作进展填报已于 ${due} 截止，贵单位尚未填报，请尽快补报。`;
      return { title: `第${q}季度进展填报提醒`, body: `${ask}贵单位尚有 ${open.length} 项任务未办结：${list}。` };
    }
  }
}

export function reminderText(r: Reminder, task: Task | null, ctx: WordingContext): ReminderText {
  const text = body(r, task, ctx);
  return ctx.late && r.kind !== 'event' ? { title: `【补发】${text.title}`, body: `【补发】${text.body}` } : text;
}

/** One markdown digest for all of a department's reminders that fell due together. */
export function digestMarkdown(departmentName: string, items: ReminderText[]): { title: string; text: string } {
  const title = `【督办台账】${departmentName} 有 ${items.length} 条提醒`;
  const lines = items.map((i) => `- **${i.title}**：${i.body}`);
  return { title, text: [`### ${title}`, '', ...lines, '', '> 请登录督办台账查看详情并填报。'].join('\n') };
}
