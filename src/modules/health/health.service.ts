// What the health routes report. The database is required (down → not ready); so are the
// migrations this code expects (pending → not ready: the schema is behind the code). Redis is not:
// without it the API serves and reminders wait in the database, so Redis down is "degraded".
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Warmup } from '../../common/lifecycle/warmup';
import { RedisConnection } from '../../queue/redis-connection';

export interface HealthReport {
  db: 'up' | 'down';
  redis: 'up' | 'down';
  /** Migrations of this code not yet applied to the database; null when the database is down. */
  pendingMigrations: string[] | null;
  /** What the process still loads after boot (readiness waits for it). */
  warming: string[];
}

const DB_TIMEOUT_MS = 2000;

@Injectable()
export class HealthService {
  /** Once every migration is applied it stays so for this process (the code does not change). */
  private migrationsApplied = false;

  constructor(private readonly dataSource: DataSource, private readonly redis: RedisConnection, private readonly warmup: Warmup) {}

  async check(withMigrations: boolean): Promise<HealthReport> {
    const [db, redis] = await Promise.all([this.dbUp(), this.redis.ping()]);
    const pendingMigrations = db && withMigrations ? await this.pendingMigrations().catch(() => null) : db ? [] : null;
    return { db: db && pendingMigrations !== null ? 'up' : 'down', redis: redis ? 'up' : 'down', pendingMigrations, warming: this.warmup.pending() };
  }

  private async pendingMigrations(): Promise<string[]> {
    if (this.migrationsApplied) return [];
    const table = this.dataSource.options.migrationsTableName ?? 'migrations';
    const rows = (await this.withTimeout(this.dataSource.query(`SELECT name FROM ${table}`))) as { name: string }[];
    const applied = new Set(rows.map((r) => r.name));
    const pending = this.dataSource.migrations.map((m) => m.name ?? m.constructor.name).filter((n) => !applied.has(n));
    if (!pending.length) this.migrationsApplied = true;
    return pending;
  }

  private async dbUp(): Promise<boolean> {
    try {
      await this.withTimeout(this.dataSource.query('SELECT 1'));
      return true;
    } catch {
      return false;
    }
  }

  private withTimeout<T>(p: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout;
    return Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('database timeout')), DB_TIMEOUT_MS);
        timer.unref();
      }),
    ]).finally(() => clearTimeout(timer));
  }
}
