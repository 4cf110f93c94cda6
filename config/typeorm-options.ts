import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../migrations/index';
import { ENTITIES } from '../src/entities';
import { AppConfig } from './app-config';

export const WAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;

/** Data source options for both drivers. Never `synchronize`: the schema comes from migrations only. */
export function buildDataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: config.db.logging,
  };
  if (config.db.type === 'postgres') {
    return { ...common, type: 'postgres', url: config.db.url ?? undefined, poolSize: 10, extra: { options: '-c jit=off' } };
  }
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.db.path,
    // WAL lets a separate worker process read while the API writes; timeout is SQLite's busy_timeout.
    enableWAL: true,
    timeout: 5000,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('foreign_keys = ON');
      // SQLite's default page cache is 2 MB: a province's ledger (a million reports) thrashes it on
      // every roll-up. 64 MB of cache and memory-mapped reads keep the hot indexes in memory.
      db.pragma('cache_size = -65536');
      db.pragma('mmap_size = 268435456');
      // The WAL is checkpointed every 1,000 pages (SQLite's default, made explicit) and truncated back
      // to at most 16 MB after each checkpoint, so sustained writes cannot grow the -wal file without
      // bound; SqliteHousekeeping also truncates it periodically.
      db.pragma('wal_autocheckpoint = 1000');
      db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    },
  };
}
