// Tests that need something outside Node (PostgreSQL, LibreOffice) skip with the reason in their
// name when it is missing on a developer's machine, and fail in CI (CI=true), where it must be there.
// Decided synchronously while the test file is collected, so a skip is a real Jest skip, reported as
// such, rather than a test that returns early and reports green.
import { describe, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { PG_ADMIN_URL, type TestDbType } from './test-database';

export function isCI(): boolean {
  const ci = process.env.CI;
  return !!ci && ci !== 'false' && ci !== '0';
}

export interface Requirement {
  available: boolean;
  /** `describe`, or `describe.skip` when the requirement is missing. */
  describe: (name: string, fn: () => void) => void;
  /** `it`, or `it.skip` when the requirement is missing. */
  it: (name: string, fn: () => Promise<unknown>, timeout?: number) => void;
  /** The title, with the reason appended when skipped. */
  title(name: string): string;
}

/** Throws in CI when `available` is false; else skips with the reason in the title and a warning. */
function requirement(available: boolean, missing: string): Requirement {
  if (!available && isCI()) throw new Error(`required in CI: ${missing}`);
  if (!available) console.warn(`SKIPPED: ${missing}`);
  return {
    available,
    describe: available ? describe : describe.skip,
    it: available ? it : it.skip,
    title: (name) => (available ? name : `${name} [skipped: ${missing}]`),
  };
}

let postgres: Requirement | null = null;

/** PostgreSQL at TEST_PG_URL (checked once per test file, in a child process so the check is synchronous). */
export function postgresRequirement(): Requirement {
  if (!postgres) {
    const probe = spawnSync(process.execPath, ['-e', `
      const pg = require('pg');
      const c = new pg.Client({ connectionString: process.argv[1], connectionTimeoutMillis: 2000 });
      c.connect().then(() => c.end()).then(() => process.exit(0), () => process.exit(1));
    `, PG_ADMIN_URL], { cwd: process.cwd(), timeout: 10_000 });
    postgres = requirement(probe.status === 0, `PostgreSQL not reachable at ${PG_ADMIN_URL} (start it or set TEST_PG_URL)`);
  }
  return postgres;
}

/** The LibreOffice binary (libreoffice or soffice), with pdftotext to read its output; null when missing. */
export function libreOfficeBinary(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v libreoffice || command -v soffice'], { encoding: 'utf8' });
  const pdftotext = spawnSync('sh', ['-c', 'command -v pdftotext'], { encoding: 'utf8' });
  return found.status === 0 && pdftotext.status === 0 ? found.stdout.trim() : null;
}

export function libreOfficeRequirement(): Requirement {
  return requirement(libreOfficeBinary() !== null,
    'LibreOffice or pdftotext not installed (apt-get install -y --no-install-recommends libreoffice-writer poppler-utils fonts-noto-cjk)');
}

const ALWAYS: Requirement = { available: true, describe, it, title: (name) => name };

/** SQLite is always there; PostgreSQL as above. */
export function databaseRequirement(type: TestDbType): Requirement {
  return type === 'postgres' ? postgresRequirement() : ALWAYS;
}
