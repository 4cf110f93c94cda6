import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, AnyRole, CurrentActor, Roles } from '../../common/auth/actor';
import { IdParam } from '../../common/http/id-param';
import { CreateIndicatorDto, UpdateIndicatorDto } from './dto/indicator.dto';
import type { Indicator } from './indicator.entity';
import { IndicatorsService } from './indicators.service';

@ApiTags('indicators')
@ApiBearerAuth()
@Controller()
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  /** The plan's catalogue: confirmed, proposed (by a department's figure, awaiting the office) and merged entries. */
  @Get('plans/:id/indicators')
  @AnyRole()
  list(@IdParam() id: string): Promise<Indicator[]> {
    return this.indicators.list(id);
  }

  @Post('plans/:id/indicators')
  @Roles('admin')
  create(@IdParam() id: string, @Body() body: CreateIndicatorDto, @CurrentActor() actor: Actor): Promise<Indicator> {
    return this.indicators.create(id, body, actor);
  }

  /** Edit, confirm a proposed indicator (`status: "confirmed"`) or merge it into another (`mergeInto`). */
  @Patch('indicators/:id')
  @Roles('admin')
  update(@IdParam() id: string, @Body() body: UpdateIndicatorDto, @CurrentActor() actor: Actor): Promise<Indicator> {
    return this.indicators.update(id, body, actor);
  }
}
