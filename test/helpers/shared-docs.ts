// The seeds and corpus live in ../shared beside the repository (SHARED_DIR overrides); tests read
// them from there, never copy them. The one loader for both.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const SHARED_DIR = process.env.SHARED_DIR ?? resolve(process.cwd(), '../shared');
export const SEED_PLAN_PATH = resolve(SHARED_DIR, 'seeds/004_90638f697cd6c391.txt');
const CORPUS_DIR = resolve(SHARED_DIR, 'corpus');

export function seedPlanText(): string {
  return readFileSync(SEED_PLAN_PATH, 'utf8');
}

/** The document of corpus file `NN_….txt` (`number` is "NN"), without its 4-line header (source:, kind:, complete:, ---). */
export function corpusText(number: string): string {
  const file = readdirSync(CORPUS_DIR).find((f) => f.startsWith(`${number}_`) && f.endsWith('.txt'));
  if (!file) throw new Error(`corpus file ${number}_….txt not found in ${CORPUS_DIR}`);
  const lines = readFileSync(resolve(CORPUS_DIR, file), 'utf8').split('\n');
  const header = lines.slice(0, 4).map((l) => l.split(':')[0]);
  if (header.join('|') !== 'source|kind|complete|---') throw new Error(`corpus file ${file}: expected the header source/kind/complete/---, got ${header.join('/')}`);
  return lines.slice(4).join('\n');
}
