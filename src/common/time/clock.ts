// The only source of "now" for domain code, so tests and demos can set the time. Tests inject a FixedClock;
// CLOCK_START (non-production) starts a clock at a given instant that then runs in real time.
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** Starts at `start` when constructed and advances with real time (demos and acceptance runs). */
export class ShiftedClock extends Clock {
  private readonly offsetMs: number;
  constructor(start: Date, realNow: Date = new Date()) {
    super();
    this.offsetMs = start.getTime() - realNow.getTime();
  }
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** A clock that moves only when told to: unit and e2e tests. */
export class FixedClock extends Clock {
  private current: number;
  constructor(start: Date | string) {
    super();
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(instant: Date | string): void {
    this.current = new Date(instant).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
