// In-app notifications, one row per reminder and user.
import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { Notification } from './notification.entity';

@Injectable()
export class NotificationsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private em(): EntityManager {
    return this.tx.manager();
  }

  /** Inserts the rows, skipping any whose (reminder, user) pair already has one. */
  async insertNotifications(rows: Notification[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 50) {
      await this.em().createQueryBuilder().insert().into(Notification).values(rows.slice(i, i + 50)).orIgnore().execute();
    }
  }

  /** A user's notifications, newest first, at most `limit`. */
  listOf(userId: string, unreadOnly: boolean, limit: number): Promise<Notification[]> {
    const where = unreadOnly ? { userId, readAt: IsNull() } : { userId };
    return this.em().find(Notification, { where, order: { createdAt: 'DESC', id: 'ASC' }, take: limit });
  }

  /** The notification if it belongs to the user. */
  findOwn(id: string, userId: string): Promise<Notification | null> {
    return this.em().findOneBy(Notification, { id, userId });
  }

  async save(n: Notification): Promise<void> {
    await this.em().save(Notification, n);
  }
}
