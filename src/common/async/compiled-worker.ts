// Worker threads run compiled JavaScript: a worker's file sits beside its caller once built (dist/);
// tests that run the caller from source use the build output (they run after `npm run build`).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The compiled worker `name` (e.g. 'upload-parse.worker.js') of the module in `srcDir` ('src/modules/uploads'). */
export function compiledWorker(callerDir: string | undefined, srcDir: string, name: string): string {
  const here = callerDir ? resolve(callerDir, name) : null;
  if (here && existsSync(here)) return here;
  return resolve(process.cwd(), 'dist', srcDir, name);
}
