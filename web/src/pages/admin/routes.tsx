// The legal office's pages. To add one: create web/src/pages/admin/<Page>.tsx (default export),
// add a line here; `menu` (text from i18n/admin.ts) puts it in the header menu.
import { lazy } from 'react';
import { adminText, officeText } from '../../i18n/admin';
import type { AreaRoute } from '../../layouts/area';

export const adminRoutes: AreaRoute[] = [
  { path: '', page: lazy(() => import('./AdminHome')), menu: adminText.menu.home },
  { path: 'tasks/:id/edit', page: lazy(() => import('./TaskEditPage')) },
  { path: 'import', page: lazy(() => import('./PlanImportPage')), menu: officeText.menu.importPlan },
  { path: 'assign', page: lazy(() => import('./AssignPage')), menu: officeText.menu.assign },
  { path: 'tasks', page: lazy(() => import('./TaskLedgerPage')), menu: officeText.menu.ledger },
  { path: 'tasks/:id', page: lazy(() => import('./AdminTaskPage')) },
  { path: 'quarters', page: lazy(() => import('./QuartersPage')), menu: officeText.menu.quarters },
  { path: 'directory', page: lazy(() => import('./DirectoryPage')), menu: officeText.menu.directory },
  { path: 'settings', page: lazy(() => import('./SettingsPage')), menu: officeText.menu.settings },
];
