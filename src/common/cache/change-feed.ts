// Cross-process freshness. Every committed write is summarised as the scopes it touched — a plan
// (`plan:<id>`), a user (`user:<id>`), the calendar — and published on Redis; every other process
// (API instances, workers) drops the read-cache entries of those scopes and reloads the calendar
// when it changed. Writes that no read cache depends on (reminders, notifications, the audit trail)
// publish nothing. A process whose subscription dropped (Redis restart, network) may have missed
// changes: when it reconnects it drops its whole cache and reloads the calendar at once.
// Within one process the read cache is already invalidated by every commit (TransactionRunner).
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { DataSource, EntitySubscriberInterface, InsertEvent, QueryRunner, RemoveEvent, TransactionCommitEvent, TransactionRollbackEvent, UpdateEvent } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { RedisConnection } from '../../queue/redis-connection';
import { ReadCache } from './read-cache';

/** Tables no read cache depends on: their writes are not published. */
const UNCACHED_TABLES = new Set(['reminders', 'notifications', 'audit_logs', 'migrations']);
const ALL_PLANS = 'plan:*';
const ALL_USERS = 'user:*';
export const CALENDAR_SCOPE = 'calendar';

export interface ChangeMessage {
  origin: string;
  scopes: string[];
}

export type ChangeListener = (scopes: string[] | 'all') => void | Promise<void>;

function scopesOf(table: string, entity: Record<string, unknown> | undefined): string[] {
  if (UNCACHED_TABLES.has(table)) return [];
  if (table === 'users') return [typeof entity?.id === 'string' ? `user:${entity.id}` : ALL_USERS];
  if (table === 'calendar_years') return [CALENDAR_SCOPE, ALL_PLANS];
  if (table === 'plans' && typeof entity?.id === 'string') return [`plan:${entity.id}`];
  return [typeof entity?.planId === 'string' ? `plan:${entity.planId}` : ALL_PLANS];
}

@Injectable()
export class ChangeFeed implements EntitySubscriberInterface, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ChangeFeed.name);
  private readonly origin = randomUUID();
  private readonly pending = new WeakMap<QueryRunner, Set<string>>();
  private readonly listeners: ChangeListener[] = [];
  private subscriber: Redis | null = null;
  private everReady = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: RedisConnection,
    private readonly cache: ReadCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get channel(): string {
    return `${this.config.queue.prefix}:changes`;
  }

  /** Called with the scopes another process changed ('all' after a reconnection). */
  onRemoteChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
    this.onRemoteChange((scopes) => this.cache.invalidate(scopes));
    const url = this.redis.url;
    if (!url) return;
    this.subscriber = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: null, retryStrategy: (n) => Math.min(n * 200, 2000) });
    this.subscriber.on('error', (err) => this.logger.debug({ msg: 'change feed connection error', err: err.message }));
    this.subscriber.on('ready', () => {
      void this.subscriber!.subscribe(this.channel).catch(() => undefined);
      // Messages published while we were away are lost: catch up by dropping everything.
      if (this.everReady) void this.notify('all');
      this.everReady = true;
    });
    this.subscriber.on('message', (_channel: string, raw: string) => {
      try {
        const msg = JSON.parse(raw) as ChangeMessage;
        if (msg.origin !== this.origin && Array.isArray(msg.scopes)) void this.notify(msg.scopes);
      } catch {
        // not ours
      }
    });
  }

  private async notify(scopes: string[] | 'all'): Promise<void> {
    for (const l of this.listeners) {
      try {
        await l(scopes);
      } catch (err) {
        this.logger.warn({ msg: 'change listener failed', err: (err as Error).message });
      }
    }
  }

  private collect(queryRunner: QueryRunner | undefined, table: string, entity: Record<string, unknown> | undefined): void {
    const scopes = scopesOf(table, entity);
    if (!scopes.length) return;
    if (queryRunner?.isTransactionActive) {
      let set = this.pending.get(queryRunner);
      if (!set) this.pending.set(queryRunner, (set = new Set()));
      for (const s of scopes) set.add(s);
    } else {
      this.publish(scopes);
    }
  }

  afterInsert(event: InsertEvent<unknown>): void {
    this.collect(event.queryRunner, event.metadata.tableName, event.entity as Record<string, unknown> | undefined);
  }

  afterUpdate(event: UpdateEvent<unknown>): void {
    const entity = (event.entity ?? event.databaseEntity) as Record<string, unknown> | undefined;
    this.collect(event.queryRunner, event.metadata.tableName, entity);
  }

  afterRemove(event: RemoveEvent<unknown>): void {
    const entity = (event.entity ?? event.databaseEntity) as Record<string, unknown> | undefined;
    this.collect(event.queryRunner, event.metadata.tableName, entity);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const set = this.pending.get(event.queryRunner);
    if (!set) return;
    this.pending.delete(event.queryRunner);
    this.publish([...set]);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.pending.delete(event.queryRunner);
  }

  private publish(scopes: string[]): void {
    const client = this.redis.client;
    if (!client || client.status !== 'ready') return; // the TTL bounds staleness meanwhile
    const message: ChangeMessage = { origin: this.origin, scopes };
    client.publish(this.channel, JSON.stringify(message)).catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscriber?.disconnect();
  }
}
