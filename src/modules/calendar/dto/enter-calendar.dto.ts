import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, Matches } from 'class-validator';

export class EnterCalendarDto {
  @ApiProperty({ type: [String], example: ['2027-01-01', '2027-02-06'], description: '法定节假日（放假日期）' })
  @IsArray()
  @ArrayMaxSize(366)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true, message: 'holidays 中的日期必须是 YYYY-MM-DD' })
  holidays: string[];

  @ApiProperty({ type: [String], example: ['2027-02-20'], description: '调休上班日' })
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true, message: 'workdays 中的日期必须是 YYYY-MM-DD' })
  workdays: string[];
}
