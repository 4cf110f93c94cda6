import { Global, Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller';
import { CalendarYearsRepository } from './calendar-years.repository';
import { CalendarService } from './calendar.service';

@Global()
@Module({ controllers: [CalendarController], providers: [CalendarService, CalendarYearsRepository], exports: [CalendarService] })
export class CalendarModule {}
