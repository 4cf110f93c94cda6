import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { IdParam } from '../../common/http/id-param';
import { DeliveriesService, type DeliveryFilter, type DeliveryView } from './deliveries.service';

export class DeliveriesQuery {
  @ApiProperty({ enum: ['failed', 'late'], description: 'failed: 送达或群机器人发送失败; late: 超过提醒时间 5 分钟仍未送达' })
  @IsIn(['failed', 'late'])
  status!: DeliveryFilter;

  @ApiPropertyOptional({ format: 'uuid', description: '只看这个计划的提醒' })
  @IsOptional()
  @IsUUID()
  planId?: string;
}

export class DeliveryDto implements DeliveryView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['before_due', 'due', 'overdue', 'quarterly'] }) kind!: DeliveryView['kind'];
  @ApiProperty() planId!: string;
  @ApiProperty({ nullable: true, type: String }) taskId!: string | null;
  @ApiProperty() departmentId!: string;
  @ApiProperty() fireAt!: string;
  @ApiProperty({ enum: ['planned', 'queued', 'sent', 'cancelled', 'failed', 'skipped'] }) status!: DeliveryView['status'];
  @ApiProperty({ enum: ['none', 'pending', 'sending', 'sent', 'failed'] }) webhookStatus!: DeliveryView['webhookStatus'];
  @ApiProperty() attempt!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String }) sentAt!: string | null;
  @ApiProperty({ enum: ['webhook', 'reminder'], nullable: true }) retry!: DeliveryView['retry'];
}

export class DeliveryListDto {
  @ApiProperty({ type: [DeliveryDto] }) items!: DeliveryDto[];
}

@ApiTags('deliveries')
@ApiBearerAuth()
@Controller('deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: '查看发送失败或延迟的提醒（管理员）' })
  @ApiResponse({ status: 200, type: DeliveryListDto })
  list(@Query() query: DeliveriesQuery): Promise<{ items: DeliveryView[] }> {
    return this.deliveries.list(query.status, query.planId);
  }

  @Post(':id/retry')
  @Roles('admin')
  @HttpCode(202)
  @ApiOperation({ summary: '重试一条失败或延迟的提醒（管理员）' })
  @ApiResponse({ status: 202, type: DeliveryDto, description: '已重新排队，由调度器发送' })
  retry(@IdParam() id: string, @CurrentActor() actor: Actor): Promise<DeliveryView> {
    return this.deliveries.retry(id, actor);
  }
}
