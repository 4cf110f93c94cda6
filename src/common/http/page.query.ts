// The paging fields of a list query (`page`, `pageSize` up to 100), validated and documented once.
// A list query extends `PageQuery(defaultPageSize)`; the service applies the defaults.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const PAGE_SIZE_MAX = 100;

export function PageQuery(defaultPageSize: number, descriptions: { page?: string; pageSize?: string } = {}) {
  class Paged {
    @ApiPropertyOptional({ default: 1, description: descriptions.page })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(100_000)
    page?: number;

    @ApiPropertyOptional({ default: defaultPageSize, maximum: PAGE_SIZE_MAX, description: descriptions.pageSize })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(PAGE_SIZE_MAX)
    pageSize?: number;
  }
  return Paged;
}
