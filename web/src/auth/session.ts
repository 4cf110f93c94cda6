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

const EXPIRED_KEY = 'duban.expired';

export function setSession(s: Session | null): void {
  if (s) {
    sessionStorage.setItem(KEY, JSON.stringify(s));
    sessionStorage.removeItem(EXPIRED_KEY);
  } else sessionStorage.removeItem(KEY);
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

/** Why the last session ended: kept until the next login, read by the area guard and the login page. */
export type EndReason = 'expired' | 'logout' | 'password';

/** Ends the session: the area's guard sends the user to login (after 'expired', back to the page). */
export function endSession(reason: EndReason): void {
  if (!getSession()) return;
  sessionStorage.setItem(EXPIRED_KEY, reason);
  setSession(null);
}

/** The session ended under the user (a 401). */
export function expireSession(): void {
  endSession('expired');
}

export function endReason(): EndReason | null {
  return sessionStorage.getItem(EXPIRED_KEY) as EndReason | null;
}
