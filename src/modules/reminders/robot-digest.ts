// The markdown a department's group robot receives: one digest for everything that fell due
// together, split into parts under each robot's size limit (WeCom: markdown content at most 4,096
// bytes UTF-8; DingTalk: kept under 18,000 bytes), each part naming its place ("（2/3）"). WeCom's
// markdown has no lists, so each reminder is a bold title and its text on a line of its own; DingTalk
// renders "- " lists.
import type { WebhookKind } from './webhook-sender';
import type { ReminderText } from './reminder-messages';

export const ROBOT_MAX_BYTES: Record<WebhookKind, number> = { wecom: 4096, dingtalk: 18_000 };

const FOOTER = '> 请登录督办台账查看详情并填报。';

export interface DigestPart {
  title: string;
  text: string;
  /** Indexes (into the items given) of the reminders this part carries. */
  items: number[];
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Cuts `s` to at most `max` bytes of UTF-8 without splitting a character, marking the cut with "…". */
function truncateBytes(s: string, max: number): string {
  if (bytes(s) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (bytes(out + ch + '…') > max) break;
    out += ch;
  }
  return `${out}…`;
}

function itemLine(kind: WebhookKind, item: ReminderText): string {
  return kind === 'wecom' ? `**${item.title}**：${item.body}` : `- **${item.title}**：${item.body}`;
}

export function digestParts(kind: WebhookKind, departmentName: string, items: ReminderText[]): DigestPart[] {
  const max = ROBOT_MAX_BYTES[kind];
  const baseTitle = `【督办台账】${departmentName} 有 ${items.length} 条提醒`;
  // Room for the heading (with a part label as long as any), the blank lines and the footer.
  const overhead = bytes(`### ${baseTitle}（999/999）\n\n`) + bytes(`\n\n${FOOTER}`);
  const room = max - overhead;
  const separator = kind === 'wecom' ? '\n\n' : '\n';
  const groups: { lines: string[]; items: number[]; size: number }[] = [];
  items.forEach((item, i) => {
    const line = truncateBytes(itemLine(kind, item), room);
    const last = groups[groups.length - 1];
    const added = bytes(line) + (last?.lines.length ? bytes(separator) : 0);
    if (last && last.size + added <= room) {
      last.lines.push(line);
      last.items.push(i);
      last.size += added;
    } else {
      groups.push({ lines: [line], items: [i], size: bytes(line) });
    }
  });
  return groups.map((g, i) => {
    const title = groups.length > 1 ? `${baseTitle}（${i + 1}/${groups.length}）` : baseTitle;
    return { title, text: [`### ${title}`, '', g.lines.join(separator), '', FOOTER].join('\n'), items: g.items };
  });
}
