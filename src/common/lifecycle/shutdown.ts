// Graceful shutdown for both entry points. SIGTERM/SIGINT close the application — HTTP stops
// accepting, the dispatcher stops, running jobs finish, queues and connections close — and the
// process exits 0. Every close on the way is bounded on its own (a Redis that no longer answers
// must not hold the process); this timer is the last resort: past it the process exits 1 and says
// what it was waiting for.
import type { LoggerService } from '@nestjs/common';

export interface Closable {
  close(): Promise<void>;
}

export function onShutdownSignals(app: Closable, logger: LoggerService, timeoutMs: number, after: () => Promise<void> = async () => undefined): void {
  let started = false;
  const shutdown = async (signal: string) => {
    if (started) return;
    started = true;
    const t0 = Date.now();
    logger.log({ msg: 'shutting down', signal, timeoutMs });
    setTimeout(() => {
      logger.error({ msg: 'shutdown did not complete in time; exiting', timeoutMs });
      process.exit(1);
    }, timeoutMs).unref();
    try {
      await app.close();
      await after();
      logger.log({ msg: 'shut down', ms: Date.now() - t0 });
      process.exit(0);
    } catch (err) {
      logger.error({ msg: 'shutdown failed', err: (err as Error).message });
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
