// Long folds (a province's 50,000 tasks, 6,000 departments, 33 MB of snapshot) run on the event loop in
// slices of a few milliseconds. A slice is bounded by time, not by a count of items: every turn of the
// event loop runs one slice, and a request on PostgreSQL needs a turn for each of its queries, so a
// write of fifteen statements waits for fifteen slices. At 8 ms it waits ~0.1 s, whatever the items cost.
// Background work (a quarter's close, see foreground.ts) also waits for the requests in flight, so a
// writer meets at most one of its slices.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { isBackground, requestsIdle } from './foreground';

export const SLICE_MS = 8;

/** A turn of the event loop; background work also gives way to the requests in flight (foreground.ts). */
export async function yieldTurn(): Promise<void> {
  await nextTurn();
  if (isBackground()) await requestsIdle();
}

export class TimeSlice {
  private started = performance.now();
  private n = 0;

  constructor(private readonly budgetMs = SLICE_MS) {}

  /** Call once per item (checked every 32 calls): whether the slice's time is spent; then `await slice.next()`. */
  due(): boolean {
    return (++this.n & 31) === 0 && performance.now() - this.started >= this.budgetMs;
  }

  /** A turn of the event loop (background work: and the requests in flight); the next slice starts after it. */
  async next(): Promise<void> {
    await yieldTurn();
    this.started = performance.now();
  }

  /** Between phases of a fold: a turn of the event loop if any of the slice's time is spent. */
  async pause(): Promise<void> {
    if (performance.now() - this.started >= 1) await this.next();
  }
}
