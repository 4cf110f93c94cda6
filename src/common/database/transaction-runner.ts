// Every multi-statement write goes through TransactionRunner.run.
// TypeORM's SQLite driver shares ONE connection: two concurrent dataSource.transaction() calls
// entangle (the second becomes a SAVEPOINT of the first), so one request's rollback can undo
// another's committed write. On SQLite we therefore serialise top-level transactions through a FIFO
// mutex; a nested run() (detected with AsyncLocalStorage) joins the outer transaction. On PostgreSQL
// each transaction has its own pooled connection and the runner is a pass-through.
// Never await network I/O (Redis, HTTP) inside the callback: it would hold the SQLite lock.
import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';

/** A FIFO mutex: callers run one at a time in arrival order. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async runExclusive<T>(fn: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const turn = new Promise<void>((r) => (release = r));
    const previous = this.tail;
    this.tail = previous.then(() => turn);
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

@Injectable()
export class TransactionRunner {
  private readonly mutex = new Mutex();
  private readonly current = new AsyncLocalStorage<{ em: EntityManager; afterCommit: (() => void)[]; beforeCommit: Map<string, (em: EntityManager) => Promise<void>> }>();
  private readonly serialise: boolean;
  private version = 0;

  constructor(private readonly dataSource: DataSource) {
    this.serialise = dataSource.options.type === 'better-sqlite3';
  }

  async run<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    const outer = this.current.getStore();
    if (outer) return fn(outer.em);
    const afterCommit: (() => void)[] = [];
    const beforeCommit = new Map<string, (em: EntityManager) => Promise<void>>();
    const start = () => this.dataSource.transaction((em) => this.current.run({ em, afterCommit, beforeCommit }, async () => {
      const result = await fn(em);
      for (const cb of beforeCommit.values()) await cb(em);
      return result;
    }));
    const result = await (this.serialise ? this.mutex.runExclusive(start) : start());
    this.version += 1;
    for (const cb of afterCommit) cb();
    return result;
  }

  /**
   * Runs `fn` outside any transaction but, on SQLite, between transactions (under the same mutex):
   * for statements SQLite refuses inside one, such as a WAL checkpoint.
   */
  async exclusive<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    const start = () => fn(this.dataSource.manager);
    return this.serialise ? this.mutex.runExclusive(start) : start();
  }

  /** Counts committed write transactions of this process: read caches compare it to stay fresh. */
  get writeVersion(): number {
    return this.version;
  }

  /**
   * Runs `cb` once the current transaction has committed (at once outside a transaction): the place
   * to nudge queues, which must never be touched inside a transaction: a job queued before
   * a rollback would fire for a row that does not exist.
   */
  afterCommit(cb: () => void): void {
    const store = this.current.getStore();
    if (store) store.afterCommit.push(cb);
    else cb();
  }

  /**
   * Runs `cb` at the end of the current transaction, just before it commits (once per `key`, however
   * often it is asked for), or at once outside a transaction: for bookkeeping written once per
   * transaction whatever the number of statements that asked for it (plans/ledger-changes.ts).
   */
  async beforeCommit(key: string, cb: (em: EntityManager) => Promise<void>): Promise<void> {
    const store = this.current.getStore();
    if (!store) return cb(this.dataSource.manager);
    if (!store.beforeCommit.has(key)) store.beforeCommit.set(key, cb);
  }

  /** Whether the caller runs inside a transaction of this runner. */
  get inTransaction(): boolean {
    return this.current.getStore() !== undefined;
  }

  /** The manager of the transaction in progress, or the default one outside a transaction. */
  manager(): EntityManager {
    return this.current.getStore()?.em ?? this.dataSource.manager;
  }
}
