// Which plan a page shows: `?plan=` in the URL, else the newest plan. No antd (used by the dashboard).
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { PlanSummaryRow } from '../api/types';
import { useLoad } from './hooks';

export function usePlanChoice(): { planId: string | null; plans: PlanSummaryRow[] | undefined; setPlan: (id: string) => void; error: unknown } {
  const [params, setParams] = useSearchParams();
  const { data: plans, error } = useLoad(() => api.get<PlanSummaryRow[]>('/plans'), []);
  const sorted = plans ? [...plans].sort((a, b) => b.year - a.year || b.createdAt.localeCompare(a.createdAt)) : undefined;
  const planId = params.get('plan') ?? sorted?.[0]?.id ?? null;
  useEffect(() => {
    if (!params.get('plan') && planId) setParams((p) => { p.set('plan', planId); return p; }, { replace: true });
  }, [planId, params, setParams]);
  const setPlan = (id: string) => setParams((p) => { p.set('plan', id); p.delete('page'); return p; });
  return { planId, plans: sorted, setPlan, error };
}

export function PlainPlanSelect({ label, planId, plans, setPlan }: { label: string; planId: string | null; plans: PlanSummaryRow[] | undefined; setPlan: (id: string) => void }) {
  if (!plans || plans.length === 0) return null;
  if (plans.length === 1) return <span>{plans[0].year} {plans[0].title}</span>;
  return (
    <select className="plain-select" aria-label={label} value={planId ?? ''} onChange={(e) => setPlan(e.target.value)}>
      {plans.map((p) => <option key={p.id} value={p.id}>{p.year} {p.title}</option>)}
    </select>
  );
}

export const LIGHT_COLORS = { green: '#389e0d', yellow: '#d48806', red: '#cf1322' };
