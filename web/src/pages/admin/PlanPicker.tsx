// The plan picker (components/common usePlan) with its visible caption, above the admin pages.
import type { ReactNode } from 'react';
import { officeText } from '../../i18n/admin';

export function PlanPicker({ picker }: { picker: ReactNode }) {
  return <div className="plan-select"><span className="plan-select-caption">{officeText.plan.label}：</span>{picker}</div>;
}
