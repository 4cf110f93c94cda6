// In-app notifications: one row per reminder and user, or per event and user (unique keys).
import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, In, IsNull } from 'typeorm';
import { inChunks } from '../../common/database/chunks';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { User } from '../users/user.entity';
import { Notification } from './notification.entity';

export interface NotificationCursor {
  createdAt: string;
  id: string;
}

@Injectable()
export class NotificationsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private em(): EntityManager {
    return this.tx.manager();
  }

  /** Inserts the rows, skipping any whose (reminder, user) or (event, user) pair already has one. */
  async insertNotifications(rows: Notification[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 50) {
      await this.em().createQueryBuilder().insert().into(Notification).values(rows.slice(i, i + 50)).orIgnore().execute();
    }
  }

  /** A user's notifications, newest first, after the cursor position. */
  page(userId: string, unreadOnly: boolean, limit: number, after: NotificationCursor | null): Promise<Notification[]> {
    const qb = this.em().createQueryBuilder(Notification, 'n').where('n.user_id = :userId', { userId });
    if (unreadOnly) qb.andWhere('n.read_at IS NULL');
    if (after) {
      qb.andWhere(new Brackets((w) => w
        .where('n.created_at < :afterAt', { afterAt: after.createdAt })
        .orWhere('n.created_at = :afterAt AND n.id < :afterId', { afterAt: after.createdAt, afterId: after.id })));
    }
    return qb.orderBy('n.created_at', 'DESC').addOrderBy('n.id', 'DESC').limit(limit).getMany();
  }

  unreadCount(userId: string): Promise<number> {
    return this.em().count(Notification, { where: { userId, readAt: IsNull() } });
  }

  /** The notification if it belongs to the user. */
  findOwn(id: string, userId: string): Promise<Notification | null> {
    return this.em().findOneBy(Notification, { id, userId });
  }

  async markRead(id: string, at: string): Promise<void> {
    await this.em().update(Notification, { id, readAt: IsNull() }, { readAt: at });
  }

  async markAllRead(userId: string, at: string): Promise<number> {
    const res = await this.em().update(Notification, { userId, readAt: IsNull() }, { readAt: at });
    return res.affected ?? 0;
  }

  /** Enabled users of these departments (who receive what concerns their department). */
  activeUsersOfDepartments(departmentIds: string[]): Promise<User[]> {
    return inChunks(departmentIds, (chunk) => this.em().find(User, { where: { departmentId: In(chunk), disabled: false } }));
  }

  /** Enabled users with a role (the legal office: admin; leaders: leader). */
  activeUsersWithRole(role: User['role']): Promise<User[]> {
    return this.em().find(User, { where: { role, disabled: false } });
  }
}
