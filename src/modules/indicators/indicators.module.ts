import { Module } from '@nestjs/common';
import { IndicatorsController } from './indicators.controller';
import { IndicatorsRepository } from './indicators.repository';
import { IndicatorsService } from './indicators.service';

/** 指标目录: per-plan typed indicators that progress figures are filed under. */
@Module({
  controllers: [IndicatorsController],
  providers: [IndicatorsService, IndicatorsRepository],
  exports: [IndicatorsService, IndicatorsRepository],
})
export class IndicatorsModule {}
