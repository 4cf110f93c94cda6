import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '../../../common/http/page.query';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

/**
 * A plan's 督办 notices. Without `page`/`pageSize` the answer holds every matching notice (as it always
 * has); with either, one page of them and the paging fields.
 */
export class ListPlanNoticesQuery extends PageQuery(20, { page: 'page the notices (default 1 when pageSize is given)', pageSize: 'notices a page (default 20 when page is given)' }) {
  @ApiPropertyOptional({ description: 'true: only notices not yet responded to (待回复); false: only those responded to' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'open 必须是 true 或 false' })
  open?: boolean;
}
