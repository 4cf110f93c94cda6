// Entry: the router only. Every area (login, admin, department, leader) is a lazy chunk, so the
// login page never loads the component library.
import { lazy, StrictMode, Suspense, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { getSession, homeOf } from './auth/session';
import { common } from './i18n/common';

const LoginPage = lazy(() => import('./pages/login/LoginPage'));
const AdminArea = lazy(() => import('./pages/admin/AdminArea'));
const DepartmentArea = lazy(() => import('./pages/department/DepartmentArea'));
const LeaderArea = lazy(() => import('./pages/leader/LeaderArea'));

/** Lets non-React code (the API client on a 401) move the app to another page. */
function NavigationBridge() {
  const navigate = useNavigate();
  useEffect(() => {
    const go = (e: Event) => navigate((e as CustomEvent<string>).detail);
    window.addEventListener('duban:navigate', go);
    return () => window.removeEventListener('duban:navigate', go);
  }, [navigate]);
  return null;
}

function Home() {
  const s = getSession();
  return <Navigate to={s ? homeOf(s.user.role) : '/login'} replace />;
}

function NotFound() {
  const loc = useLocation();
  return (
    <main style={{ padding: 32 }}>
      <h1 style={{ fontSize: 20 }}>{common.notFound}</h1>
      <p>{loc.pathname}</p>
      <a href="/">{common.backHome}</a>
    </main>
  );
}

function Loading() {
  return <div role="status" aria-live="polite" style={{ padding: 32, color: '#666' }}>{common.loading}</div>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <NavigationBridge />
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/login" element={<LoginPage />} />
          <Route path="/admin/*" element={<AdminArea />} />
          <Route path="/dept/*" element={<DepartmentArea />} />
          <Route path="/leader/*" element={<LeaderArea />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </BrowserRouter>
  </StrictMode>,
);
