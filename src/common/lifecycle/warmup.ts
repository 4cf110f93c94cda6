// What a process still loads after boot before it should take traffic (the plans' ledgers at
// province scale take seconds): readiness answers 503 until every hold has settled. A hold that
// fails releases readiness too (the work is done again on first use) and is logged by its owner.
import { Injectable } from '@nestjs/common';

@Injectable()
export class Warmup {
  private readonly holds = new Map<string, Promise<unknown>>();

  /** Readiness waits for `work` under `name` until it settles. */
  hold(name: string, work: Promise<unknown>): void {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.holds.set(name, settled);
    void settled.then(() => {
      if (this.holds.get(name) === settled) this.holds.delete(name);
    });
  }

  /** Names of what is still loading. */
  pending(): string[] {
    return [...this.holds.keys()];
  }

  /** Settles once everything held so far has. */
  async settled(): Promise<void> {
    while (this.holds.size) await Promise.all(this.holds.values());
  }
}
