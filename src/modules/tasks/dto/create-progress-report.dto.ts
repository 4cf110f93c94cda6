import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export class ProgressFigureDto {
  @ApiProperty({ example: '审核规范性文件' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  indicator: string;

  @ApiProperty({ example: 14 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e12)
  value: number;

  @ApiProperty({ example: '件' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  unit: string;
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
}
