import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';

/** Loads data for a page: { data, error, loading, reload }. Keeps the last data while reloading. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | undefined; error: unknown; loading: boolean; reload: () => Promise<T | undefined> } {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const reload = useCallback(async () => {
    const my = ++seq.current;
    setLoading(true);
    try {
      const d = await load();
      if (my === seq.current) {
        setData(d);
        setError(undefined);
      }
      return d;
    } catch (e) {
      if (my === seq.current) setError(e);
      return undefined;
    } finally {
      if (my === seq.current) setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, loading, reload };
}

const PAGE_SIZES = [10, 20, 50, 100];

/**
 * A paged list whose state (page, page size, filters, sort) lives in the URL, so a link or a reload
 * shows the same page. `set` patches the query (null, undefined or '' removes a key; `page` is kept
 * unless patched); `pagination(total, showTotal)` is the table's pagination. `replace`: changes do
 * not add history entries (filters typed into a box).
 */
export function useUrlList(replace = false) {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const pageSize = PAGE_SIZES.includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20;
  function set(patch: Record<string, string | null | undefined>) {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || v === null || v === '') next.delete(k);
        else next.set(k, v);
      }
      return next;
    }, { replace });
  }
  const pagination = (total: number, showTotal: (n: number) => string) => ({
    current: page, pageSize, total, showSizeChanger: true, pageSizeOptions: PAGE_SIZES, showTotal, size: 'small' as const,
  });
  /** The table's onChange for a page or size change. */
  const pageChange = (p: { current?: number; pageSize?: number }) => set({ page: String(p.current ?? 1), pageSize: String(p.pageSize ?? pageSize) });
  return { params, page, pageSize, set, pagination, pageChange };
}

/**
 * A panel a button opens (the phone's folded menu, the user menu): `open`, `toggle`, `close`. It closes
 * when the route changes, on Escape (focus goes back to `button`) and on a pointer press outside
 * `container`. `container` must hold the button as well as the panel: a press on the button is then
 * left to the button's own toggle rather than closing and reopening the panel. Pressing, not clicking:
 * the listener is added while the opening click is being handled, and React 18+ would have a click
 * listener fire for that same click.
 */
export function usePopup<C extends HTMLElement = HTMLDivElement>() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const container = useRef<C>(null);
  const { pathname } = useLocation();
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onPress = (e: PointerEvent) => {
      if (!container.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPress);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPress);
    };
  }, [open]);
  const toggle = useCallback(() => setOpen((o) => !o), []);
  const close = useCallback(() => setOpen(false), []);
  return { open, toggle, close, button, container };
}
