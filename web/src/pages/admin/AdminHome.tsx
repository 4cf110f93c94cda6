// 待办: what the legal office must act on in the chosen plan — requests waiting for review, overdue
// tasks, 督办 notices without an answer, and departments that have not reported this quarter.
// Every list and number comes from the API as it is.
import { Badge, Button, Card, Empty, List, Pagination, Space } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { CompletionRequest, Dashboard, DeliveryView, ExtensionRequest, Page, SupervisionNotice, TaskView } from '../../api/types';
import { ErrorAlert } from '../../components/ApiErrors';
import { useLoad } from '../../components/hooks';
import { officeText } from '../../i18n/admin';
import { common, notificationsText } from '../../i18n/common';
import './admin.css';
import { OfficeScope } from './OfficeScope';
import { PlanPicker } from './PlanPicker';
import { shanghaiTime } from './format';
import { LightTag, Pill, usePlan } from '../../components/common';
import { ReviewActions } from './ReviewActions';

const t = officeText.todo;

export default function AdminHome() {
  const choice = usePlan(officeText.plan.label);
  return (
    <OfficeScope>
      <h1 className="page-title">{t.title}</h1>
      <ErrorAlert error={choice.error} />
      {choice.plans?.length === 0 && (
        <Empty description={officeText.plan.none}>
          <Link to="/admin/import"><Button type="primary">{officeText.plan.goImport}</Button></Link>
        </Empty>
      )}
      {choice.planId && (
        <>
          <PlanPicker picker={choice.picker} />
          <TodoBoard key={choice.planId} planId={choice.planId} />
        </>
      )}
    </OfficeScope>
  );
}

function TaskLink({ task }: { task: Pick<TaskView, 'id' | 'title' | 'itemNumber'> }) {
  return <Link to={`/admin/tasks/${task.id}`}>{task.itemNumber !== null ? `${task.itemNumber}. ` : ''}{task.title}</Link>;
}

function CardTitle({ text, count }: { text: string; count: number | undefined }) {
  return (
    <Space>
      <h2 className="card-heading">{text}</h2>
      {count !== undefined && <Badge count={count} showZero color={count ? '#cf1322' : '#389e0d'} aria-label={t.total(count)} />}
    </Space>
  );
}

function TodoBoard({ planId }: { planId: string }) {
  const [round, setRound] = useState(0);
  const refresh = () => setRound((n) => n + 1);

  const extensions = useLoad(async () => {
    const page = await api.get<Page<TaskView>>('/tasks', { planId, pendingExtension: true, sort: 'dueDate', pageSize: 100 });
    const rows = await Promise.all(page.items.map(async (task) => {
      const requests = await api.get<ExtensionRequest[]>(`/tasks/${task.id}/extension-requests`);
      return { task, request: requests.find((r) => r.status === 'pending') };
    }));
    return { total: page.total, rows };
  }, [planId, round]);

  const completions = useLoad(async () => {
    const page = await api.get<Page<TaskView>>('/tasks', { planId, status: 'completion_requested', sort: 'updatedAt', pageSize: 100 });
    const rows = await Promise.all(page.items.map(async (task) => {
      const requests = await api.get<CompletionRequest[]>(`/tasks/${task.id}/completion-requests`);
      return { task, request: requests.find((r) => r.status === 'pending') };
    }));
    return { total: page.total, rows };
  }, [planId, round]);

  const [overduePage, setOverduePage] = useState(1);
  const overdue = useLoad(
    () => api.get<Page<TaskView>>('/tasks', { planId, light: 'red', sort: 'dueDate', page: overduePage, pageSize: 10 }),
    [planId, overduePage, round],
  );

  const notices = useLoad(async () => {
    const res = await api.get<{ notices: SupervisionNotice[] }>(`/plans/${planId}/supervision-notices`);
    return res.notices.filter((n) => !n.respondedOn);
  }, [planId, round]);

  // 未报送 of the current reporting period (the quarter just ended while its window is open), as the dashboard reports it.
  const notReported = useLoad(async () => (await api.get<Dashboard>(`/plans/${planId}/dashboard`)).notReported, [planId, round]);

  // Robot deliveries that failed after their retries (every reminder is in-app whatever the robot did).
  const deliveries = useLoad(async () => (await api.get<{ items: DeliveryView[] }>('/deliveries', { status: 'failed' })).items.filter((d) => d.planId === planId), [planId, round]);
  const retry = async (id: string) => {
    await api.post(`/deliveries/${id}/retry`);
    refresh();
  };

  return (
    <div className="todo-grid">
      <Card title={<CardTitle text={t.extensions} count={extensions.data?.total} />} loading={extensions.loading && !extensions.data}>
        <ErrorAlert error={extensions.error} onRetry={extensions.reload} />
        <List
          dataSource={extensions.data?.rows ?? []}
          locale={{ emptyText: t.allClear }}
          renderItem={({ task, request }) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <TaskLink task={task} />
                <div className="todo-item-meta">
                  {task.leadDepartment.name}
                  {request && <> · {t.requested(request.previousDueDate, request.requestedDueDate)} · {shanghaiTime(request.createdAt)}</>}
                </div>
                {request && <div>{t.reason}：{request.reason}</div>}
                {request && (
                  <div style={{ marginTop: 8 }}>
                    <ReviewActions target={{ kind: 'extension', id: request.id, subject: task.title }} onDone={refresh} />
                  </div>
                )}
              </div>
            </List.Item>
          )}
        />
      </Card>

      <Card title={<CardTitle text={t.completions} count={completions.data?.total} />} loading={completions.loading && !completions.data}>
        <ErrorAlert error={completions.error} onRetry={completions.reload} />
        <List
          dataSource={completions.data?.rows ?? []}
          locale={{ emptyText: t.allClear }}
          renderItem={({ task, request }) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <TaskLink task={task} />
                <div className="todo-item-meta">
                  {task.leadDepartment.name} · {officeText.columns.due} {task.dueDate} · {common.percent(task.percent)}
                  {request && <> · {shanghaiTime(request.createdAt)}</>}
                </div>
                {request && <div>{t.summary}：{request.summary}</div>}
                <div style={{ marginTop: 8 }}>
                  <ReviewActions target={{ kind: 'completion', id: task.id, subject: task.title }} onDone={refresh} />
                </div>
              </div>
            </List.Item>
          )}
        />
      </Card>

      <Card title={<CardTitle text={t.overdue} count={overdue.data?.total} />} loading={overdue.loading && !overdue.data}>
        <ErrorAlert error={overdue.error} onRetry={overdue.reload} />
        <List
          dataSource={overdue.data?.items ?? []}
          locale={{ emptyText: t.allClear }}
          renderItem={(task) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <TaskLink task={task} /> <LightTag light={task.light} />
                <div className="todo-item-meta">
                  {task.leadDepartment.name} · {officeText.columns.due} {task.dueDate} · {common.percent(task.percent)}
                </div>
              </div>
            </List.Item>
          )}
        />
        {overdue.data && overdue.data.total > overdue.data.pageSize && (
          <Pagination size="small" current={overduePage} pageSize={overdue.data.pageSize} total={overdue.data.total}
            onChange={setOverduePage} showSizeChanger={false} style={{ marginTop: 8 }} />
        )}
      </Card>

      <Card title={<CardTitle text={t.notices} count={notices.data?.length} />} loading={notices.loading && !notices.data}>
        <ErrorAlert error={notices.error} onRetry={notices.reload} />
        <List
          dataSource={notices.data ?? []}
          locale={{ emptyText: t.allClear }}
          renderItem={(n) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <Link to={`/admin/tasks/${n.taskId}`}>{n.number}</Link>{' '}
                <Pill color={n.level === 'red' ? 'error' : n.level === 'yellow' ? 'warning' : 'processing'}>
                  {officeText.task.notice.levels[n.level] ?? n.level}
                </Pill>
                <div className="todo-item-meta">{t.issuedOn} {n.issuedOn} · {t.respondBy} {n.respondBy}</div>
                <div>{n.message}</div>
              </div>
            </List.Item>
          )}
        />
      </Card>

      <Card title={<CardTitle text={t.deliveries} count={deliveries.data?.length} />} loading={deliveries.loading && !deliveries.data}>
        <ErrorAlert error={deliveries.error} onRetry={deliveries.reload} />
        <List
          dataSource={deliveries.data ?? []}
          locale={{ emptyText: t.allClear }}
          renderItem={(d) => (
            <List.Item actions={d.retry ? [<Button key="retry" size="small" onClick={() => retry(d.id)}>{t.retry}</Button>] : []}>
              <div style={{ width: '100%' }}>
                {d.taskId ? <Link to={`/admin/tasks/${d.taskId}`}>{notificationsText.kinds[d.kind] ?? d.kind}</Link> : <span>{notificationsText.kinds[d.kind] ?? d.kind}</span>}
                <div className="todo-item-meta">{shanghaiTime(d.fireAt)} · {d.lastError ?? ''}</div>
              </div>
            </List.Item>
          )}
        />
      </Card>

      {notReported.data && (
        <Card title={<CardTitle text={t.notReported(notReported.data.period)} count={notReported.data.departments.length} />}>
          <div className="todo-item-meta" style={{ marginBottom: 8 }}>{t.reportWindow(notReported.data.windowEnd)}</div>
          {notReported.data.departments.length === 0
            ? <span>{t.notReportedNone}</span>
            : (
              <List size="small" dataSource={notReported.data.departments} renderItem={(d) => (
                <List.Item>{d.name} <span className="todo-item-meta">{t.missingTasks(d.missingTasks)}</span></List.Item>
              )} />
            )}
        </Card>
      )}
      <ErrorAlert error={notReported.error} onRetry={notReported.reload} />
    </div>
  );
}
