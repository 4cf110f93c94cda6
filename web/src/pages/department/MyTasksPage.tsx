// 我的任务: the tasks the department leads or co-operates on, paged on the server (GET /api/tasks).
import { App, Button, Card, Select, Space, Table } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { Page, TaskView } from '../../api/types';
import { getSession } from '../../auth/session';
import { ErrorAlert } from '../../components/ApiErrors';
import { LightTag, StatusTag, usePlan } from '../../components/common';
import { useLoad } from '../../components/hooks';
import { common } from '../../i18n/common';
import { deptText } from '../../i18n/department';

const t = deptText.tasks;
const PAGE_SIZE = 20;

export default function MyTasksPage() {
  const { message } = App.useApp();
  const me = getSession()?.user;
  const [params, setParams] = useSearchParams();
  const { planId, picker, error: planError } = usePlan(t.plan);
  const page = Number(params.get('page') ?? '1') || 1;
  const light = params.get('light') ?? '';
  const status = params.get('status') ?? '';
  const { data, error, loading, reload } = useLoad(
    () => (planId ? api.get<Page<TaskView>>('/tasks', { planId, page, pageSize: PAGE_SIZE, light, status }) : Promise.resolve(undefined)),
    [planId, page, light, status],
  );
  const set = (k: string, v: string) => setParams((p) => { if (v) p.set(k, v); else p.delete(k); if (k !== 'page') p.delete('page'); return p; });

  async function downloadLedger() {
    try {
      await api.download(`/plans/${planId}/ledger.xlsx`, 'ledger.xlsx');
    } catch (e) {
      message.error(`${common.downloadFailed}: ${(e as Error).message}`);
    }
  }

  return (
    <>
      <h1 className="page-title">{t.title}</h1>
      <ErrorAlert error={planError ?? error} onRetry={reload} />
      {/* The plan and the download sit in the card body, wrapping: a card header would cut the plan title on a phone. */}
      <Card className="my-tasks-card">
        <div className="card-toolbar">
          <div className="card-toolbar-plan" data-testid="my-plan">{picker}</div>
          {planId && <Button onClick={downloadLedger}>{t.ledger}</Button>}
        </div>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select aria-label={t.light} value={light} onChange={(v) => set('light', v)} style={{ width: 150 }}
            options={[{ value: '', label: `${t.light}：${t.all}` }, ...['red', 'yellow', 'green'].map((l) => ({ value: l, label: common.lights[l] }))]} />
          <Select aria-label={t.colStatus} value={status} onChange={(v) => set('status', v)} style={{ width: 140 }}
            options={[{ value: '', label: `${t.colStatus}：${t.all}` }, ...['in_progress', 'completion_requested', 'completed'].map((s) => ({ value: s, label: common.status[s] }))]} />
        </Space>
        <Table<TaskView>
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={data?.items ?? []}
          scroll={{ x: true }}
          locale={{ emptyText: common.empty }}
          pagination={{
            current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, showTotal: t.total,
            onChange: (p) => set('page', String(p)),
          }}
          columns={[
            // On a phone: task, due date, progress and light; the rest from the sm breakpoint up.
            { title: t.colNumber, dataIndex: 'itemNumber', width: 64, responsive: ['sm'] },
            {
              title: t.colTitle, dataIndex: 'title',
              render: (v: string, r) => <Link to={`/dept/tasks/${r.id}`}>{v}</Link>,
            },
            {
              title: t.role, key: 'role', width: 72, responsive: ['sm'],
              render: (_: unknown, r) => (r.leadDepartment.id === me?.departmentId ? t.asLead : t.asCooperating),
            },
            // Dates, percentages and lights never break across lines; the task title takes the remaining width.
            { title: t.colDue, dataIndex: 'dueDate', className: 'nowrap', render: (v: string) => <span data-testid="due-date">{v}</span> },
            { title: t.colPercent, dataIndex: 'percent', className: 'nowrap', render: (v: number) => common.percent(v) },
            { title: t.colLight, dataIndex: 'light', className: 'nowrap', render: (v: string) => <LightTag light={v} /> },
            { title: t.colStatus, dataIndex: 'status', width: 110, responsive: ['sm'], render: (v: string) => <StatusTag status={v} /> },
          ]}
        />
      </Card>
    </>
  );
}
