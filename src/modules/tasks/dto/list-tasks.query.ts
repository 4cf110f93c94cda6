import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '../../../common/http/page.query';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { LIGHTS, type Light } from '../task-light';
import { TASK_STATUSES, type TaskStatus } from '../task.entity';

/** Ledger sort keys: plan order (seq), due date, progress percent, last update. */
export const TASK_SORTS = ['seq', 'dueDate', 'percent', 'updatedAt'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

export class ListTasksQuery extends PageQuery(50) {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  planId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ enum: LIGHTS })
  @IsOptional()
  @IsIn(LIGHTS)
  light?: Light;

  @ApiPropertyOptional({ description: 'keyword: part of the task title or deliverable, or the item number' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'due on or after this date' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueFrom 必须是 YYYY-MM-DD 日期' })
  dueFrom?: string;

  @ApiPropertyOptional({ example: '2026-06-30', description: 'due on or before this date' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueTo 必须是 YYYY-MM-DD 日期' })
  dueTo?: string;

  @ApiPropertyOptional({ description: 'only tasks with a pending extension request (true) or without one (false)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'pendingExtension 必须是 true 或 false' })
  pendingExtension?: boolean;

  @ApiPropertyOptional({ enum: TASK_SORTS, default: 'seq' })
  @IsOptional()
  @IsIn(TASK_SORTS, { message: `sort 必须是 ${TASK_SORTS.join('、')} 之一` })
  sort?: TaskSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'order 必须是 asc 或 desc' })
  order?: 'asc' | 'desc';
}
