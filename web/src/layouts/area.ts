import type { ComponentType, LazyExoticComponent } from 'react';

/** One page of an area: `path` relative to the area's base ('' is its home), `menu` puts it in the menu. */
export interface AreaRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  menu?: string;
}
