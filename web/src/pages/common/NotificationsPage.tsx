// 消息中心: the caller's notifications, unread first filter, mark read, a link to the task.
import { App, Button, Card, List, Space, Switch } from 'antd';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { listNotifications, markAllRead, markRead, type NotificationPage, notificationsChanged } from '../../api/notifications';
import type { Notification } from '../../api/types';
import { ErrorAlert } from '../../components/ApiErrors';
import { Pill } from '../../components/common';
import { useLoad } from '../../components/hooks';
import { notificationsText as t } from '../../i18n/common';
import { shanghaiTime } from '../../components/time';

/** The task page of the caller's area ('/dept/tasks/:id', '/leader/tasks/:id', '/admin/tasks/:id'). */
function taskLink(pathname: string, taskId: string): string {
  const base = pathname.split('/')[1];
  return `/${base}/tasks/${taskId}`;
}

/** A page of 消息中心; older ones come with 加载更多 (the server's cursor). */
const PAGE_SIZE = 20;

export default function NotificationsPage() {
  const loc = useLocation();
  const { message } = App.useApp();
  const [onlyUnread, setOnlyUnread] = useState(false);
  // The first page comes from useLoad (reloaded on a filter change or 全部标为已读); older pages are
  // appended to it with the cursor the previous page answered.
  const { data: first, error, loading, reload } = useLoad(() => listNotifications({ unread: onlyUnread, limit: PAGE_SIZE }), [onlyUnread]);
  const [older, setOlder] = useState<{ after: NotificationPage; items: Notification[]; nextCursor: string | null } | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [readHere, setReadHere] = useState<Record<string, string>>({});
  // Older pages belong to the first page they were loaded after; a new first page starts afresh.
  const appended = older && older.after === first ? older : null;
  const items = [...(first?.items ?? []), ...(appended?.items ?? [])].map((n) => (readHere[n.id] ? { ...n, readAt: readHere[n.id] } : n));
  const nextCursor = appended ? appended.nextCursor : (first?.nextCursor ?? null);
  const [unreadNow, setUnreadNow] = useState<{ of: NotificationPage; unread: number } | null>(null);
  const unread = unreadNow && unreadNow.of === first ? unreadNow.unread : (first?.unread ?? 0);

  async function loadMore() {
    if (!first || !nextCursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await listNotifications({ unread: onlyUnread, limit: PAGE_SIZE, cursor: nextCursor });
      setOlder({ after: first, items: [...(appended?.items ?? []), ...page.items], nextCursor: page.nextCursor });
    } catch (e) {
      setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  }

  // Marking one read keeps the pages loaded so far (and the reader's place in them).
  async function read(id: string) {
    try {
      const n = await markRead(id);
      setReadHere((m) => ({ ...m, [id]: n.readAt ?? '' }));
      if (first) setUnreadNow({ of: first, unread: Math.max(0, unread - 1) });
      notificationsChanged();
    } catch (e) {
      message.error((e as Error).message);
    }
  }
  async function readAll() {
    try {
      await markAllRead(items.filter((n) => !n.readAt).map((n) => n.id));
      notificationsChanged();
      setReadHere({});
      await reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  return (
    <>
      <h1 className="page-title">{t.title}</h1>
      <ErrorAlert error={error} onRetry={reload} />
      <Card
        title={<span data-testid="unread-count">{t.unread} {unread}</span>}
        extra={
          <Space wrap>
            <label><Switch size="small" checked={onlyUnread} onChange={setOnlyUnread} aria-label={t.onlyUnread} /> {t.onlyUnread}</label>
            <Button size="small" onClick={readAll} disabled={!unread}>{t.markAllRead}</Button>
          </Space>
        }
      >
        <List
          loading={loading && !first}
          dataSource={items}
          rowKey="id"
          locale={{ emptyText: t.empty }}
          renderItem={(n) => (
            <List.Item
              actions={[
                n.taskId ? <Link key="task" to={taskLink(loc.pathname, n.taskId)}>{t.openTask}</Link> : null,
                !n.readAt ? <Button key="read" size="small" type="link" onClick={() => read(n.id)}>{t.markRead}</Button> : null,
              ].filter(Boolean)}
            >
              <List.Item.Meta
                title={<Space wrap>{n.readAt ? <Pill>{t.read}</Pill> : <Pill color="blue">{t.unread}</Pill>}<span style={{ fontWeight: n.readAt ? 400 : 600 }}>{n.title}</span></Space>}
                description={<><div style={{ whiteSpace: 'pre-wrap', color: '#434343' }}>{n.body}</div><small>{t.kinds[n.kind] ?? n.kind} · {shanghaiTime(n.createdAt)}</small></>}
              />
            </List.Item>
          )}
        />
        <ErrorAlert error={moreError} onRetry={loadMore} />
        {nextCursor && (
          <div style={{ textAlign: 'center', marginTop: 12 }}>
            <Button onClick={loadMore} loading={loadingMore}>{t.more}</Button>
          </div>
        )}
      </Card>
    </>
  );
}
