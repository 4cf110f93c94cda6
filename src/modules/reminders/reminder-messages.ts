// The Chinese text of reminders: in-app notifications and the markdown digest sent to a
// department's group robot (one message for everything due together, PRODUCT.md: DingTalk allows
// 20 messages a minute per robot).
import { chineseNumeral } from '../../common/text/chinese-numerals';
import type { Task } from '../tasks/task.entity';
import type { Reminder } from './reminder.entity';

export interface ReminderText {
  title: string;
  body: string;
}

export function reminderText(r: Reminder, task: Task | null, openTasks: Task[] = []): ReminderText {
  switch (r.kind) {
    case 'before_due':
      return {
        title: '任务即将到期',
        body: `「${task!.title}」将于 ${r.dueDate} 到期（还有 ${r.seq} 个工作日），当前进度 ${task!.percent}%，请抓紧推进并及时填报进展。`,
      };
    case 'due':
      return { title: '任务今日到期', body: `「${task!.title}」今日（${r.dueDate}）到期，当前进度 ${task!.percent}%。如已完成请提交办结申请，如需延期请提交延期申请。` };
    case 'overdue':
      return { title: '任务已逾期', body: `「${task!.title}」已于 ${r.dueDate} 到期仍未办结（第 ${r.seq} 次逾期提醒），请立即推进并说明情况。` };
    case 'quarterly':
      return {
        title: `第${chineseNumeral(r.seq)}季度进展填报提醒`,
        body: `请于 ${r.dueDate} 前填报第${chineseNumeral(r.seq)}季度工作进展。贵单位尚有 ${openTasks.length} 项任务未办结：${openTasks.slice(0, 5).map((t) => `「${t.title}」`).join('、')}${openTasks.length > 5 ? ' 等' : ''}。`,
      };
  }
}

/** One markdown digest for all of a department's reminders that fell due together. */
export function digestMarkdown(departmentName: string, items: ReminderText[]): { title: string; text: string } {
  const title = `【督办台账】${departmentName} 有 ${items.length} 条提醒`;
  const lines = items.map((i) => `- **${i.title}**：${i.body}`);
  return { title, text: [`### ${title}`, '', ...lines, '', '> 请登录督办台账查看详情并填报。'].join('\n') };
}
