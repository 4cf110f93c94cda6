// Quarterly roll-up: quarter picker, closed (frozen snapshot) or live badge, by chapter and by
// department (GET /api/plans/:id/rollups/:quarter). Numbers are the API's.
import { Card, Select, Space, Statistic, Table } from 'antd';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { Dashboard, RollupResponse, RollupStats } from '../../api/types';
import { ErrorAlert } from '../../components/ApiErrors';
import { usePlan, Pill } from '../../components/common';
import { useLoad } from '../../components/hooks';
import { common } from '../../i18n/common';
import { leaderText } from '../../i18n/leader';

const t = leaderText.rollup;
const d = leaderText.dash;

function statColumns<T extends RollupStats>() {
  return [
    { title: d.total, dataIndex: 'total', width: 64 },
    { title: t.due, dataIndex: 'due', width: 64 },
    { title: d.completed, dataIndex: 'completed', width: 64 },
    { title: d.overdue, dataIndex: 'overdue', width: 64 },
    { title: d.completionRate, dataIndex: 'completionRate', width: 80, render: (v: number | null) => common.rate(v) },
    { title: d.onTimeRate, dataIndex: 'onTimeRate', width: 80, render: (v: number | null) => common.rate(v) },
    { title: d.averageProgress, dataIndex: 'averageProgress', width: 80, render: (v: number | null) => (v === null ? '—' : `${v}%`) },
  ] as { title: string; dataIndex: keyof T & string; width?: number; render?: (v: never) => React.ReactNode }[];
}

export default function RollupPage() {
  const [params, setParams] = useSearchParams();
  const { planId, plans, picker, error: planError } = usePlan(leaderText.plan);
  const year = plans?.find((p) => p.id === planId)?.year;
  const quarters = year ? [1, 2, 3, 4].map((q) => `${year}Q${q}`) : [];
  // Without ?q= the current quarter, as the dashboard counts it (the service's today).
  const current = useLoad(
    () => (planId && !params.get('q') ? api.get<Dashboard>(`/plans/${planId}/dashboard`).then((d) => d.ranking.quarter) : Promise.resolve(null)),
    [planId, params.get('q')],
  );
  const quarter = params.get('q') ?? current.data ?? null;
  const { data, error, loading, reload } = useLoad(
    () => (planId && quarter ? api.get<RollupResponse>(`/plans/${planId}/rollups/${quarter}`) : Promise.resolve(undefined)),
    [planId, quarter],
  );
  const o = data?.overall;

  return (
    <>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%', marginBottom: 8 }}>
        <h1 className="page-title" style={{ margin: 0 }}>{t.title}</h1>
        {picker}
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="quarter-picker">{t.quarter}</label>
        <Select id="quarter-picker" aria-label={t.quarter} value={quarter ?? undefined} style={{ width: 120 }}
          onChange={(v) => setParams((p) => { p.set('q', v); return p; })} options={quarters.map((q) => ({ value: q, label: q }))} />
        {data && (data.status === 'closed'
          ? <Pill color="default" data-testid="rollup-status">{t.closed}{data.closedAt ? ` · ${t.closedAt(data.closedAt.slice(0, 10))}` : ''}</Pill>
          : <Pill color="processing" data-testid="rollup-status">{t.live}</Pill>)}
        {data && <span style={{ color: '#595959' }}>{d.asOf(data.asOf)}</span>}
      </Space>
      <ErrorAlert error={planError ?? error} onRetry={reload} />
      {o && (
        <div className="stat-grid">
          <Card size="small"><Statistic title={d.total} value={o.total} /></Card>
          <Card size="small"><Statistic title={d.completionRate} value={common.rate(o.completionRate)} /></Card>
          <Card size="small"><Statistic title={d.onTimeRate} value={common.rate(o.onTimeRate)} /></Card>
          <Card size="small"><Statistic title={t.completedInQuarter} value={o.completedInQuarter} /></Card>
          <Card size="small"><Statistic title={d.overdue} value={o.overdue} /></Card>
          <Card size="small"><Statistic title={t.responseRate} value={common.rate(o.notices.responseRate)} /></Card>
        </div>
      )}
      {data && (
        <>
          <Card size="small" title={t.byChapter} style={{ marginBottom: 16 }}>
            <div className="table-scroll">
              <Table size="small" rowKey="chapterId" loading={loading} pagination={false} dataSource={data.byChapter}
                columns={[{ title: t.byChapter, dataIndex: 'title', render: (v: string, r: { ordinal: string }) => `${r.ordinal}、${v}` }, ...statColumns()] as never} />
            </div>
          </Card>
          <Card size="small" title={t.byDepartment} style={{ marginBottom: 16 }}>
            <div className="table-scroll">
              <Table size="small" rowKey="departmentId" loading={loading} pagination={false} dataSource={data.byDepartment}
                columns={[{ title: d.department, dataIndex: 'name' }, ...statColumns()] as never} />
            </div>
          </Card>
          {o && o.figures.length > 0 && (
            <Card size="small" title={t.figures}>
              <Table size="small" rowKey={(r) => `${r.indicator}|${r.unit}`} pagination={false} dataSource={o.figures}
                columns={[{ title: t.indicator, dataIndex: 'indicator' }, { title: t.value, key: 'v', render: (_: unknown, r) => `${r.value} ${r.unit}` }]} />
            </Card>
          )}
        </>
      )}
    </>
  );
}
