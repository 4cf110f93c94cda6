// `npm run backup [-- <file>]`: a consistent copy of the SQLite database while the service runs,
// through SQLite's online backup API (better-sqlite3's db.backup): pages are copied in steps and
// the copy reflects one moment, WAL content included — unlike `cp`, which misses what is still in
// the -wal file. Default destination: <DATA_DIR>/backups/duban-<UTC time>.sqlite.
// PostgreSQL: use pg_dump (see README, "Backups and restore"); this command says so and exits 2.
import 'reflect-metadata';
import Database from 'better-sqlite3';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfigOrExit } from '../config/app-config';

export async function backupSqlite(source: string, destination: string): Promise<{ pages: number; bytes: number }> {
  mkdirSync(dirname(destination), { recursive: true });
  const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    const result = await db.backup(destination);
    return { pages: result.totalPages, bytes: statSync(destination).size };
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  if (config.db.type !== 'sqlite') {
    console.error('npm run backup copies SQLite databases. For PostgreSQL run: pg_dump --format=custom --file=duban.dump "$DATABASE_URL" (README: Backups and restore)');
    process.exit(2);
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const destination = resolve(process.argv[2] ?? resolve(config.dataDir, 'backups', `duban-${stamp}.sqlite`));
  const t0 = Date.now();
  const { pages, bytes } = await backupSqlite(config.db.path, destination);
  console.log(JSON.stringify({ msg: 'backup written', source: config.db.path, destination, pages, bytes, ms: Date.now() - t0 }));
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(err.stack ?? err.message);
    process.exit(1);
  });
}
