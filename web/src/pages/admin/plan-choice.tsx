// The plan the legal office is working on: from the page URL (?plan=…), else the last one chosen,
// else the newest. Every admin page that works on one plan shows the same picker.
import { Select } from 'antd';
import { useCallback, useId } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { PlanSummaryRow } from '../../api/types';
import { useLoad } from '../../components/hooks';
import { officeText } from '../../i18n/admin';

const KEY = 'duban.admin.plan';

export interface PlanChoice {
  plans: PlanSummaryRow[];
  planId: string | undefined;
  plan: PlanSummaryRow | undefined;
  choose(id: string): void;
  loading: boolean;
  error: unknown;
  reload(): void;
}

export function usePlanChoice(): PlanChoice {
  const [params, setParams] = useSearchParams();
  const { data, loading, error, reload } = useLoad(() => api.get<PlanSummaryRow[]>('/plans'), []);
  const plans = data ?? [];
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(KEY);
  } catch {
    /* storage unavailable */
  }
  const wanted = [params.get('plan'), stored].find((id) => id && plans.some((p) => p.id === id));
  const planId = wanted ?? plans[0]?.id;
  const choose = useCallback(
    (id: string) => {
      try {
        localStorage.setItem(KEY, id);
      } catch {
        /* storage unavailable */
      }
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        next.set('plan', id);
        next.delete('page');
        return next;
      }, { replace: true });
    },
    [setParams],
  );
  return { plans, planId, plan: plans.find((p) => p.id === planId), choose, loading, error, reload: () => void reload() };
}

export function PlanSelect({ choice }: { choice: PlanChoice }) {
  const id = useId();
  return (
    <div className="plan-select">
      <label htmlFor={id}>{officeText.plan.label}</label>
      <Select
        id={id}
        value={choice.planId}
        loading={choice.loading}
        onChange={(v: string) => choice.choose(v)}
        placeholder={officeText.plan.choose}
        options={choice.plans.map((p) => ({ value: p.id, label: officeText.plan.option(p.year, p.title) }))}
        style={{ minWidth: 240, maxWidth: '100%' }}
        popupMatchSelectWidth={false}
      />
    </div>
  );
}
