/**
 * Runs a query per chunk of ids and concatenates the results: SQLite allows 32,766 bound variables
 * and PostgreSQL 65,535, so an `IN (…)` over a province's tasks must be split.
 */
export async function inChunks<T>(ids: readonly string[], query: (chunk: string[]) => Promise<T[]>, size = 1000): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += size) out.push(...(await query(ids.slice(i, i + size))));
  return out;
}
