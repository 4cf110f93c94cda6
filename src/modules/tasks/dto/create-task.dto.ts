import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../../common/validation/calendar-date';

export class MilestoneDto {
  @ApiProperty({ example: '2026-06-30' })
  @IsCalendarDate()
  date: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  description: string;
}

/** One task of a bulk assignment. Departments by id, name or alias; dueDate as a date or a 完成时限 text (6月底, 年底, 第二季度…). */
export class CreateTaskDto {
  @ApiPropertyOptional({ description: 'the plan item number (1…30 in the seed plan)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9999)
  itemNumber?: number;

  @ApiPropertyOptional({ description: 'the plan item id, where numbers repeat across chapters' })
  @IsOptional()
  @IsUUID()
  itemId?: string;

  @ApiPropertyOptional({ description: 'defaults to the item title' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title?: string;

  @ApiProperty({ description: 'id, name or alias' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  leadDepartment: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  cooperatingDepartments?: string[];

  @ApiProperty({ example: '2026-06-30' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  dueDate: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  deliverable?: string;

  @ApiPropertyOptional({ type: [MilestoneDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => MilestoneDto)
  milestones?: MilestoneDto[];
}
