// The seeds and corpus live in ../shared beside the repository; tests read them from there.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const SHARED_DIR = process.env.SHARED_DIR ?? resolve(process.cwd(), '../shared');
export const SEED_PLAN_PATH = resolve(SHARED_DIR, 'seeds/004_90638f697cd6c391.txt');

export function seedPlanText(): string {
  return readFileSync(SEED_PLAN_PATH, 'utf8');
}

/** A corpus document without its 4-line header (source/kind/complete/---). */
export function corpusText(prefix: string): string {
  const dir = resolve(SHARED_DIR, 'corpus');
  const file = readdirSync(dir).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no corpus file ${prefix}`);
  const text = readFileSync(resolve(dir, file), 'utf8');
  const lines = text.split('\n');
  const sep = lines.findIndex((l) => l.trim() === '---');
  return lines.slice(sep + 1).join('\n');
}
