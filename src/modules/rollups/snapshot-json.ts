// A closing quarter's snapshot serialised for storage. At province scale it is ~33 MB of JSON: one
// JSON.stringify, or one conversion of it to bytes, would hold the event loop (and with it every
// writer on SQLite) for hundreds of milliseconds. So it is produced as pieces of 500
// array elements, with a turn of the event loop between pieces, and each piece goes on to be
// compressed as it comes (rollups.repository.ts). The task lines are stored once, in the facts; the
// view's completed and open task lists are derived from them on reading (storedView).
import { arrayPieces } from '../../common/http/json-bytes';
import type { RollupView, StoredRollup } from './rollup.types';

/** The stored snapshot's JSON in pieces whose concatenation is the whole (see snapshotJson). */
export async function* snapshotJsonPieces(data: StoredRollup): AsyncGenerator<string> {
  const { completedTasks: _c, openTasks: _o, byDepartment, ...view } = data.view;
  const { tasks, figures, notices, lines } = data.facts;
  yield `{"view":${JSON.stringify(view).slice(0, -1)},"byDepartment":`;
  yield* arrayPieces(byDepartment);
  yield `},"meta":${JSON.stringify(data.meta)},"facts":{"tasks":`;
  yield* arrayPieces(tasks);
  yield ',"figures":';
  yield* arrayPieces(figures);
  yield `,"notices":${JSON.stringify(notices)},"lines":`;
  yield* arrayPieces(lines);
  yield `},"extras":${JSON.stringify(data.extras ?? null)}}`;
}

/** The stored snapshot's JSON as one string (a close that has to fold inside its transaction). */
export async function snapshotJson(data: StoredRollup): Promise<string> {
  const pieces: string[] = [];
  for await (const piece of snapshotJsonPieces(data)) pieces.push(piece);
  return pieces.join('');
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
