// One layout for every role, without antd (the dashboard route must stay small): a header with the
// area's menu, the unread count and the user menu. Pages run inside AntdScope unless `plain`.
import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { Link, Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import { unreadCount } from '../api/notifications';
import { usePopup } from '../components/hooks';
import { getSession, homeOf, onSessionChange, endReason, endSession, type SessionUser } from '../auth/session';
import { common } from '../i18n/common';
import type { AreaRoute } from './area';
import './layout.css';

const AntdScope = lazy(() => import('./AntdScope'));
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

function UserMenu({ user, base }: { user: SessionUser; base: string }) {
  const menu = usePopup();
  const logout = () => endSession('logout');
  return (
    <div className="app-usermenu" ref={menu.container}>
      <button type="button" ref={menu.button} className="app-username" aria-haspopup="menu" aria-expanded={menu.open} onClick={menu.toggle}>
        {user.username} ▾
      </button>
      {menu.open && (
        <div className="app-usermenu-list" role="menu">
          <Link role="menuitem" to={`${base}/password`}>{common.menu.password}</Link>
          <button role="menuitem" type="button" onClick={logout}>{common.menu.logout}</button>
        </div>
      )}
    </div>
  );
}

function Loading() {
  return <div role="status" className="app-loading">{common.loading}</div>;
}

/** Menus longer than this fold behind a 菜单 button on a phone (the header has room for about three). */
const PHONE_MENU_ITEMS = 3;

function Shell({ role, base, routes, user }: { role: SessionUser['role']; base: string; routes: AreaRoute[]; user: SessionUser }) {
  const unread = useUnread();
  const wrap = (r: { plain?: boolean }, el: ReactNode) => (r.plain ? el : <AntdScope>{el}</AntdScope>);
  const items = routes.filter((r) => r.menu);
  const folds = items.length > PHONE_MENU_ITEMS;
  const nav = usePopup();
  return (
    <div className="app-layout">
      <header className="app-header">
        <Link to={homeOf(role)} className="app-brand">{common.appName}</Link>
        {/* the folded menu's button and panel: a press inside leaves the panel to the button */}
        <div className="app-nav-popup" ref={nav.container}>
          {folds && (
            <button type="button" ref={nav.button} className="app-menu-btn" aria-expanded={nav.open} aria-controls="app-nav" onClick={nav.toggle}>
              {common.menu.toggle} {nav.open ? '▴' : '▾'}
            </button>
          )}
          <nav id="app-nav" aria-label={common.roles[role]} className={`app-nav${folds ? ' folds' : ''}${nav.open ? ' open' : ''}`}>
            {items.map((r) => (
              <NavLink key={r.path} to={r.path ? `${base}/${r.path}` : base} end={!r.path}>{r.menu}</NavLink>
            ))}
          </nav>
        </div>
        <div className="app-user">
          <NavLink to={`${base}/notifications`} className="app-bell" aria-label={`${common.menu.notifications}，${common.unreadBadge(unread)}`}>
            <span>{common.menu.notifications}</span>
            {unread > 0 && <span className="app-badge" data-testid="unread-badge">{unread > 99 ? '99+' : unread}</span>}
          </NavLink>
          <UserMenu user={user} base={base} />
        </div>
      </header>
      <main className="app-content">
        <Suspense fallback={<Loading />}>
          <Routes>
            {routes.map((r) => <Route key={r.path} path={r.path || undefined} index={!r.path} element={wrap(r, <r.page />)} />)}
            <Route path="notifications" element={wrap({}, <NotificationsPage />)} />
            <Route path="password" element={wrap({}, <ChangePasswordPage />)} />
            <Route path="*" element={<Navigate to={base} replace />} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}

/** Guards an area: no session → login (then back here); another role's area → the user's home. */
export function RoleLayout({ role, base, routes }: { role: SessionUser['role']; base: string; routes: AreaRoute[] }) {
  const loc = useLocation();
  const [session, setS] = useState(getSession);
  useEffect(() => onSessionChange(() => setS(getSession())), []);
  if (!session) {
    const reason = endReason();
    const next = `next=${encodeURIComponent(loc.pathname + loc.search)}`;
    const to = reason === 'expired' ? `/login?${next}&expired=1` : reason === 'password' ? '/login?changed=1' : reason === 'logout' ? '/login' : `/login?${next}`;
    return <Navigate to={to} replace />;
  }
  if (session.user.role !== role) return <Navigate to={homeOf(session.user.role)} replace />;
  return <Shell role={role} base={base} routes={routes} user={session.user} />;
}
