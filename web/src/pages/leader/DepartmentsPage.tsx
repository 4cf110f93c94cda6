// Drill-down from the dashboard: every lead department's lights and ranking figures, paged and sorted
// on the server (GET /api/plans/:id/dashboard/departments). Page, size and sort live in the URL.
import { Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useId } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { DashboardDepartmentRow, DashboardDepartmentSort, DashboardDepartmentsPage } from '../../api/types';
import { ErrorAlert } from '../../components/ApiErrors';
import { Pill } from '../../components/common';
import { useLoad, useUrlList } from '../../components/hooks';
import { usePlanChoice } from '../../components/plan';
import { common } from '../../i18n/common';
import { leaderText } from '../../i18n/leader';

const t = leaderText.departments;
const d = leaderText.dash;
const SORTS: DashboardDepartmentSort[] = ['attention', 'rank', 'name'];

export default function DepartmentsPage() {
  const sortId = useId();
  const { params, page, pageSize, set, pagination, pageChange } = useUrlList();
  const { planId, error: planError } = usePlanChoice();
  const sort = (SORTS as string[]).includes(params.get('sort') ?? '') ? (params.get('sort') as DashboardDepartmentSort) : 'attention';
  const { data, error, loading, reload } = useLoad(
    () => (planId ? api.get<DashboardDepartmentsPage>(`/plans/${planId}/dashboard/departments`, { sort, page, pageSize }) : Promise.resolve(undefined)),
    [planId, sort, page, pageSize],
  );

  const columns: ColumnsType<DashboardDepartmentRow> = [
    { title: d.rank, dataIndex: 'rank', width: 56, render: (v: number | null) => v ?? t.notRanked },
    { title: d.department, dataIndex: 'name', render: (v: string, r) => <>{v}{r.belowThreshold && <> <Pill color="red">{d.below}</Pill></>}</> },
    {
      title: t.lights, key: 'lights', width: 150,
      render: (_: unknown, r) => (
        <span aria-label={d.lightCounts(r.lights)}>
          <Pill color="red">{r.lights.red}</Pill><Pill color="yellow">{r.lights.yellow}</Pill><Pill color="green">{r.lights.green}</Pill>
        </span>
      ),
    },
    { title: d.onTimeRate, dataIndex: 'onTimeRate', width: 96, render: (v: number | null) => common.rate(v) },
    { title: d.completionRate, dataIndex: 'completionRate', width: 80, className: 'hide-phone', render: (v: number | null) => common.rate(v) },
    {
      title: d.overdue, dataIndex: 'overdue', width: 64,
      render: (v: number, r) => (v > 0 && planId ? <Link to={`/leader/overdue?plan=${planId}&department=${r.departmentId}`} aria-label={`${v} · ${r.name} ${t.overdueOf}`}>{v}</Link> : v),
    },
  ];

  return (
    <>
      <Link to={`/leader${planId ? `?plan=${planId}` : ''}`}>{t.back}</Link>
      <h1 className="page-title" style={{ marginTop: 8 }}>{t.title}</h1>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 12 }}>
        <label htmlFor={sortId}>{t.sort}</label>
        <Select id={sortId} value={sort} style={{ width: 160 }} onChange={(v) => set({ sort: v, page: null })}
          options={SORTS.map((value) => ({ value, label: t.sorts[value] }))} />
        {data && <span style={{ color: '#595959' }}>{t.quarterNote(data.ranking.quarter, data.ranking.asOf)}</span>}
      </div>
      <ErrorAlert error={planError ?? error} onRetry={reload} />
      <div className="table-scroll">
        <Table<DashboardDepartmentRow>
          rowKey="departmentId" size="small" loading={loading} columns={columns} dataSource={data?.items ?? []}
          scroll={{ x: 'max-content' }} locale={{ emptyText: common.empty }}
          pagination={pagination(data?.total ?? 0, t.total)} onChange={pageChange}
        />
      </div>
    </>
  );
}
