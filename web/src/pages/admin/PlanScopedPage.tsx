// The frame of every legal-office page that works on one plan: the title, the plan picker (with its
// caption) and, when no plan has been imported yet, an empty state leading to 导入. The page's body
// is rendered per plan (keyed by it, so a change of plan starts the body afresh).
import { Button, Empty } from 'antd';
import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { PlanSummaryRow } from '../../api/types';
import { ErrorAlert } from '../../components/ApiErrors';
import { usePlan } from '../../components/common';
import { officeText } from '../../i18n/admin';
import './admin.css';
import { OfficeScope } from './OfficeScope';

export interface PlanScope {
  planId: string;
  plan: PlanSummaryRow | undefined;
}

export function PlanScopedPage({ title, children, withoutPlan }: {
  title: string;
  children: (scope: PlanScope) => ReactNode;
  /** What the page still offers before any plan exists (shown below the empty state). */
  withoutPlan?: ReactNode;
}) {
  const choice = usePlan(officeText.plan.label);
  const noPlans = choice.plans?.length === 0;
  return (
    <OfficeScope>
      <h1 className="page-title">{title}</h1>
      <ErrorAlert error={choice.error} />
      {noPlans && (
        <Empty description={officeText.plan.none}>
          <Link to="/admin/import"><Button type="primary">{officeText.plan.goImport}</Button></Link>
        </Empty>
      )}
      {noPlans && withoutPlan}
      {choice.planId && (
        <Fragment key={choice.planId}>
          <div className="plan-select"><span className="plan-select-caption">{officeText.plan.label}：</span>{choice.picker}</div>
          {children({ planId: choice.planId, plan: choice.plans?.find((p) => p.id === choice.planId) })}
        </Fragment>
      )}
    </OfficeScope>
  );
}
