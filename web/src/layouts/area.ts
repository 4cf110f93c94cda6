import type { ComponentType, LazyExoticComponent } from 'react';

/**
 * One page of an area: `path` relative to the area's base ('' is its home), `menu` puts it in the
 * header menu. Pages are wrapped in antd's ConfigProvider (zh_CN) and App unless `plain` is set:
 * a plain page (the leaders' dashboard) must not use antd, so its route stays small.
 */
export interface AreaRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  menu?: string;
  plain?: boolean;
}
