import { describe, expect, it } from '@jest/globals';
import { storedRollup as stored } from '../../../test/factories/rollup.factory';
import type { StoredRollup } from './rollup.types';
import { snapshotJson, snapshotJsonPieces, storedView } from './snapshot-json';

describe('a closing quarter serialised for storage', () => {
  it.each([0, 1, 2000, 4001])('reads back as the same snapshot, with the view’s task lists derived from the lines (%i lines)', async (n) => {
    const data = stored(n);
    const back = JSON.parse(await snapshotJson(data)) as StoredRollup;
    expect(back.view.completedTasks).toBeUndefined(); // stored once, in the facts
    expect(back.facts).toEqual(data.facts);
    expect(back.meta).toEqual(data.meta);
    expect(storedView(back)).toEqual(data.view);
  });

  it('comes in pieces of at most a few thousand lines each, whose concatenation is the whole', async () => {
    const data = stored(9000);
    const pieces: string[] = [];
    for await (const p of snapshotJsonPieces(data)) pieces.push(p);
    expect(pieces.join('')).toBe(await snapshotJson(data));
    const longest = Math.max(...pieces.map((p) => p.length));
    expect(longest).toBeLessThan(JSON.stringify(data.facts.lines.slice(-2000)).length + 2); // one chunk of lines, the longest ids last
    expect(pieces.length).toBeGreaterThan(9000 / 2000);
  });

  it('keeps the lists of snapshots stored before, as they were', () => {
    const data = stored(5);
    const older = { ...data, view: { ...data.view, openTasks: [] } };
    expect(storedView(older).openTasks).toEqual([]);
  });
});
