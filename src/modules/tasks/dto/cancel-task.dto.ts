import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ASSIGN_MODES, type AssignMode } from '../assignment-duplicates';

export class CancelTaskDto {
  @ApiProperty({ description: '撤销原因' })
  @IsString()
  @IsNotEmpty({ message: 'reason: 撤销原因不能为空' })
  @MaxLength(2000)
  reason: string;
}

/** `mode` of a bulk assignment or 分工表 upload: see assignment-duplicates.ts. */
export class AssignModeQuery {
  @ApiPropertyOptional({ enum: ASSIGN_MODES, description: '已分配的行：不传则拒绝（409）；append 仍然追加；replace 撤销该要点尚未开始的任务后重新分配' })
  @IsOptional()
  @IsIn(ASSIGN_MODES, { message: 'mode: 只能是 append 或 replace' })
  mode?: AssignMode;
}
