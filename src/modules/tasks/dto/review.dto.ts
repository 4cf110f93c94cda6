import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../../common/validation/calendar-date';
import { NOTICE_LEVELS, type NoticeLevel } from '../supervision-notice.entity';

export class CreateExtensionRequestDto {
  @ApiProperty({ example: '2026-09-30' })
  @IsCalendarDate()
  requestedDueDate: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class ReturnRequestDto {
  @ApiProperty({ description: '退回理由' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class CreateCompletionRequestDto {
  @ApiProperty({ description: '办结情况' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  summary: string;
}

export class CreateSupervisionNoticeDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  message: string;

  @ApiProperty({ example: '2026-07-10' })
  @IsCalendarDate()
  respondBy: string;

  @ApiPropertyOptional({ enum: NOTICE_LEVELS, description: 'blue 临期 / yellow 滞后 / red 逾期; default from the task light' })
  @IsOptional()
  @IsIn(NOTICE_LEVELS)
  level?: NoticeLevel;
}

export class RespondNoticeDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  response: string;
}
