import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUrl, MaxLength, ValidateIf } from 'class-validator';
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

  @ApiPropertyOptional({ description: 'DingTalk or WeCom group robot webhook URL for reminder digests; empty string removes it' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @ValidateIf((o: { webhookUrl?: string }) => o.webhookUrl !== '')
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true }, { message: 'webhookUrl 必须是 http(s) 地址' })
  webhookUrl?: string;

  @ApiPropertyOptional({ enum: ['dingtalk', 'wecom'] })
  @IsOptional()
  @IsIn(['dingtalk', 'wecom'])
  webhookKind?: 'dingtalk' | 'wecom';

  @ApiPropertyOptional({ description: 'DingTalk 加签 secret (SEC…)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  webhookSecret?: string;
}
