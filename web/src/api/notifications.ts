// GET /api/me/notifications answers an array today; the second round makes it {items, unread, nextCursor}.
// Both shapes are read here so the pages do not care.
import { api } from './client';
import type { Notification } from './types';

export interface NotificationPage {
  items: Notification[];
  unread: number;
  nextCursor: string | null;
}

type Raw = Notification[] | { items: Notification[]; unread?: number; nextCursor?: string | null };

function normalise(raw: Raw): NotificationPage {
  if (Array.isArray(raw)) return { items: raw, unread: raw.filter((n) => !n.readAt).length, nextCursor: null };
  return { items: raw.items, unread: raw.unread ?? raw.items.filter((n) => !n.readAt).length, nextCursor: raw.nextCursor ?? null };
}

export async function listNotifications(query: { unread?: boolean; cursor?: string | null; limit?: number } = {}): Promise<NotificationPage> {
  return normalise(await api.get<Raw>('/me/notifications', { unread: query.unread ? 'true' : undefined, cursor: query.cursor ?? undefined, limit: query.limit }));
}

/** The unread count: the server's `unread` when it sends one, else the length of the unread list. */
export async function unreadCount(): Promise<number> {
  const raw = await api.get<Raw>('/me/notifications', { unread: 'true' });
  return Array.isArray(raw) ? raw.length : (raw.unread ?? raw.items.length);
}

export function markRead(id: string): Promise<Notification> {
  return api.post<Notification>(`/me/notifications/${id}/read`);
}

/** POST /api/me/notifications/read-all when the server has it; else marks each unread one. */
export async function markAllRead(unreadIds: string[]): Promise<void> {
  try {
    await api.post('/me/notifications/read-all');
  } catch (err) {
    if ((err as { status?: number }).status !== 404) throw err;
    for (const id of unreadIds) await markRead(id);
  }
}

export const notificationsChanged = () => window.dispatchEvent(new Event('duban:notifications'));
