// A small cache for expensive read models (the leaders' dashboard, live roll-ups). An entry is
// served only while no write transaction has committed in this process since it was computed, and
// for at most `ttlMs`. Writes made by other processes (a separate worker, another API instance)
// arrive through the change feed (change-feed.ts) as scopes; the TTL bounds staleness only while
// Redis is down. Concurrent misses for one key share one computation.
import { jsonBytes } from '../http/json-bytes';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { performance } from 'node:perf_hooks';
import { TransactionRunner } from '../database/transaction-runner';

interface Entry {
  value: unknown;
  version: number;
  /** When its computation started: the moment its data is as of. */
  at: number;
  /** How long it took to compute. */
  computeMs: number;
  /** A change announced for its scope (or for everything) since. */
  stale: boolean;
}

/**
 * Answers that are slow to compute (a province's dashboard: hundreds of milliseconds of folding even
 * from memory) are served from their last computation while the next one runs — never older than
 * `maxStaleMs`. Fast answers are always recomputed before they are served.
 */
export interface StaleServing {
  slowMs: number;
  maxStaleMs: number;
}

const NEVER_STALE: StaleServing = { slowMs: Number.POSITIVE_INFINITY, maxStaleMs: 0 };

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

  private readonly staleServing: StaleServing;

  constructor(private readonly tx: TransactionRunner, @Optional() @Inject(APP_CONFIG) config?: Pick<AppConfig, 'readCacheStale'>) {
    this.staleServing = config?.readCacheStale ?? NEVER_STALE;
  }

  /**
   * The value serialised (and UTF-8 encoded) once per computation, for hot read routes that answer
   * the same JSON to many callers (controllers send it with an application/json content type).
   */
  getJson(key: string, ttlMs: number, compute: () => Promise<unknown>): Promise<Buffer> {
    return this.get(`json:${key}`, ttlMs, async () => jsonBytes(await compute()), { serveStale: true });
  }

  /**
   * Drops the entries of the given scopes ('plan:<id>', 'user:<id>', 'plan:*', …; 'all': every entry).
   * A key's scope is read from its shape: dashboard:<plan>…, rollup:<plan>…, tasks:<plan>…, user:<id>; entries of
   * any other shape are dropped by every change.
   */
  invalidate(scopes: string[] | 'all'): void {
    if (scopes === 'all') {
      for (const e of this.entries.values()) e.stale = true;
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
        this.entries.get(key)!.stale = true;
        dropped = true;
      }
    }
    // A computation already running may have read the old rows: it is neither stored nor shared.
    if (dropped || this.inflight.size) this.generation += 1;
    this.inflight.clear();
  }

  /**
   * `serveStale`: a slow answer may be served from its last computation while the next runs (read
   * models only — never what access decisions are made from, such as the signed-in user).
   */
  async get<T>(key: string, ttlMs: number, compute: () => Promise<T>, options: { serveStale?: boolean } = {}): Promise<T> {
    const version = this.tx.writeVersion;
    const generation = this.generation;
    const now = performance.now();
    const hit = this.entries.get(key);
    if (hit && !hit.stale && hit.version === version && now - hit.at < ttlMs) return hit.value as T;
    const servable = !!hit && options.serveStale === true && hit.computeMs >= this.staleServing.slowMs && now - hit.at <= this.staleServing.maxStaleMs;
    const running = this.inflight.get(key);
    if (running) return servable ? (hit.value as T) : (running as Promise<T>);
    const p = compute()
      .then((value) => {
        if (generation !== this.generation) return value;
        if (this.entries.size >= MAX_ENTRIES && !this.entries.has(key)) this.entries.delete(this.entries.keys().next().value!);
        this.entries.set(key, { value, version, at: now, computeMs: performance.now() - now, stale: false });
        return value;
      })
      .finally(() => {
        if (this.inflight.get(key) === p) this.inflight.delete(key);
      });
    this.inflight.set(key, p);
    if (servable) {
      p.catch(() => undefined); // its caller is the next request
      return hit.value as T;
    }
    return p;
  }
}
