import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { DEPARTMENT_KINDS, type DepartmentKind } from '../department.entity';

export class CreateDepartmentDto {
  @ApiProperty({ example: '区城市管理局' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ example: '城管局' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  shortName?: string;

  @ApiPropertyOptional({ type: [String], example: ['区城管局', '城市管理局'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  aliases?: string[];

  @ApiPropertyOptional({ enum: DEPARTMENT_KINDS })
  @IsOptional()
  @IsIn(DEPARTMENT_KINDS)
  kind?: DepartmentKind;
}
