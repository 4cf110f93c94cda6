import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsNull } from 'typeorm';
import { type Actor, AnyRole, CurrentActor } from '../../common/auth/actor';
import { InvalidInput, NotFound } from '../../common/errors/domain-error';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { IdParam } from '../../common/http/id-param';
import { Clock } from '../../common/time/clock';
import { Notification } from './notification.entity';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly tx: TransactionRunner, private readonly clock: Clock) {}

  /** The caller's own notifications, newest first (at most 200). */
  @Get()
  @AnyRole()
  @ApiQuery({ name: 'unread', required: false, type: Boolean })
  list(@CurrentActor() actor: Actor, @Query('unread') unread?: string): Promise<Notification[]> {
    if (unread !== undefined && unread !== 'true' && unread !== 'false') throw new InvalidInput('unread: 必须是 true 或 false');
    const where = unread === 'true' ? { userId: actor.id, readAt: IsNull() } : { userId: actor.id };
    return this.tx.manager().find(Notification, { where, order: { createdAt: 'DESC', id: 'ASC' }, take: 200 });
  }

  @Post(':id/read')
  @AnyRole()
  @HttpCode(200)
  async read(@IdParam() id: string, @CurrentActor() actor: Actor): Promise<Notification> {
    return this.tx.run(async (em) => {
      const n = await em.findOneBy(Notification, { id, userId: actor.id });
      if (!n) throw new NotFound('notification', id);
      if (!n.readAt) {
        n.readAt = this.clock.now().toISOString();
        await em.save(Notification, n);
      }
      return n;
    });
  }
}
