// A small cache for expensive read models (the leaders' dashboard, live roll-ups). An entry is
// served only while no write transaction has committed in this process since it was computed, and
// for at most `ttlMs` — the bound on staleness for writes made by other processes (a separate
// worker, another API instance). Concurrent misses for one key share one computation.
import { Injectable } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { TransactionRunner } from '../database/transaction-runner';

interface Entry {
  value: unknown;
  version: number;
  at: number;
}

const MAX_ENTRIES = 500;

@Injectable()
export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<unknown>>();

  constructor(private readonly tx: TransactionRunner) {}

  /**
   * The value serialised (and UTF-8 encoded) once per computation, for hot read routes that answer
   * the same JSON to many callers (controllers send it with an application/json content type).
   */
  getJson(key: string, ttlMs: number, compute: () => Promise<unknown>): Promise<Buffer> {
    return this.get(`json:${key}`, ttlMs, async () => Buffer.from(JSON.stringify(await compute()), 'utf8'));
  }

  async get<T>(key: string, ttlMs: number, compute: () => Promise<T>): Promise<T> {
    const version = this.tx.writeVersion;
    const hit = this.entries.get(key);
    if (hit && hit.version === version && performance.now() - hit.at < ttlMs) return hit.value as T;
    const running = this.inflight.get(key);
    if (running) return running as Promise<T>;
    const p = compute()
      .then((value) => {
        if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
        this.entries.set(key, { value, version, at: performance.now() });
        return value;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }
}
