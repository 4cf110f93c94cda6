import { lazy } from 'react';
import { deptText } from '../../i18n/department';
import type { AreaRoute } from '../../layouts/area';

export const departmentRoutes: AreaRoute[] = [
  { path: '', page: lazy(() => import('./MyTasksPage')), menu: deptText.menu.tasks },
  { path: 'tasks/:id', page: lazy(() => import('./TaskDetailPage')) },
];
