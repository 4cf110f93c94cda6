import { afterEach, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { runWithRequestId } from '../logging/log';
import { busy, inBackground, MAX_WAIT_MS, requestEnded, requestStarted } from './foreground';
import { TimeSlice } from './time-slice';

/** A fold of `slices` slices that records when each slice starts; `budgetMs` 0: every due() is due. */
async function fold(slices: number, events: string[], name: string): Promise<void> {
  const slice = new TimeSlice(0);
  for (let i = 0; i < slices; i++) {
    events.push(`${name}${i}`);
    for (let j = 0; j < 32; j++) if (slice.due()) await slice.next();
  }
}

describe('foreground: background work gives way to requests in flight', () => {
  afterEach(() => {
    for (const id of ['r1', 'r2', 'close', 'dup']) for (let i = 0; i < 3; i++) requestEnded(id);
  });

  it('a background fold waits between slices while a request is in flight, and resumes when it ends', async () => {
    const events: string[] = [];
    requestStarted('r1');
    const folding = inBackground(() => fold(3, events, 'bg'));
    await sleep(5);
    // The first slice ran; the next waits for the request.
    expect(events).toEqual(['bg0']);
    events.push('r1 ends');
    requestEnded('r1');
    await folding;
    expect(events).toEqual(['bg0', 'r1 ends', 'bg1', 'bg2']);
  });

  it('a fold that is not background work does not wait for requests', async () => {
    const events: string[] = [];
    requestStarted('r1');
    await fold(3, events, 'fg');
    expect(events).toEqual(['fg0', 'fg1', 'fg2']);
    expect(busy()).toBe(true);
  });

  it('under a request that never ends, background work still progresses, a slice per MAX_WAIT_MS', async () => {
    const events: string[] = [];
    requestStarted('r1');
    const started = performance.now();
    await inBackground(() => fold(3, events, 'bg'));
    expect(events).toEqual(['bg0', 'bg1', 'bg2']);
    // Two waits of MAX_WAIT_MS (timers may fire a millisecond early or late, never much earlier).
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * MAX_WAIT_MS - 2);
  });

  it('the request that runs the background work (the POST that closes a quarter) does not wait for itself', async () => {
    const events: string[] = [];
    requestStarted('close');
    await runWithRequestId('close', () => inBackground(() => fold(3, events, 'bg')));
    expect(events).toEqual(['bg0', 'bg1', 'bg2']);
    // Once the background work is done, its request counts again.
    expect(busy()).toBe(true);
    requestEnded('close');
    expect(busy()).toBe(false);
  });

  it('two requests sharing one id (a client-sent X-Request-Id) are two requests', async () => {
    requestStarted('dup');
    requestStarted('dup');
    requestEnded('dup');
    expect(busy()).toBe(true);
    requestEnded('dup');
    expect(busy()).toBe(false);
    requestEnded('dup'); // an end without a start changes nothing
    expect(busy()).toBe(false);
  });

  it('a background request whose client goes away mid-work no longer hides another request', async () => {
    const events: string[] = [];
    requestStarted('close');
    requestStarted('r2');
    const folding = runWithRequestId('close', () => inBackground(() => fold(2, events, 'bg')));
    requestEnded('close'); // the admin's connection closed; the close goes on
    await sleep(5);
    expect(events).toEqual(['bg0']); // r2 is still in flight
    requestEnded('r2');
    await folding;
    expect(events).toEqual(['bg0', 'bg1']);
    expect(busy()).toBe(false);
  });
});
