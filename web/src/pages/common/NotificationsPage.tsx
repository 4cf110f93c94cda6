// 消息中心: the caller's notifications, unread first filter, mark read, a link to the task.
import { App, Button, Card, List, Space, Switch } from 'antd';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { listNotifications, markAllRead, markRead, notificationsChanged } from '../../api/notifications';
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

export default function NotificationsPage() {
  const loc = useLocation();
  const { message } = App.useApp();
  const [onlyUnread, setOnlyUnread] = useState(false);
  const { data, error, loading, reload } = useLoad(() => listNotifications({ unread: onlyUnread }), [onlyUnread]);
  const items = data?.items ?? [];

  async function read(id: string) {
    try {
      await markRead(id);
      notificationsChanged();
      await reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  }
  async function readAll() {
    try {
      await markAllRead(items.filter((n) => !n.readAt).map((n) => n.id));
      notificationsChanged();
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
        title={<span data-testid="unread-count">{t.unread} {data?.unread ?? 0}</span>}
        extra={
          <Space wrap>
            <label><Switch size="small" checked={onlyUnread} onChange={setOnlyUnread} aria-label={t.onlyUnread} /> {t.onlyUnread}</label>
            <Button size="small" onClick={readAll} disabled={!data?.unread}>{t.markAllRead}</Button>
          </Space>
        }
      >
        <List
          loading={loading}
          dataSource={items}
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
      </Card>
    </>
  );
}
