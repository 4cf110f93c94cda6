// GET /metrics: who may scrape, and the gauges read at scrape time. Access: a bearer token equal to
// METRICS_TOKEN (for Prometheus, compared in constant time), or an admin's login token.
import { Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { Forbidden, Unauthorized } from '../../common/errors/domain-error';
import { Metrics } from '../../common/metrics/metrics';
import { QueueConnection } from '../../queue/queue-connection';
import { QUEUES } from '../../queue/queues';
import { AuthService } from '../auth/auth.service';
import { RemindersRepository } from '../reminders/reminders.repository';

const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed', 'completed'] as const;

@Injectable()
export class MetricsService {
  constructor(
    private readonly metrics: Metrics,
    private readonly reminders: RemindersRepository,
    private readonly queues: QueueConnection,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async authorize(authorization: string | undefined): Promise<void> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new Unauthorized('authorization: 缺少凭证（METRICS_TOKEN 或管理员登录凭证）');
    const expected = this.config.ops.metricsToken;
    if (expected && token.length === expected.length && timingSafeEqual(Buffer.from(token), Buffer.from(expected))) return;
    const actor = await this.auth.authenticate(token);
    if (actor.role !== 'admin') throw new Forbidden('role: 仅管理员可查看运行指标');
  }

  contentType(): string {
    return this.metrics.registry.contentType;
  }

  async scrape(): Promise<string> {
    await Promise.all([this.collectReminders(), this.collectQueues()]);
    return this.metrics.registry.metrics();
  }

  private async collectReminders(): Promise<void> {
    const rows = await this.reminders.countByStatus();
    this.metrics.reminders.reset();
    for (const r of rows) this.metrics.reminders.set({ status: r.status, webhook_status: r.webhookStatus }, r.n);
  }

  private async collectQueues(): Promise<void> {
    this.metrics.queueJobs.reset();
    const up = this.queues.available && (await this.queues.ready());
    this.metrics.redisUp.set(up ? 1 : 0);
    if (!up) return;
    await Promise.all(Object.values(QUEUES).map(async (name) => {
      const counts = await this.queues.queue(name)?.getJobCounts(...QUEUE_STATES);
      for (const state of QUEUE_STATES) this.metrics.queueJobs.set({ queue: name, state }, counts?.[state] ?? 0);
    }));
  }
}
