// The login page: plain React and a little CSS, no component library (≤ 100 KB gzipped JS in all).
import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import type { LoginResult } from '../../api/types';
import { landingAfterLogin, setSession } from '../../auth/session';
import { loginText as t } from '../../i18n/login';
import './login.css';

export default function LoginPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const info = params.get('expired') ? t.expired : params.get('changed') ? t.passwordChanged : null;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!username.trim()) missing.username = t.required(t.username);
    if (!password) missing.password = t.required(t.password);
    setFields(missing);
    setError(null);
    if (Object.keys(missing).length) return;
    setBusy(true);
    try {
      const res = await api.post<LoginResult>('/auth/login', { username: username.trim(), password }, { auth: false });
      setSession({ token: res.accessToken, user: res.user });
      navigate(landingAfterLogin(res.user, params.get('next')), { replace: true });
    } catch (err) {
      if (err instanceof ApiError) {
        const f = err.fields;
        if (f.username || f.password) setFields(f);
        else setError(err.message || t.failed);
      } else setError(t.failed);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login-wrap">
      <form className="login-card" onSubmit={submit} noValidate aria-labelledby="login-title">
        <h1 id="login-title">{t.title}</h1>
        <p className="sub">{t.subtitle}</p>
        {info && !error && <div className="login-info" role="status">{info}</div>}
        {error && <div className="login-alert" role="alert">{error}</div>}
        <div className="login-field">
          <label htmlFor="login-username">{t.username}</label>
          <input id="login-username" name="username" autoComplete="username" value={username}
            aria-invalid={!!fields.username} aria-describedby={fields.username ? 'login-username-err' : undefined}
            onChange={(e) => setUsername(e.target.value)} autoFocus />
          {fields.username && <div className="err" id="login-username-err">{fields.username}</div>}
        </div>
        <div className="login-field">
          <label htmlFor="login-password">{t.password}</label>
          <input id="login-password" name="password" type="password" autoComplete="current-password" value={password}
            aria-invalid={!!fields.password} aria-describedby={fields.password ? 'login-password-err' : undefined}
            onChange={(e) => setPassword(e.target.value)} />
          {fields.password && <div className="err" id="login-password-err">{fields.password}</div>}
        </div>
        <button className="login-btn" type="submit" disabled={busy}>{busy ? t.submitting : t.submit}</button>
      </form>
    </main>
  );
}
