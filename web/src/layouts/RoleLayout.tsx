// One layout for every role: header with the menu of the role's area, the unread badge and the user
// menu; antd with its zh_CN locale. Each area (AdminArea, DepartmentArea, LeaderArea) passes its routes.
import { App as AntApp, Badge, Button, ConfigProvider, Dropdown, Grid, Layout, Menu, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { unreadCount } from '../api/notifications';
import { getSession, homeOf, onSessionChange, setSession, type SessionUser } from '../auth/session';
import { common } from '../i18n/common';
import type { AreaRoute } from './area';
import './layout.css';

const NotificationsPage = lazy(() => import('../pages/common/NotificationsPage'));
const ChangePasswordPage = lazy(() => import('../pages/common/ChangePasswordPage'));

function useUnread(): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    let alive = true;
    const load = () => unreadCount().then((c) => alive && setN(c), () => undefined);
    load();
    const timer = setInterval(load, 60_000);
    window.addEventListener('duban:notifications', load);
    return () => {
      alive = false;
      clearInterval(timer);
      window.removeEventListener('duban:notifications', load);
    };
  }, []);
  return n;
}

function Shell({ role, base, routes, user }: { role: SessionUser['role']; base: string; routes: AreaRoute[]; user: SessionUser }) {
  const loc = useLocation();
  const navigate = useNavigate();
  const unread = useUnread();
  const screens = Grid.useBreakpoint();
  const menu = routes.filter((r) => r.menu).map((r) => ({ key: r.path ? `${base}/${r.path}` : base, label: <Link to={r.path ? `${base}/${r.path}` : base}>{r.menu}</Link> }));
  const selected = menu
    .map((m) => m.key)
    .filter((k) => loc.pathname === k || (k !== base && loc.pathname.startsWith(`${k}/`)))
    .sort((a, b) => b.length - a.length)[0] ?? (loc.pathname === base ? base : '');
  const logout = () => {
    setSession(null);
    navigate('/login', { replace: true });
  };
  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header">
        <Link to={homeOf(role)} className="app-brand">{common.appName}</Link>
        <nav aria-label={common.roles[role]} className="app-nav">
          <Menu mode="horizontal" theme="dark" items={menu} selectedKeys={selected ? [selected] : []} disabledOverflow={!screens.md ? false : undefined} style={{ minWidth: 0, flex: 1 }} />
        </nav>
        <div className="app-user">
          <Link to={`${base}/notifications`} className="app-bell" aria-label={common.unreadBadge(unread)}>
            <Badge count={unread} size="small" offset={[6, -2]}><span className="app-bell-text">{common.menu.notifications}</span></Badge>
          </Link>
          <Dropdown menu={{
            items: [
              { key: 'pw', label: <Link to={`${base}/password`}>{common.menu.password}</Link> },
              { key: 'out', label: common.menu.logout, onClick: logout },
            ],
          }}>
            <Button type="text" className="app-username">{user.username}</Button>
          </Dropdown>
        </div>
      </Layout.Header>
      <Layout.Content className="app-content">
        <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
          <Routes>
            {routes.map((r) => <Route key={r.path} path={r.path || undefined} index={!r.path} element={<r.page />} />)}
            <Route path="notifications" element={<NotificationsPage />} />
            <Route path="password" element={<ChangePasswordPage />} />
            <Route path="*" element={<Navigate to={base} replace />} />
          </Routes>
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}

/** Guards an area: no session → login (then back here); another role's area → the user's home. */
export function RoleLayout({ role, base, routes }: { role: SessionUser['role']; base: string; routes: AreaRoute[] }) {
  const loc = useLocation();
  const [session, setS] = useState(getSession);
  useEffect(() => onSessionChange(() => setS(getSession())), []);
  if (!session) return <Navigate to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}`} replace />;
  if (session.user.role !== role) return <Navigate to={homeOf(session.user.role)} replace />;
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1668dc' } }}>
      <AntApp>
        <Shell role={role} base={base} routes={routes} user={session.user} />
      </AntApp>
    </ConfigProvider>
  );
}
