import { describe, expect, it } from '@jest/globals';
import type { TransactionRunner } from '../database/transaction-runner';
import { ReadCache } from './read-cache';

function runner() {
  const r = { writeVersion: 0 };
  return { r, cache: new ReadCache(r as unknown as TransactionRunner) };
}

describe('read cache', () => {
  it('serves the cached value until a write commits', async () => {
    const { r, cache } = runner();
    let n = 0;
    const compute = async () => ++n;
    expect(await cache.get('k', 60_000, compute)).toBe(1);
    expect(await cache.get('k', 60_000, compute)).toBe(1);
    r.writeVersion += 1;
    expect(await cache.get('k', 60_000, compute)).toBe(2);
  });

  it('expires after its time to live, and shares one computation between concurrent misses', async () => {
    const { cache } = runner();
    let n = 0;
    const slow = () => new Promise<number>((res) => setTimeout(() => res(++n), 20));
    const [a, b] = await Promise.all([cache.get('k', 0, slow), cache.get('k', 0, slow)]);
    expect([a, b]).toEqual([1, 1]);
    expect(await cache.get('k', 0, slow)).toBe(2);
  });

  it('drops a plan\'s task-list pages on that plan\'s changes only, and unscoped pages on any change', async () => {
    const { cache } = runner();
    let n = 0;
    const compute = async () => ++n;
    const page = (key: string) => cache.get(key, 60_000, compute);
    const planA = 'tasks:plan-a:all:2026-05-20:[1,50]';
    const planB = 'tasks:plan-b:all:2026-05-20:[1,50]';
    const anyPlan = 'tasklist:all:2026-05-20:[1,50]';
    const [a, b, any] = [await page(planA), await page(planB), await page(anyPlan)];
    cache.invalidate(['plan:plan-b']);
    expect(await page(planA)).toBe(a);
    expect(await page(planB)).not.toBe(b);
    expect(await page(anyPlan)).not.toBe(any);
    const a2 = await page(planA);
    cache.invalidate(['plan:*']);
    expect(await page(planA)).not.toBe(a2);
  });

  describe('slow answers', () => {
    const slowCache = () => {
      const r = { writeVersion: 0 };
      return { r, cache: new ReadCache(r as unknown as TransactionRunner, { readCacheStale: { slowMs: 30, maxStaleMs: 60_000 } }) };
    };
    const after = (ms: number, v: number) => new Promise<number>((res) => setTimeout(() => res(v), ms));

    it('serves a slow read model from its last computation while the next runs, then the new one', async () => {
      const { r, cache } = slowCache();
      let n = 0;
      const slow = () => after(40, ++n);
      expect(await cache.get('dashboard:p', 60_000, slow, { serveStale: true })).toBe(1);
      r.writeVersion += 1;
      expect(await cache.get('dashboard:p', 60_000, slow, { serveStale: true })).toBe(1); // at once, while 2 computes
      await after(60, 0);
      expect(await cache.get('dashboard:p', 60_000, slow, { serveStale: true })).toBe(2);
    });

    it('recomputes a fast answer before serving it, and never serves stale what was not asked to be', async () => {
      const { r, cache } = slowCache();
      let n = 0;
      expect(await cache.get('fast', 60_000, async () => ++n, { serveStale: true })).toBe(1);
      r.writeVersion += 1;
      expect(await cache.get('fast', 60_000, async () => ++n, { serveStale: true })).toBe(2);
      let m = 0;
      expect(await cache.get('user:u', 60_000, () => after(40, ++m))).toBe(1);
      cache.invalidate(['user:u']);
      expect(await cache.get('user:u', 60_000, () => after(40, ++m))).toBe(2);
    });

    it('stops serving a slow answer once it is older than the bound', async () => {
      const r = { writeVersion: 0 };
      const cache = new ReadCache(r as unknown as TransactionRunner, { readCacheStale: { slowMs: 30, maxStaleMs: 50 } });
      let n = 0;
      const slow = () => after(40, ++n);
      expect(await cache.get('dashboard:p', 60_000, slow, { serveStale: true })).toBe(1);
      await after(60, 0);
      cache.invalidate(['plan:p']);
      expect(await cache.get('dashboard:p', 60_000, slow, { serveStale: true })).toBe(2);
    });
  });
});
