// Requests come first. The HTTP requests in flight are counted here (app.factory's hooks), and work
// marked as background — a quarter's close, folding and storing a province's snapshot for seconds —
// waits between its time slices while any other request is in flight (see TimeSlice.next), up to
// MAX_WAIT_MS at a time so that it still progresses under a steady load.
//
// Why: on PostgreSQL a write is ~14 statements, each needing a turn of the event loop, and every turn
// also ran a slice of the close; writers waited ~0.1-0.25 s during a province close although no lock
// was involved. Yielding to requests in flight, a write waits for at most one slice.
import { AsyncLocalStorage } from 'node:async_hooks';
import { currentRequestId } from '../logging/log';

/** The longest a background slice waits for requests to finish before it runs anyway. */
export const MAX_WAIT_MS = 25;

// Counted by request id: a client may send its own X-Request-Id, so two requests can share one.
const inFlight = new Map<string, number>();
/** Requests in flight whose own work is background (the POST that closes a quarter): they do not count. */
const backgroundRequests = new Map<string, number>();
let inFlightTotal = 0;
let backgroundTotal = 0;
const waiters = new Set<() => void>();
const background = new AsyncLocalStorage<true>();

const add = (m: Map<string, number>, id: string, d: number) => {
  const n = (m.get(id) ?? 0) + d;
  if (n > 0) m.set(id, n);
  else m.delete(id);
};

/** A request has started (its id, as in the logs). */
export function requestStarted(id: string): void {
  add(inFlight, id, 1);
  inFlightTotal++;
}

/** A request has ended (answered, or its client went away). */
export function requestEnded(id: string): void {
  if (!inFlight.has(id)) return;
  add(inFlight, id, -1);
  inFlightTotal--;
  if ((backgroundRequests.get(id) ?? 0) > (inFlight.get(id) ?? 0)) {
    add(backgroundRequests, id, -1);
    backgroundTotal--;
  }
  if (!busy()) for (const wake of [...waiters]) wake();
}

/** Whether a request other than background work is in flight. */
export function busy(): boolean {
  return inFlightTotal > backgroundTotal;
}

/** Runs `fn` as background work: its time slices give way to requests in flight. */
export async function inBackground<T>(fn: () => Promise<T>): Promise<T> {
  const id = currentRequestId();
  // The request this runs for (if any) no longer counts as one to give way to.
  const counted = id !== undefined && (inFlight.get(id) ?? 0) > (backgroundRequests.get(id) ?? 0);
  if (counted) {
    add(backgroundRequests, id, 1);
    backgroundTotal++;
  }
  try {
    return await background.run(true, fn);
  } finally {
    if (counted && backgroundRequests.has(id)) {
      add(backgroundRequests, id, -1);
      backgroundTotal--;
    }
  }
}

/** Whether the code running now is background work. */
export function isBackground(): boolean {
  return background.getStore() === true;
}

/** Resolves once no request is in flight, or after `maxWaitMs`. */
export function requestsIdle(maxWaitMs = MAX_WAIT_MS): Promise<void> {
  if (!busy()) return Promise.resolve();
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      waiters.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, maxWaitMs);
    waiters.add(wake);
  });
}
