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
});
