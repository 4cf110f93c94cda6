// Child process of the benchmarks: boots the real application (createApp, as production does) with
// the configuration passed in BENCH_APP_ENV (JSON), listens on a free port on 127.0.0.1 and prints
// "LISTENING <port>". BENCH_CLOCK_START starts a ShiftedClock at that instant; BENCH_WEB_UI=1 serves
// web/dist at `/` as `npm start` does. SIGTERM closes the app.
import 'reflect-metadata';
import { loadConfig } from '../config/app-config';
import { createApp } from '../src/app.factory';
import { ShiftedClock } from '../src/common/time/clock';

async function main(): Promise<void> {
  const env = JSON.parse(process.env.BENCH_APP_ENV ?? '{}') as Record<string, string>;
  const config = loadConfig(env);
  const clockStart = process.env.BENCH_CLOCK_START;
  const app = await createApp(config, { logger: false, docsUi: false, webUi: process.env.BENCH_WEB_UI === '1', clock: clockStart ? new ShiftedClock(new Date(clockStart)) : undefined });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`LISTENING ${port}\n`);
  const stop = async () => {
    try {
      await app.close();
    } finally {
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((err) => {
  process.stderr.write(`bench server failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
