import { Body, Controller, HttpCode, Patch, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { IdParam } from '../../common/http/id-param';
import { readImportSource } from '../plans/plans.controller';
import type { PlanView } from '../plans/plans.service';
import { ArchivePlanDto, MergePlanItemsDto, SplitPlanItemDto, UpdatePlanItemDto } from './dto/correct-plan-item.dto';
import { PlanCorrectionsService } from './plan-corrections.service';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans/:id')
export class PlanCorrectionsController {
  constructor(private readonly corrections: PlanCorrectionsService) {}

  @Patch('items/:itemId')
  @Roles('admin')
  @ApiOperation({ summary: '更正一条要点（编号、标题、正文、所属章节）' })
  updateItem(@IdParam() id: string, @IdParam('itemId') itemId: string, @Body() dto: UpdatePlanItemDto, @CurrentActor() actor: Actor): Promise<PlanView> {
    return this.corrections.updateItem(id, itemId, dto, actor.id);
  }

  @Post('items/:itemId/split')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: '把误读为一条的要点拆成几条' })
  split(@IdParam() id: string, @IdParam('itemId') itemId: string, @Body() dto: SplitPlanItemDto, @CurrentActor() actor: Actor): Promise<PlanView> {
    return this.corrections.splitItem(id, itemId, dto, actor.id);
  }

  @Post('items/merge')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: '把误读为几条的要点合并为一条（任务随之移到合并后的要点）' })
  merge(@IdParam() id: string, @Body() dto: MergePlanItemsDto, @CurrentActor() actor: Actor): Promise<PlanView> {
    return this.corrections.mergeItems(id, dto, actor.id);
  }

  @Put('document')
  @Roles('admin')
  @ApiOperation({ summary: '用更正后的文档替换计划内容（计划尚无任务时）' })
  @ApiConsumes('application/json', 'multipart/form-data')
  async replaceDocument(@IdParam() id: string, @Req() req: FastifyRequest, @CurrentActor() actor: Actor): Promise<PlanView> {
    return this.corrections.replaceDocument(id, await readImportSource(req), actor.id);
  }

  @Post('archive')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: '归档计划（误导入的计划；尚无任务时）' })
  archive(@IdParam() id: string, @Body() dto: ArchivePlanDto, @CurrentActor() actor: Actor): Promise<PlanView> {
    return this.corrections.archive(id, dto.reason, actor.id);
  }
}
