import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ImportPlanDto {
  @ApiProperty({ description: 'the plan document as plain text or Markdown' })
  @IsString()
  @MaxLength(6 * 1024 * 1024)
  text: string;

  @ApiPropertyOptional({ description: 'parse and return the plan without storing anything' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ description: 'the plan year, when the document does not state it' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ description: 'the plan title, when the document does not state it' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ description: 'where the text came from (file name)' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  sourceName?: string;
}

/** The text fields of a multipart import (the document itself is the `file` part). */
export class ImportPlanFormDto extends PickType(ImportPlanDto, ['dryRun', 'year', 'title'] as const) {}
