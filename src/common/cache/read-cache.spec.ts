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
});
