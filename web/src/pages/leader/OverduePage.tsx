// Drill-down from the dashboard: every overdue task, most overdue first, paged on the server and
// filtered by chapter or lead department (GET /api/plans/:id/dashboard/overdue). Filters live in the URL.
import { Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useId } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { Dashboard, DashboardOverduePage, DashboardOverdueRow } from '../../api/types';
import { ErrorAlert } from '../../components/ApiErrors';
import { useLoad, useUrlList } from '../../components/hooks';
import { usePlanChoice } from '../../components/plan';
import { common } from '../../i18n/common';
import { leaderText } from '../../i18n/leader';

const t = leaderText.overduePage;
const d = leaderText.dash;

export default function OverduePage() {
  const chapterSelect = useId();
  const { params, page, pageSize, set, pagination, pageChange } = useUrlList();
  const { planId, error: planError } = usePlanChoice();
  const chapterId = params.get('chapter') ?? undefined;
  const departmentId = params.get('department') ?? undefined;
  // The chapter names: the dashboard's, already in the server's read cache.
  const chapters = useLoad(() => (planId ? api.get<Dashboard>(`/plans/${planId}/dashboard`).then((x) => x.lights.byChapter) : Promise.resolve(undefined)), [planId]);
  const { data, error, loading, reload } = useLoad(
    () => (planId ? api.get<DashboardOverduePage>(`/plans/${planId}/dashboard/overdue`, { chapterId, departmentId, page, pageSize }) : Promise.resolve(undefined)),
    [planId, chapterId, departmentId, page, pageSize],
  );
  const departmentName = departmentId ? data?.items[0]?.leadDepartment.name : undefined;

  const columns: ColumnsType<DashboardOverdueRow> = [
    { title: d.item, dataIndex: 'itemNumber', width: 56 },
    { title: d.task, dataIndex: 'title', render: (v: string, r) => <Link to={`/leader/tasks/${r.taskId}`}>{v}</Link> },
    { title: d.department, dataIndex: ['leadDepartment', 'name'], width: 140 },
    { title: d.due, dataIndex: 'dueDate', width: 104, className: 'hide-phone' },
    { title: d.percent, dataIndex: 'percent', width: 64, className: 'hide-phone', render: (v: number) => common.percent(v) },
    { title: d.daysOverdue, dataIndex: 'daysOverdue', width: 80 },
  ];

  return (
    <>
      <Link to={`/leader${planId ? `?plan=${planId}` : ''}`}>{t.back}</Link>
      <h1 className="page-title" style={{ marginTop: 8 }}>{t.title}</h1>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 12 }}>
        <label htmlFor={chapterSelect}>{t.chapter}</label>
        {/* "全部章节" as an option, not a placeholder: antd's placeholder grey is below AA contrast. */}
        <Select id={chapterSelect} value={chapterId ?? ''} style={{ minWidth: 200, maxWidth: '100%' }}
          onChange={(v) => set({ chapter: v || null, page: null })}
          options={[{ value: '', label: t.allChapters }, ...(chapters.data ?? []).map((c) => ({ value: c.chapterId, label: `${c.ordinal}、${c.title}` }))]} />
        {departmentId && (
          <span>
            {departmentName ? t.department(departmentName) : null} <Link className="text-link" to={`?${new URLSearchParams([...params].filter(([k]) => k !== 'department' && k !== 'page')).toString()}`}>{t.clearDepartment}</Link>
          </span>
        )}
      </div>
      <ErrorAlert error={planError ?? error ?? chapters.error} onRetry={reload} />
      <div className="table-scroll">
        <Table<DashboardOverdueRow>
          rowKey="taskId" size="small" loading={loading} columns={columns} dataSource={data?.items ?? []}
          scroll={{ x: 'max-content' }} locale={{ emptyText: d.noOverdue }}
          pagination={pagination(data?.total ?? 0, t.total)} onChange={pageChange}
        />
      </div>
    </>
  );
}
