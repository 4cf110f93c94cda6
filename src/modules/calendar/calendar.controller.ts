import { BadRequestException, Body, Controller, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, AnyRole, CurrentActor, Roles } from '../../common/auth/actor';
import { CalendarService } from './calendar.service';
import { EnterCalendarDto } from './dto/enter-calendar.dto';
import type { YearCalendar } from './working-days';

const yearPipe = new ParseIntPipe({ exceptionFactory: () => new BadRequestException('year: 必须是四位年份') });

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get(':year')
  @AnyRole()
  get(@Param('year', yearPipe) year: number): YearCalendar {
    if (year < 2000 || year > 2100) throw new BadRequestException('year: 超出支持范围 2000–2100');
    return this.calendar.get(year);
  }

  /** Enters (or corrects) a year's holidays and make-up working days; replans that year's reminders. */
  @Put(':year')
  @Roles('admin')
  put(@Param('year', yearPipe) year: number, @Body() body: EnterCalendarDto, @CurrentActor() actor: Actor): Promise<YearCalendar> {
    if (year < 2000 || year > 2100) throw new BadRequestException('year: 超出支持范围 2000–2100');
    return this.calendar.enter(year, body, actor);
  }
}
