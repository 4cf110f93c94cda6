// Prometheus instruments (prom-client), one registry per application instance. Modules record into
// them (HTTP latency in the app factory, webhook failures in delivery, roll-up compute time in the
// roll-ups); gauges that read state (reminders by status, queue depths) are filled at scrape time
// by MetricsService.
import { Injectable, Module } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route (the route pattern, not the path), method and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly webhookFailures = new Counter({
    name: 'webhook_delivery_failures_total',
    help: 'Robot (DingTalk/WeCom) digest sends that failed, by robot kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly webhookMessages = new Counter({
    name: 'webhook_messages_sent_total',
    help: 'Robot messages accepted, by robot kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly rollupCompute = new Histogram({
    name: 'rollup_compute_seconds',
    help: 'Time to compute a live quarterly roll-up (gather facts and fold)',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
    registers: [this.registry],
  });

  readonly rollupCloseRetries = new Counter({
    name: 'rollup_close_refolds_total',
    help: 'Quarter closes folded again because a write landed between the fold and the insert',
    registers: [this.registry],
  });

  readonly ledgerLoads = new Histogram({
    name: 'ledger_model_load_seconds',
    help: 'Time to bring a plan\'s in-memory ledger up to date, by kind (whole plan or changed tasks)',
    labelNames: ['kind'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10],
    registers: [this.registry],
  });

  readonly reminders = new Gauge({
    name: 'reminders',
    help: 'Reminder rows by status and webhook status',
    labelNames: ['status', 'webhook_status'] as const,
    registers: [this.registry],
  });

  readonly queueJobs = new Gauge({
    name: 'queue_jobs',
    help: 'BullMQ jobs by queue and state (absent while Redis is down)',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  readonly redisUp = new Gauge({ name: 'redis_up', help: '1 when Redis answers', registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}

@Module({ providers: [Metrics], exports: [Metrics] })
export class MetricsCoreModule {}
