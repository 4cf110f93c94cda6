import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type Actor, AnyRole, CurrentActor } from '../../common/auth/actor';
import { InvalidInput } from '../../common/errors/domain-error';
import { IdParam } from '../../common/http/id-param';
import type { Notification } from './notification.entity';
import { NotificationPage, NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** The caller's own notifications, newest first, `limit` (default 50, at most 200) a page. */
  @Get()
  @AnyRole()
  @ApiQuery({ name: 'unread', required: false, type: Boolean })
  @ApiQuery({ name: 'cursor', required: false, type: String })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  list(
    @CurrentActor() actor: Actor,
    @Query('unread') unread?: string,
    @Query('cursor') cursor?: string,
    @Query('limit') limit?: string,
  ): Promise<NotificationPage> {
    if (unread !== undefined && unread !== 'true' && unread !== 'false') throw new InvalidInput('unread: 必须是 true 或 false');
    if (limit !== undefined && !/^\d{1,3}$/.test(limit)) throw new InvalidInput('limit: 必须是 1 到 200 的整数');
    const size = limit === undefined ? 50 : Number(limit);
    if (size < 1 || size > 200) throw new InvalidInput('limit: 必须是 1 到 200 的整数');
    if (cursor !== undefined && typeof cursor !== 'string') throw new InvalidInput('cursor: 无效的分页游标');
    return this.notifications.list(actor, { unreadOnly: unread === 'true', limit: size, cursor: cursor || undefined });
  }

  @Post('read-all')
  @AnyRole()
  @HttpCode(200)
  readAll(@CurrentActor() actor: Actor): Promise<{ marked: number; unread: number }> {
    return this.notifications.readAll(actor);
  }

  @Post(':id/read')
  @AnyRole()
  @HttpCode(200)
  read(@IdParam() id: string, @CurrentActor() actor: Actor): Promise<Notification> {
    return this.notifications.read(id, actor);
  }
}
