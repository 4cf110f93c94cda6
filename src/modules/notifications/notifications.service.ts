// In-app notifications: the caller's inbox (cursor-paged), marking read, and writing the
// notifications of an event for its recipients inside the transaction of the change itself
// (outbox style: the notification exists if and only if the change committed).
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { newId } from '../../common/database/ids';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { InvalidInput, NotFound } from '../../common/errors/domain-error';
import { Clock } from '../../common/time/clock';
import type { User } from '../users/user.entity';
import { Notification } from './notification.entity';
import { NotificationCursor, NotificationsRepository } from './notifications.repository';

export interface NotificationPage {
  items: Notification[];
  /** All unread notifications of the caller (not only this page's). */
  unread: number;
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** Who receives an event: users of departments and/or every user with a role. */
export interface Recipients {
  departmentIds?: string[];
  roles?: User['role'][];
}

export interface EventNotice {
  /** Unique per event: a second write of the same event adds nothing for a user who has it. */
  eventKey: string;
  kind: string;
  title: string;
  body: string;
  planId: string | null;
  taskId: string | null;
  link: string | null;
}

export function encodeCursor(n: NotificationCursor): string {
  return Buffer.from(`${n.createdAt}|${n.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): NotificationCursor {
  const [createdAt, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || extra !== undefined || !/^\d{4}-\d{2}-\d{2}T/.test(createdAt)) throw new InvalidInput('cursor: 无效的分页游标');
  return { createdAt, id };
}

@Injectable()
export class NotificationsService {
  constructor(private readonly repo: NotificationsRepository, private readonly tx: TransactionRunner, private readonly clock: Clock) {}

  async list(actor: Actor, options: { unreadOnly: boolean; limit: number; cursor?: string }): Promise<NotificationPage> {
    const after = options.cursor ? decodeCursor(options.cursor) : null;
    const rows = await this.repo.page(actor.id, options.unreadOnly, options.limit + 1, after);
    const items = rows.slice(0, options.limit);
    const last = items[items.length - 1];
    return {
      items,
      unread: await this.repo.unreadCount(actor.id),
      nextCursor: rows.length > options.limit && last ? encodeCursor(last) : null,
    };
  }

  /** Marks one of the caller's own notifications read; another user's is "not found". */
  async read(id: string, actor: Actor): Promise<Notification> {
    return this.tx.run(async () => {
      const n = await this.repo.findOwn(id, actor.id);
      if (!n) throw new NotFound('notification', id);
      if (!n.readAt) {
        n.readAt = this.clock.now().toISOString();
        await this.repo.markRead(id, n.readAt);
      }
      return n;
    });
  }

  async readAll(actor: Actor): Promise<{ marked: number; unread: number }> {
    const marked = await this.tx.run(() => this.repo.markAllRead(actor.id, this.clock.now().toISOString()));
    return { marked, unread: await this.repo.unreadCount(actor.id) };
  }

  /** The enabled users an event goes to, each once (a user matched twice is one recipient). */
  async recipients(to: Recipients): Promise<User[]> {
    const users = new Map<string, User>();
    const ids = [...new Set(to.departmentIds ?? [])];
    if (ids.length) for (const u of await this.repo.activeUsersOfDepartments(ids)) users.set(u.id, u);
    for (const role of new Set(to.roles ?? [])) for (const u of await this.repo.activeUsersWithRole(role)) users.set(u.id, u);
    return [...users.values()];
  }

  /** Writes one notification per user for each event; call inside the transaction of the change. */
  async notify(batch: { users: User[]; event: EventNotice }[]): Promise<void> {
    const at = this.clock.now().toISOString();
    await this.repo.insertNotifications(batch.flatMap(({ users, event }) => users.map((u) => ({
      id: newId(), userId: u.id, reminderId: null, taskId: event.taskId, planId: event.planId, kind: event.kind,
      link: event.link, eventKey: event.eventKey, title: event.title.slice(0, 200), body: event.body, createdAt: at, readAt: null,
    }))));
  }
}
