// A local HTTP endpoint standing in for a DingTalk/WeCom robot: records every message it gets.
import { createServer, Server } from 'node:http';

export interface ReceivedMessage {
  url: string;
  body: { msgtype: string; markdown: { title?: string; text?: string; content?: string } };
}

export class WebhookReceiver {
  readonly messages: ReceivedMessage[] = [];
  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(): Promise<WebhookReceiver> {
    let receiver!: WebhookReceiver;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        receiver.messages.push({ url: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}/robot/send?access_token=test`);
    return receiver;
  }

  /** Reminder lines across all digests received (one "- **…**：…" line per reminder). */
  reminderLines(): string[] {
    return this.messages.flatMap((m) => (m.body.markdown.text ?? m.body.markdown.content ?? '').split('\n').filter((l) => l.startsWith('- **')));
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}
