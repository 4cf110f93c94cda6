import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

/** How many rows each list of the compact dashboard shows by default: a phone screen's worth. */
export const DASHBOARD_LIMIT_DEFAULT = 10;
export const DASHBOARD_LIMIT_MAX = 50;
export const DRILL_DOWN_PAGE_SIZE_DEFAULT = 20;
export const DRILL_DOWN_PAGE_SIZE_MAX = 100;

/** GET /api/plans/:id/dashboard */
export class DashboardQuery {
  @ApiPropertyOptional({
    default: DASHBOARD_LIMIT_DEFAULT, minimum: 1, maximum: DASHBOARD_LIMIT_MAX,
    description: 'rows per list: departments by lights, the top and the bottom of the ranking, overdue tasks, 未报送 departments',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `应为 1–${DASHBOARD_LIMIT_MAX} 的整数` })
  @Min(1, { message: `应为 1–${DASHBOARD_LIMIT_MAX} 的整数` })
  @Max(DASHBOARD_LIMIT_MAX, { message: `应为 1–${DASHBOARD_LIMIT_MAX} 的整数` })
  limit?: number;
}

class DrillDownPageQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '应为从 1 开始的整数' })
  @Min(1, { message: '应为从 1 开始的整数' })
  @Max(100_000, { message: '不能大于 100000' })
  page?: number;

  @ApiPropertyOptional({ default: DRILL_DOWN_PAGE_SIZE_DEFAULT, minimum: 1, maximum: DRILL_DOWN_PAGE_SIZE_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `应为 1–${DRILL_DOWN_PAGE_SIZE_MAX} 的整数` })
  @Min(1, { message: `应为 1–${DRILL_DOWN_PAGE_SIZE_MAX} 的整数` })
  @Max(DRILL_DOWN_PAGE_SIZE_MAX, { message: `应为 1–${DRILL_DOWN_PAGE_SIZE_MAX} 的整数` })
  pageSize?: number;
}

/** attention: most red, then most yellow lights first; rank: the ranking's order (unranked last); name: by name. */
export const DASHBOARD_DEPARTMENT_SORTS = ['attention', 'rank', 'name'] as const;
export type DashboardDepartmentSort = (typeof DASHBOARD_DEPARTMENT_SORTS)[number];

/** GET /api/plans/:id/dashboard/departments */
export class DashboardDepartmentsQuery extends DrillDownPageQuery {
  @ApiPropertyOptional({ enum: DASHBOARD_DEPARTMENT_SORTS, default: 'attention' })
  @IsOptional()
  @IsIn(DASHBOARD_DEPARTMENT_SORTS, { message: `应为 ${DASHBOARD_DEPARTMENT_SORTS.join('、')} 之一` })
  sort?: DashboardDepartmentSort;
}

/** GET /api/plans/:id/dashboard/overdue */
export class DashboardOverdueQuery extends DrillDownPageQuery {
  @ApiPropertyOptional({ description: 'only the tasks of this chapter' })
  @IsOptional()
  @IsUUID(undefined, { message: '应为有效的 ID (UUID)' })
  chapterId?: string;

  @ApiPropertyOptional({ description: 'only the tasks this department leads' })
  @IsOptional()
  @IsUUID(undefined, { message: '应为有效的 ID (UUID)' })
  departmentId?: string;
}
