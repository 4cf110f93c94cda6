import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsDefined, IsInt, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';

/**
 * A figure under a catalogue indicator: by `indicatorId`, or by name (`indicator`, matched against
 * names and aliases; an unknown name proposes a new indicator). The value is checked against the
 * indicator's kind by the service (a rate within 0–100, no negative counts; text for a text indicator).
 */
export class ProgressFigureDto {
  @ApiPropertyOptional({ description: 'catalogue indicator id (GET /api/plans/:id/indicators)' })
  @IsOptional()
  @IsUUID()
  indicatorId?: string;

  @ApiPropertyOptional({ example: '审核规范性文件' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  indicator?: string;

  @ApiProperty({ example: 14, description: 'a number; text for a text indicator' })
  @IsDefined()
  value: number | string;

  @ApiPropertyOptional({ example: '件' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  unit?: string;

  @ApiPropertyOptional({ description: 'rate indicators: the count the rate is of (成功调解 45)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  numerator?: number;

  @ApiPropertyOptional({ description: 'rate indicators: the base (受理 50)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  denominator?: number;
}

export class CreateProgressReportDto {
  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  percent: number;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  narrative: string;

  @ApiPropertyOptional({ type: [ProgressFigureDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ProgressFigureDto)
  figures?: ProgressFigureDto[];

  @ApiPropertyOptional({ type: [String], description: 'evidence references: document numbers, links, file names' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  evidence?: string[];

  @ApiPropertyOptional({ example: '2026Q1', description: 'the reporting period; by default the quarter just ended while its window is open, else the current one' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  period?: string;

  @ApiPropertyOptional({ description: 'required when the percentage goes backwards; the reason for a correction' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class WithdrawProgressDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}
