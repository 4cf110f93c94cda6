// A local HTTP endpoint standing in for a DingTalk/WeCom robot: records every message it accepts
// and, like the real robots, refuses a 21st message within a minute (errcode 130101, then a lockout)
// and, for a signing secret, a DingTalk signature that does not match or a timestamp more than an
// hour off the real time (errcode 310000).
import { createHmac } from 'node:crypto';
import { createServer, Server } from 'node:http';

export interface ReceivedMessage {
  url: string;
  at: number;
  body: { msgtype: string; markdown: { title?: string; text?: string; content?: string } };
}

export interface RobotOptions {
  /** Messages accepted in any 60 s; beyond it errcode 130101 and a lockout. Default: no limit. */
  perMinute?: number;
  lockoutMs?: number;
  /** DingTalk signing secret to check (加签). */
  secret?: string;
}

export class WebhookReceiver {
  readonly messages: ReceivedMessage[] = [];
  /** Requests refused (rate limit or signature), with the reason. */
  readonly refused: { at: number; errcode: number }[] = [];
  private lockedUntil = 0;
  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(options: RobotOptions = {}): Promise<WebhookReceiver> {
    let receiver!: WebhookReceiver;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const now = Date.now();
        const answer = (errcode: number, errmsg: string) => {
          if (errcode) receiver.refused.push({ at: now, errcode });
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ errcode, errmsg }));
        };
        if (options.secret) {
          const q = new URL(req.url ?? '', 'http://x').searchParams;
          const ts = Number(q.get('timestamp'));
          const expected = createHmac('sha256', options.secret).update(`${q.get('timestamp')}\n${options.secret}`).digest('base64');
          if (!ts || Math.abs(now - ts) > 3600_000 || q.get('sign') !== expected) return answer(310000, 'sign not match or timestamp expired');
        }
        if (options.perMinute !== undefined) {
          const recent = receiver.messages.filter((m) => m.at > now - 60_000).length;
          if (now < receiver.lockedUntil || recent >= options.perMinute) {
            receiver.lockedUntil = Math.max(receiver.lockedUntil, now + (options.lockoutMs ?? 60_000));
            return answer(130101, 'send too fast, exceed 20 times per minute');
          }
        }
        receiver.messages.push({ url: req.url ?? '', at: now, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        answer(0, 'ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}/robot/send?access_token=test`);
    return receiver;
  }

  /** Reminder lines across all digests received: "- **…**：…" (DingTalk) or "**…**：…" (WeCom), one per reminder. */
  reminderLines(): string[] {
    return this.messages.flatMap((m) => (m.body.markdown.text ?? m.body.markdown.content ?? '').split('\n').filter((l) => /^(- )?\*\*[^*]+\*\*：/.test(l)));
  }

  /** The most messages accepted within any 60 s. */
  maxPerMinute(): number {
    const at = this.messages.map((m) => m.at).sort((a, b) => a - b);
    let best = 0;
    for (let i = 0, j = 0; j < at.length; j++) {
      while (at[j] - at[i] >= 60_000) i++;
      best = Math.max(best, j - i + 1);
    }
    return best;
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}
