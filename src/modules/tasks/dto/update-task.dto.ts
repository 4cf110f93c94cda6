import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Min } from 'class-validator';
import { CreateTaskDto } from './create-task.dto';

/** Admin edits: the task fields of an assignment, all optional, plus the version read (409 if stale). */
export class UpdateTaskDto extends PartialType(
  PickType(CreateTaskDto, ['title', 'leadDepartment', 'cooperatingDepartments', 'deliverable', 'milestones'] as const),
) {
  @ApiProperty({ description: 'the version you read; a stale one gets 409' })
  @IsInt()
  @Min(0)
  version: number;

  /** A calendar date here (a 完成时限 text is for assignment only). */
  @ApiPropertyOptional({ example: '2026-09-30' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueDate 必须是 YYYY-MM-DD 日期' })
  dueDate?: string;
}
