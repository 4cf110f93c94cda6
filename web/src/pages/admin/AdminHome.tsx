// 待办: what the legal office must act on in the chosen plan — requests waiting for review, overdue
// tasks, 督办 notices without an answer, and departments that have not reported this quarter.
// Every list and number comes from the API as it is; the review lists are one paged call each.
import { Button, List } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { Dashboard, DeliveryView, Page, PlanNotices, ReviewKind, ReviewQueueRow, TaskView } from '../../api/types';
import { ErrorAlert } from '../../components/ApiErrors';
import { useLoad } from '../../components/hooks';
import { officeText } from '../../i18n/admin';
import { common, notificationsText } from '../../i18n/common';
import { shanghaiTime } from './format';
import { LightTag, Pill } from '../../components/common';
import { PlanScopedPage } from './PlanScopedPage';
import { ReviewActions } from './ReviewActions';
import { TodoCard } from './TodoCard';

const t = officeText.todo;
const PAGE_SIZE = 10;

export default function AdminHome() {
  return <PlanScopedPage title={t.title}>{({ planId }) => <TodoBoard planId={planId} />}</PlanScopedPage>;
}

function TaskLink({ task }: { task: Pick<TaskView, 'id' | 'title' | 'itemNumber'> }) {
  return <Link to={`/admin/tasks/${task.id}`}>{task.itemNumber !== null ? `${task.itemNumber}. ` : ''}{task.title}</Link>;
}

/** One page of the plan's pending requests of a kind, with the task and department in each row. */
function useReviewQueue(planId: string, kind: ReviewKind, round: number) {
  const [page, setPage] = useState(1);
  const load = useLoad(
    () => api.get<Page<ReviewQueueRow>>(`/plans/${planId}/review-requests`, { kind, status: 'pending', page, pageSize: PAGE_SIZE }),
    [planId, kind, page, round],
  );
  const paging = load.data && { page, pageSize: load.data.pageSize, total: load.data.total, onChange: setPage };
  return { ...load, paging };
}

function TodoBoard({ planId }: { planId: string }) {
  const [round, setRound] = useState(0);
  const refresh = () => setRound((n) => n + 1);

  const extensions = useReviewQueue(planId, 'extension', round);
  const completions = useReviewQueue(planId, 'completion', round);

  const [overduePage, setOverduePage] = useState(1);
  const overdue = useLoad(
    () => api.get<Page<TaskView>>('/tasks', { planId, light: 'red', sort: 'dueDate', page: overduePage, pageSize: PAGE_SIZE }),
    [planId, overduePage, round],
  );

  // 督办 notices still awaiting their answer, one page at a time.
  const [noticePage, setNoticePage] = useState(1);
  const notices = useLoad(
    () => api.get<PlanNotices>(`/plans/${planId}/supervision-notices`, { open: true, page: noticePage, pageSize: PAGE_SIZE }),
    [planId, noticePage, round],
  );

  // 未报送 of the current reporting period (the quarter just ended while its window is open), as the dashboard reports it.
  const notReported = useLoad(async () => (await api.get<Dashboard>(`/plans/${planId}/dashboard`)).notReported, [planId, round]);

  // Robot deliveries that failed after their retries (every reminder is in-app whatever the robot did).
  const deliveries = useLoad(async () => (await api.get<{ items: DeliveryView[] }>('/deliveries', { status: 'failed', planId })).items, [planId, round]);
  const retry = async (id: string) => {
    await api.post(`/deliveries/${id}/retry`);
    refresh();
  };

  return (
    <div className="todo-grid">
      <TodoCard title={t.extensions} count={extensions.data?.total} rows={extensions.data?.items} loading={extensions.loading}
        error={extensions.error} onRetry={extensions.reload} paging={extensions.paging} rowKey={(r) => r.id}
        renderItem={(r) => r.kind === 'extension' && (
          <List.Item>
            <div style={{ width: '100%' }}>
              <TaskLink task={r.task} />
              <div className="todo-item-meta">
                {r.department.name} · {t.requested(r.previousDueDate, r.requestedDueDate)} · {shanghaiTime(r.createdAt)}
              </div>
              <div>{t.reason}：{r.reason}</div>
              <div style={{ marginTop: 8 }}>
                <ReviewActions target={{ kind: 'extension', id: r.id, subject: r.task.title }} onDone={refresh} />
              </div>
            </div>
          </List.Item>
        )} />

      <TodoCard title={t.completions} count={completions.data?.total} rows={completions.data?.items} loading={completions.loading}
        error={completions.error} onRetry={completions.reload} paging={completions.paging} rowKey={(r) => r.id}
        renderItem={(r) => r.kind === 'completion' && (
          <List.Item>
            <div style={{ width: '100%' }}>
              <TaskLink task={r.task} />
              <div className="todo-item-meta">
                {r.department.name} · {officeText.columns.due} {r.task.dueDate} · {common.percent(r.task.percent)} · {shanghaiTime(r.createdAt)}
              </div>
              <div>{t.summary}：{r.summary}</div>
              <div style={{ marginTop: 8 }}>
                <ReviewActions target={{ kind: 'completion', id: r.task.id, subject: r.task.title }} onDone={refresh} />
              </div>
            </div>
          </List.Item>
        )} />

      <TodoCard title={t.overdue} count={overdue.data?.total} rows={overdue.data?.items} loading={overdue.loading}
        error={overdue.error} onRetry={overdue.reload} rowKey={(task) => task.id}
        paging={overdue.data && { page: overduePage, pageSize: overdue.data.pageSize, total: overdue.data.total, onChange: setOverduePage }}
        renderItem={(task) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <TaskLink task={task} /> <LightTag light={task.light} />
              <div className="todo-item-meta">
                {task.leadDepartment.name} · {officeText.columns.due} {task.dueDate} · {common.percent(task.percent)}
              </div>
            </div>
          </List.Item>
        )} />

      <TodoCard title={t.notices} count={notices.data?.total} rows={notices.data?.notices} loading={notices.loading}
        error={notices.error} onRetry={notices.reload} rowKey={(n) => n.id}
        paging={notices.data && { page: noticePage, pageSize: notices.data.pageSize ?? PAGE_SIZE, total: notices.data.total, onChange: setNoticePage }}
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
        )} />

      <TodoCard title={t.deliveries} count={deliveries.data?.length} rows={deliveries.data} loading={deliveries.loading}
        error={deliveries.error} onRetry={deliveries.reload} rowKey={(d) => d.id}
        renderItem={(d) => (
          <List.Item actions={d.retry ? [<Button key="retry" size="small" onClick={() => retry(d.id)}>{t.retry}</Button>] : []}>
            <div style={{ width: '100%' }}>
              {d.taskId ? <Link to={`/admin/tasks/${d.taskId}`}>{notificationsText.kinds[d.kind] ?? d.kind}</Link> : <span>{notificationsText.kinds[d.kind] ?? d.kind}</span>}
              <div className="todo-item-meta">{shanghaiTime(d.fireAt)} · {d.lastError ?? ''}</div>
            </div>
          </List.Item>
        )} />

      {notReported.data && (
        <TodoCard title={t.notReported(notReported.data.period)} count={notReported.data.departments.length}
          rows={notReported.data.departments} loading={false} error={undefined} onRetry={notReported.reload} rowKey={(d) => d.departmentId}
          emptyText={t.notReportedNone}
          renderItem={(d) => <List.Item>{d.name} <span className="todo-item-meta">{t.missingTasks(d.missingTasks)}</span></List.Item>}>
          <div className="todo-item-meta" style={{ marginBottom: 8 }}>{t.reportWindow(notReported.data.windowEnd)}</div>
        </TodoCard>
      )}
      <ErrorAlert error={notReported.error} onRetry={notReported.reload} />
    </div>
  );
}
