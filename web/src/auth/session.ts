// The signed-in session: token and user in sessionStorage (per browser tab, gone when it closes).
// No UI library here: the login page imports this module and must stay small.
import type { LoginResult } from '../api/types';

export type SessionUser = LoginResult['user'];
export interface Session {
  token: string;
  user: SessionUser;
}

const KEY = 'duban.session';
const listeners = new Set<() => void>();

export function getSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function setSession(s: Session | null): void {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
  for (const l of listeners) l();
}

export function onSessionChange(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Each role's home page. */
export function homeOf(role: SessionUser['role']): string {
  return role === 'admin' ? '/admin' : role === 'leader' ? '/leader' : '/dept';
}

/** The area a path belongs to, to check that a user may open it. */
export function roleOfPath(path: string): SessionUser['role'] | null {
  if (path.startsWith('/admin')) return 'admin';
  if (path.startsWith('/leader')) return 'leader';
  if (path.startsWith('/dept')) return 'department';
  return null;
}

/** Where to go after signing in: the page the user was on (when it is theirs), else the role's home. */
export function landingAfterLogin(user: SessionUser, next: string | null): string {
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login')) {
    const area = roleOfPath(next);
    if (area === null || area === user.role) return next;
  }
  return homeOf(user.role);
}

/** Sends the user to the login page, remembering the page they were on. */
export function expireSession(): void {
  setSession(null);
  const here = window.location.pathname + window.location.search;
  if (window.location.pathname.startsWith('/login')) return;
  window.dispatchEvent(new CustomEvent('duban:navigate', { detail: `/login?next=${encodeURIComponent(here)}&expired=1` }));
}
