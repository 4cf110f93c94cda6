// A closing quarter's snapshot serialised for storage. At province scale it is tens of megabytes; one
// JSON.stringify would hold the event loop (and with it every writer on SQLite) for hundreds of
// milliseconds, so the long arrays are written a chunk at a time with a turn of the event loop
// between chunks. The task lines are stored once, in the facts; the view's completed and open task
// lists are derived from them on reading (storedView).
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RollupView, StoredRollup } from './rollup.types';

const CHUNK = 2000;

async function arrayJson(xs: readonly unknown[]): Promise<string> {
  const parts: string[] = [];
  for (let i = 0; i < xs.length; i += CHUNK) {
    parts.push(JSON.stringify(xs.slice(i, i + CHUNK)).slice(1, -1));
    if (i + CHUNK < xs.length) await nextTurn();
  }
  return `[${parts.filter((p) => p.length).join(',')}]`;
}

export async function snapshotJson(data: StoredRollup): Promise<string> {
  const { completedTasks: _c, openTasks: _o, byDepartment, ...view } = data.view;
  const { tasks, figures, notices, lines } = data.facts;
  const viewJson = `${JSON.stringify(view).slice(0, -1)},"byDepartment":${await arrayJson(byDepartment)}}`;
  const factsJson = `{"tasks":${await arrayJson(tasks)},"figures":${await arrayJson(figures)},"notices":${JSON.stringify(notices)},"lines":${await arrayJson(lines)}}`;
  return `{"view":${viewJson},"meta":${JSON.stringify(data.meta)},"facts":${factsJson},"extras":${JSON.stringify(data.extras ?? null)}}`;
}

/** A stored snapshot's view with its task lists (snapshots closed before keep their own copy). */
export function storedView(data: StoredRollup): RollupView {
  if (data.view.completedTasks && data.view.openTasks) return data.view;
  return {
    ...data.view,
    completedTasks: data.facts.lines.filter((l) => l.completedOn !== null),
    openTasks: data.facts.lines.filter((l) => l.completedOn === null),
  };
}
