import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray } from 'class-validator';
import { IsCalendarDate } from '../../../common/validation/calendar-date';

export class EnterCalendarDto {
  @ApiProperty({ type: [String], example: ['2027-01-01', '2027-02-06'], description: '法定节假日（放假日期）' })
  @IsArray()
  @ArrayMaxSize(366)
  @IsCalendarDate({ each: true })
  holidays: string[];

  @ApiProperty({ type: [String], example: ['2027-02-20'], description: '调休上班日' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsCalendarDate({ each: true })
  workdays: string[];
}
