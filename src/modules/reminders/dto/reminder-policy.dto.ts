import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, Max, Min } from 'class-validator';

/** Per-plan overrides of the configured reminder policy; omitted fields keep the configuration. */
export class ReminderPolicyDto {
  @ApiPropertyOptional({ type: [Number], example: [5, 1] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(60, { each: true })
  beforeWorkingDays?: number[];

  @ApiPropertyOptional({ example: 9 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(23)
  hour?: number;

  @ApiPropertyOptional({ example: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  overdueEveryWorkingDays?: number;

  @ApiPropertyOptional({ example: 2 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  autoSuperviseAfter?: number;

  @ApiPropertyOptional({ example: 3 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(30)
  quarterlyWorkingDaysBefore?: number;

  @ApiPropertyOptional({ example: 10, description: 'quarterly progress is due by this day of the month after the quarter (reporting window)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(28)
  reportingWindowDay?: number;

  @ApiPropertyOptional({ example: 3, description: 'working days after the reporting window before the quarter closes' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(30)
  closeAfterWorkingDays?: number;

  @ApiPropertyOptional({ example: 2, description: '签收提醒：分配后多少个工作日仍未签收即提醒（0 表示不提醒）' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(30)
  acknowledgeWithinWorkingDays?: number;
}
