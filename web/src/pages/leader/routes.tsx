import { lazy } from 'react';
import { leaderText } from '../../i18n/leader';
import type { AreaRoute } from '../../layouts/area';

export const leaderRoutes: AreaRoute[] = [
  { path: '', page: lazy(() => import('./DashboardPage')), menu: leaderText.menu.dashboard, plain: true },
  { path: 'rollups', page: lazy(() => import('./RollupPage')), menu: leaderText.menu.rollups },
  { path: 'departments', page: lazy(() => import('./DepartmentsPage')) },
  { path: 'overdue', page: lazy(() => import('./OverduePage')) },
  { path: 'chapters/:chapterId', page: lazy(() => import('./ChapterPage')) },
  { path: 'tasks/:id', page: lazy(() => import('./TaskTimelinePage')) },
];
