import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsUUID, registerDecorator } from 'class-validator';

/** How many rows each list of the compact dashboard shows by default: a phone screen's worth. */
export const DASHBOARD_LIMIT_DEFAULT = 10;
export const DASHBOARD_LIMIT_MAX = 50;
export const DRILL_DOWN_PAGE_SIZE_DEFAULT = 20;
export const DRILL_DOWN_PAGE_SIZE_MAX = 100;

/**
 * An integer within [min, max], as one rule with one Chinese message ("limit: 应为 1–50 的整数"):
 * IsInt + Min + Max would give three messages for "abc" (NaN fails all three).
 */
function IsIntBetween(min: number, max: number): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isIntBetween',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `应为 ${min}–${max} 的整数` },
      validator: { validate: (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max },
    });
  };
}

/** GET /api/plans/:id/dashboard */
export class DashboardQuery {
  @ApiPropertyOptional({
    default: DASHBOARD_LIMIT_DEFAULT, minimum: 1, maximum: DASHBOARD_LIMIT_MAX,
    description: 'rows per list: departments by lights, the top and the bottom of the ranking, overdue tasks, 未报送 departments',
  })
  @IsOptional()
  @Type(() => Number)
  @IsIntBetween(1, DASHBOARD_LIMIT_MAX)
  limit?: number;
}

class DrillDownPageQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsIntBetween(1, 100_000)
  page?: number;

  @ApiPropertyOptional({ default: DRILL_DOWN_PAGE_SIZE_DEFAULT, minimum: 1, maximum: DRILL_DOWN_PAGE_SIZE_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsIntBetween(1, DRILL_DOWN_PAGE_SIZE_MAX)
  pageSize?: number;
}

/** attention: most red, then most yellow lights first; rank: the ranking's order (unranked last); name: by name. */
export const DASHBOARD_DEPARTMENT_SORTS = ['attention', 'rank', 'name'] as const;
export type DashboardDepartmentSort = (typeof DASHBOARD_DEPARTMENT_SORTS)[number];

/** GET /api/plans/:id/dashboard/departments */
export class DashboardDepartmentsQuery extends DrillDownPageQuery {
  @ApiPropertyOptional({ enum: DASHBOARD_DEPARTMENT_SORTS, default: 'attention' })
  @IsOptional()
  @IsIn(DASHBOARD_DEPARTMENT_SORTS, { message: `可选 ${DASHBOARD_DEPARTMENT_SORTS.join('、')}` })
  sort?: DashboardDepartmentSort;
}

/** GET /api/plans/:id/dashboard/overdue */
export class DashboardOverdueQuery extends DrillDownPageQuery {
  @ApiPropertyOptional({ description: 'only the tasks of this chapter' })
  @IsOptional()
  @IsUUID(undefined, { message: '必须是有效的 ID (UUID)' })
  chapterId?: string;

  @ApiPropertyOptional({ description: 'only the tasks this department leads' })
  @IsOptional()
  @IsUUID(undefined, { message: '必须是有效的 ID (UUID)' })
  departmentId?: string;
}
