import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { INDICATOR_KINDS, type IndicatorKind } from '../indicator.entity';

export class CreateIndicatorDto {
  @ApiProperty({ example: '行政复议受理数' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({ example: '件', description: 'empty string for none' })
  @IsString()
  @MaxLength(20)
  unit: string;

  @ApiProperty({ enum: INDICATOR_KINDS })
  @IsIn(INDICATOR_KINDS as unknown as string[])
  kind: IndicatorKind;

  @ApiPropertyOptional({ type: [String], example: ['受理行政复议案件'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  aliases?: string[];
}

/** The create fields, each optional (PartialType keeps their validation), plus: edit, confirm (status: "confirmed") or merge (mergeInto: the indicator it is the same as) a catalogue entry. */
export class UpdateIndicatorDto extends PartialType(CreateIndicatorDto) {
  @ApiPropertyOptional({ enum: ['confirmed'], description: 'confirm a proposed indicator' })
  @IsOptional()
  @IsIn(['confirmed'])
  status?: 'confirmed';

  @ApiPropertyOptional({ description: 'merge this indicator into another of the same plan: its figures count for that one, its name becomes an alias' })
  @IsOptional()
  @IsUUID()
  mergeInto?: string;
}
