// Small pieces shared by the areas: light tag, plan picker, task facts, progress list.
import { Descriptions, Empty, List, Select, Space, Tag } from 'antd';
import type { PlanSummaryRow, ProgressReport, TaskView } from '../api/types';
import { common } from '../i18n/common';
import { deptText } from '../i18n/department';
import { usePlanChoice } from './plan';

/** Tag colours with text dark enough for WCAG AA (antd's preset tag colours are not). */
const TONES: Record<string, React.CSSProperties> = {
  green: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  yellow: { color: '#613400', background: '#fffbe6', borderColor: '#ffe58f' },
  red: { color: '#820014', background: '#fff1f0', borderColor: '#ffa39e' },
  blue: { color: '#002c8c', background: '#e6f4ff', borderColor: '#91caff' },
  purple: { color: '#22075e', background: '#f9f0ff', borderColor: '#d3adf7' },
  default: { color: '#1f2329', background: '#fafafa', borderColor: '#d9d9d9' },
};
const ALIASES: Record<string, string> = { success: 'green', warning: 'yellow', error: 'red', processing: 'blue' };

export function Pill({ color, children, ...rest }: { color?: string; children: React.ReactNode; title?: string; 'data-testid'?: string }) {
  const tone = TONES[ALIASES[color ?? ''] ?? color ?? 'default'] ?? TONES.default;
  return <Tag {...rest} style={tone}>{children}</Tag>;
}

const LIGHT_COLOR: Record<string, string> = { green: 'green', yellow: 'yellow', red: 'red' };

export function LightTag({ light }: { light: string }) {
  return <Pill color={LIGHT_COLOR[light]} title={common.lightHint[light]}>{common.lights[light] ?? light}</Pill>;
}

export function StatusTag({ status }: { status: string }) {
  const color = status === 'completed' ? 'green' : status === 'completion_requested' ? 'blue' : 'default';
  return <Pill color={color}>{common.status[status] ?? status}</Pill>;
}

/** The plan picker of antd pages (see plan.tsx for the choice itself). */
export function usePlan(label: string): { planId: string | null; plans: PlanSummaryRow[] | undefined; picker: React.ReactNode; error: unknown } {
  const { planId, plans, setPlan, error } = usePlanChoice();
  const picker = plans && plans.length > 1 ? (
    <Select aria-label={label} value={planId ?? undefined} style={{ minWidth: 220, maxWidth: '100%' }} onChange={setPlan}
      options={plans.map((p) => ({ value: p.id, label: `${p.year} ${p.title}` }))} />
  ) : plans?.[0] ? <span>{plans[0].year} {plans[0].title}</span> : null;
  return { planId, plans, picker, error };
}

export function TaskFacts({ task }: { task: TaskView }) {
  const t = deptText.detail;
  return (
    <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2 }} items={[
      { key: 'lead', label: t.lead, children: task.leadDepartment.name },
      { key: 'coop', label: t.cooperating, children: task.cooperatingDepartments.map((d) => d.name).join('、') || t.none },
      { key: 'due', label: t.due, children: <Space wrap>{task.dueDate}{task.dueDate !== task.originalDueDate && <small>{t.originalDue} {task.originalDueDate}</small>}</Space> },
      { key: 'status', label: t.status, children: <Space wrap><StatusTag status={task.status} /><LightTag light={task.light} />{task.pendingExtension && <Pill color="purple">{t.pendingExtension}</Pill>}</Space> },
      { key: 'pct', label: t.percent, children: <span data-testid="task-percent">{common.percent(task.percent)}</span> },
      { key: 'deliv', label: t.deliverable, children: task.deliverable ?? t.none },
    ]} />
  );
}

export function ProgressList({ reports }: { reports: ProgressReport[] | undefined }) {
  const t = deptText.detail;
  if (reports && reports.length === 0) return <Empty description={t.noProgress} />;
  return (
    <List loading={!reports} dataSource={reports ?? []} renderItem={(r) => (
      <List.Item>
        <List.Item.Meta
          title={<Space wrap><span>{r.reportedOn}</span><Pill>{common.percent(r.percent)}</Pill><Pill color={r.isOfficial ? 'blue' : 'default'}>{r.isOfficial ? t.official : t.cooperatingReport}</Pill></Space>}
          description={
            <>
              <div style={{ whiteSpace: 'pre-wrap', color: '#262626' }}>{r.narrative}</div>
              {r.figures.length > 0 && <div>{t.figures}：{r.figures.map((f) => `${f.indicator} ${f.value}${f.unit}`).join('；')}</div>}
              {r.evidence.length > 0 && <div>{t.evidence}：{r.evidence.join('；')}</div>}
            </>
          }
        />
      </List.Item>
    )} />
  );
}
