import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * A plan's 督办 notices. Without `page`/`pageSize` the answer holds every matching notice (as it always
 * has); with either, one page of them and the paging fields.
 */
export class ListPlanNoticesQuery {
  @ApiPropertyOptional({ description: 'true: only notices not yet responded to (待回复); false: only those responded to' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'open 必须是 true 或 false' })
  open?: boolean;

  @ApiPropertyOptional({ description: 'page the notices (default 1 when pageSize is given)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ maximum: 100, description: 'notices a page (default 20 when page is given)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}
