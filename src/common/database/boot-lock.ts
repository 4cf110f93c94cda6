// One process at a time runs the boot steps that write shared state — migrations, the first admin —
// so that several API and worker processes started together on an empty database all boot:
//  - PostgreSQL: a session advisory lock, on a connection of its own, released when done (or when
//    the process dies and its connection closes);
//  - SQLite: BEGIN IMMEDIATE on a side file next to the database (<db>.boot-lock), an OS file lock
//    the kernel releases if the process dies; the others wait up to BOOT_LOCK_WAIT_MS.
// Each step is idempotent on its own (applied migrations are skipped, the admin is created only
// when there is no user), the lock makes them safe to run concurrently.
import Database from 'better-sqlite3';
import type { DataSource } from 'typeorm';

/** Any fixed 64-bit key shared by every process of this application. */
const PG_LOCK_KEY = 7_310_052_611;
const BOOT_LOCK_WAIT_MS = 120_000;

export async function withBootLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (dataSource.options.type === 'postgres') {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [PG_LOCK_KEY]);
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [PG_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }
  const path = (dataSource.options as { database: string }).database;
  const lock = new Database(`${path}.boot-lock`, { timeout: BOOT_LOCK_WAIT_MS });
  try {
    // Waits (busy timeout) while another process holds it; boot has nothing else to do meanwhile.
    lock.exec('BEGIN IMMEDIATE');
    try {
      return await work();
    } finally {
      lock.exec('COMMIT');
    }
  } finally {
    lock.close();
  }
}
