import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsCalendarDate } from '../../../common/validation/calendar-date';
import { CreateTaskDto } from './create-task.dto';

/** Admin edits: the task fields of an assignment, all optional, plus the version read (409 if stale). */
export class UpdateTaskDto extends PartialType(
  PickType(CreateTaskDto, ['title', 'leadDepartment', 'cooperatingDepartments', 'deliverable', 'milestones'] as const),
) {
  @ApiProperty({ description: 'the version you read; a stale one gets 409' })
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  version: number;

  /** A calendar date here (a 完成时限 text is for assignment only). */
  @ApiPropertyOptional({ example: '2026-09-30' })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string;
}
