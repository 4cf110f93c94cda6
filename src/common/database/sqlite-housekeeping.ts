// Keeps the SQLite WAL file small: besides the automatic checkpoints (see typeorm-options), a
// TRUNCATE checkpoint every minute resets the -wal file to zero bytes once no reader needs it, so a
// burst of writes does not leave a large file behind. A no-op on PostgreSQL.
import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionRunner } from './transaction-runner';

const CHECKPOINT_EVERY_MS = 60_000;

export interface CheckpointResult {
  busy: number;
  logPages: number;
  checkpointedPages: number;
}

@Injectable()
export class SqliteHousekeeping implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SqliteHousekeeping.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly dataSource: DataSource, private readonly tx: TransactionRunner) {}

  onModuleInit(): void {
    if (this.dataSource.options.type !== 'better-sqlite3') return;
    this.timer = setInterval(() => {
      this.checkpoint().catch((err: Error) => this.logger.warn({ msg: 'wal checkpoint failed', err: err.message }));
    }, CHECKPOINT_EVERY_MS);
    this.timer.unref();
  }

  /** PRAGMA wal_checkpoint(TRUNCATE), between transactions. Null on PostgreSQL. */
  async checkpoint(): Promise<CheckpointResult | null> {
    if (this.dataSource.options.type !== 'better-sqlite3') return null;
    const rows = await this.tx.exclusive((em) => em.query('PRAGMA wal_checkpoint(TRUNCATE)'));
    const r = (rows as { busy: number; log: number; checkpointed: number }[])[0];
    return { busy: r.busy, logPages: r.log, checkpointedPages: r.checkpointed };
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
