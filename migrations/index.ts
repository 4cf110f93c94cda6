// Migrations are listed explicitly (not globbed) so the same list works from ts-jest, dist/ and the CLI.
import { InitialSchema1763900000000 } from './1763900000000-initial-schema';
import { TasksAndLedger1763900100000 } from './1763900100000-tasks-and-ledger';
import { Rollups1763900200000 } from './1763900200000-rollups';
import { RemindersAndCalendar1763900300000 } from './1763900300000-reminders-and-calendar';

import { RollupAsOfIndex1763900900000 } from './1763900900000-rollup-asof-index';
import { PlanArchive1764120000000 } from './1764120000000-plan-archive';
import { PeriodsAndIndicators1764200000000 } from './1764200000000-periods-and-indicators';
import { TaskLifecycleAndEvents1764300000000 } from './1764300000000-task-lifecycle-and-events';
import { LedgerChangeSequence1764410000000 } from './1764410000000-ledger-change-sequence';
import { RollupSnapshotParts1764500000000 } from './1764500000000-rollup-snapshot-parts';
export const MIGRATIONS = [
  InitialSchema1763900000000, TasksAndLedger1763900100000, Rollups1763900200000, RemindersAndCalendar1763900300000, RollupAsOfIndex1763900900000,
  PlanArchive1764120000000, PeriodsAndIndicators1764200000000, TaskLifecycleAndEvents1764300000000,
  LedgerChangeSequence1764410000000, RollupSnapshotParts1764500000000,
];
