// A small cache for expensive read models (the leaders' dashboard, live roll-ups). An entry is
// served only while no write transaction has committed in this process since it was computed, and
// for at most `ttlMs`. Writes made by other processes (a separate worker, another API instance)
// arrive through the change feed (change-feed.ts) as scopes; the TTL bounds staleness only while
// Redis is down. Concurrent misses for one key share one computation.
import { Injectable } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { TransactionRunner } from '../database/transaction-runner';

interface Entry {
  value: unknown;
  version: number;
  at: number;
}

const MAX_ENTRIES = 500;

function scopeOfKey(key: string): string | null {
  const m = /^(?:json:)?(dashboard|rollup|tasks|user):([^:]+)/.exec(key);
  if (!m) return null;
  return m[1] === 'user' ? `user:${m[2]}` : `plan:${m[2]}`;
}

@Injectable()
export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<unknown>>();
  private generation = 0;

  constructor(private readonly tx: TransactionRunner) {}

  /**
   * The value serialised (and UTF-8 encoded) once per computation, for hot read routes that answer
   * the same JSON to many callers (controllers send it with an application/json content type).
   */
  getJson(key: string, ttlMs: number, compute: () => Promise<unknown>): Promise<Buffer> {
    return this.get(`json:${key}`, ttlMs, async () => Buffer.from(JSON.stringify(await compute()), 'utf8'));
  }

  /**
   * Drops the entries of the given scopes ('plan:<id>', 'user:<id>', 'plan:*', …; 'all': every entry).
   * A key's scope is read from its shape: dashboard:<plan>…, rollup:<plan>…, tasks:<plan>…, user:<id>; entries of
   * any other shape are dropped by every change.
   */
  invalidate(scopes: string[] | 'all'): void {
    if (scopes === 'all') {
      this.entries.clear();
      this.inflight.clear();
      this.generation += 1;
      return;
    }
    const wanted = new Set(scopes);
    const wildcard = new Set(scopes.filter((s) => s.endsWith(':*')).map((s) => s.slice(0, -1)));
    let dropped = false;
    for (const key of [...this.entries.keys()]) {
      const scope = scopeOfKey(key);
      if (!scope || wanted.has(scope) || [...wildcard].some((w) => scope.startsWith(w))) {
        this.entries.delete(key);
        dropped = true;
      }
    }
    // A computation already running may have read the old rows: it is neither stored nor shared.
    if (dropped || this.inflight.size) this.generation += 1;
    this.inflight.clear();
  }

  async get<T>(key: string, ttlMs: number, compute: () => Promise<T>): Promise<T> {
    const version = this.tx.writeVersion;
    const generation = this.generation;
    const hit = this.entries.get(key);
    if (hit && hit.version === version && performance.now() - hit.at < ttlMs) return hit.value as T;
    const running = this.inflight.get(key);
    if (running) return running as Promise<T>;
    const p = compute()
      .then((value) => {
        if (generation !== this.generation) return value;
        if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
        this.entries.set(key, { value, version, at: performance.now() });
        return value;
      })
      .finally(() => {
        if (this.inflight.get(key) === p) this.inflight.delete(key);
      });
    this.inflight.set(key, p);
    return p;
  }
}
