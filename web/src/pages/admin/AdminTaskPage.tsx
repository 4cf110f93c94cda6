// One task for the legal office: its facts, the whole course of work as a timeline (progress with
// figures and evidence, extension and completion requests with their reviews, 督办 notices and the
// answers), the reminders and their delivery, and the audit trail. Actions: review requests, issue a
// 督办 notice, and edit the task with the version read (409 → "该任务已被他人修改", reload keeps the form).
import { App, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Tabs, Timeline } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import type {
  AuditLog, CompletionRequest, CreateSupervisionNoticeDto, DepartmentView, ExtensionRequest, ProgressReport, Reminder,
  SupervisionNotice, TaskView, UpdateTaskDto, UserView,
} from '../../api/types';
import { applyFieldErrors, ErrorAlert, StaleAlert } from '../../components/ApiErrors';
import { useLoad } from '../../components/hooks';
import { officeText } from '../../i18n/admin';
import { common } from '../../i18n/common';
import './admin.css';
import { ScrollArea } from './ScrollArea';
import { OfficeScope } from './OfficeScope';
import { DepartmentSelect, useDepartments } from './DepartmentSelect';
import { shanghaiTime } from './format';
import { LightTag, Pill, StatusTag } from '../../components/common';
import { ReviewActions } from './ReviewActions';
import { rowErrorsOf } from './row-errors';

const t = officeText.task;

interface Course {
  progress: ProgressReport[];
  extensions: ExtensionRequest[];
  completions: CompletionRequest[];
  notices: SupervisionNotice[];
}

export default function AdminTaskPage() {
  const { id } = useParams();
  const task = useLoad(() => api.get<TaskView>(`/tasks/${id}`), [id]);
  const [round, setRound] = useState(0);
  const course = useLoad(async (): Promise<Course> => {
    const [progress, extensions, completions, notices] = await Promise.all([
      api.get<ProgressReport[]>(`/tasks/${id}/progress`),
      api.get<ExtensionRequest[]>(`/tasks/${id}/extension-requests`),
      api.get<CompletionRequest[]>(`/tasks/${id}/completion-requests`),
      api.get<SupervisionNotice[]>(`/tasks/${id}/supervision-notices`),
    ]);
    return { progress, extensions, completions, notices };
  }, [id, round]);
  const departments = useDepartments();
  const users = useLoad(() => api.get<UserView[]>('/users'), []);
  const [editing, setEditing] = useState(false);
  const [noticeOpen, setNoticeOpen] = useState(false);

  const refresh = () => {
    void task.reload();
    setRound((n) => n + 1);
  };
  const v = task.data;
  const pendingExtension = course.data?.extensions.find((r) => r.status === 'pending');

  return (
    <OfficeScope>
      <p style={{ margin: '0 0 8px' }}><Link to={v ? `/admin/tasks?plan=${v.planId}` : '/admin/tasks'}>{t.back}</Link></p>
      <h1 className="page-title">{v ? `${v.itemNumber !== null ? `${v.itemNumber}. ` : ''}${v.title}` : common.loading}</h1>
      <ErrorAlert error={task.error} onRetry={task.reload} />
      {v && (
        <Card style={{ marginBottom: 16 }}>
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={[
            { key: 'lead', label: t.facts.lead, children: v.leadDepartment.name },
            { key: 'coop', label: t.facts.cooperating, children: v.cooperatingDepartments.map((d) => d.name).join('、') || '—' },
            { key: 'due', label: t.facts.due, children: <span data-testid="task-due">{v.dueDate}</span> },
            ...(v.originalDueDate !== v.dueDate ? [{ key: 'odue', label: t.facts.originalDue, children: v.originalDueDate }] : []),
            { key: 'deliv', label: t.facts.deliverable, children: v.deliverable ?? '—' },
            { key: 'status', label: t.facts.status, children: <StatusTag status={v.status} /> },
            { key: 'light', label: t.facts.light, children: <LightTag light={v.light} /> },
            { key: 'pct', label: t.facts.percent, children: common.percent(v.percent) },
            { key: 'last', label: t.facts.lastReported, children: v.lastReportedOn ?? '—' },
            { key: 'ver', label: t.facts.version, children: <span data-testid="task-version">{v.version}</span> },
          ]} />
          <Space wrap style={{ marginTop: 12 }}>
            {v.status !== 'completed' && v.status !== 'cancelled' && (
              <Button onClick={() => setEditing((e) => !e)} aria-expanded={editing}>{editing ? t.actions.cancelEdit : t.actions.edit}</Button>
            )}
            {v.status !== 'completed' && v.status !== 'cancelled' && <Button onClick={() => setNoticeOpen(true)}>{t.actions.notice}</Button>}
            {v.status !== 'completed' && v.status !== 'cancelled' && <CancelTaskButton taskId={v.id} onDone={refresh} />}
            {pendingExtension && (
              <span>{officeText.review.extension}：<ReviewActions target={{ kind: 'extension', id: pendingExtension.id, subject: v.title }} onDone={refresh} /></span>
            )}
            {v.status === 'completion_requested' && (
              <span>{officeText.review.completion}：<ReviewActions target={{ kind: 'completion', id: v.id, subject: v.title }} onDone={refresh} /></span>
            )}
          </Space>
        </Card>
      )}
      {v && editing && <EditTask task={v} departments={departments.data} onReload={task.reload} onSaved={() => { setEditing(false); refresh(); }} />}
      {v && <IssueNotice task={v} open={noticeOpen} onClose={() => setNoticeOpen(false)} onIssued={refresh} />}
      {v && (
        <Tabs items={[
          {
            key: 'timeline', label: t.tabs.timeline,
            children: (
              <>
                <ErrorAlert error={course.error} onRetry={course.reload} />
                {course.data && <CourseTimeline task={v} course={course.data} departments={departments.data} users={users.data} />}
              </>
            ),
          },
          { key: 'reminders', label: t.tabs.reminders, children: <Reminders taskId={v.id} departments={departments.data} /> },
          { key: 'audit', label: t.tabs.audit, children: <AuditTrail taskId={v.id} round={round} departments={departments.data} users={users.data} /> },
        ]} />
      )}
    </OfficeScope>
  );
}

function names(departments: DepartmentView[] | undefined) {
  const m = new Map((departments ?? []).map((d) => [d.id, d.name]));
  return (id: string | null | undefined) => (id ? m.get(id) ?? id : '—');
}
function userNames(users: UserView[] | undefined) {
  const m = new Map((users ?? []).map((u) => [u.id, u.username]));
  return (id: string | null | undefined) => (id ? m.get(id) ?? id : t.audit.system);
}

function CourseTimeline({ task, course, departments, users }: {
  task: TaskView; course: Course; departments: DepartmentView[] | undefined; users: UserView[] | undefined;
}) {
  const dept = names(departments);
  const user = userNames(users);
  const events: { at: string; color: string; node: React.ReactNode }[] = [
    { at: task.createdAt, color: 'gray', node: <><strong>{t.event.created}</strong> <span className="muted">{shanghaiTime(task.createdAt)}</span></> },
  ];
  for (const r of course.progress) {
    events.push({
      at: r.createdAt, color: 'blue', node: (
        <div data-testid="event-progress">
          <strong>{t.event.progress(r.percent)}</strong>{' '}
          <Pill>{dept(r.departmentId)} · {r.isOfficial ? t.event.official : t.event.cooperating}</Pill>
          <Pill color="blue">{t.event.period(r.period)}</Pill>
          {r.late && <Pill color="yellow">{t.event.late}</Pill>}
          {r.withdrawnAt && <Pill color="red">{t.event.withdrawn}</Pill>}
          {!r.withdrawnAt && r.supersededById && <Pill>{t.event.superseded}</Pill>}
          {r.supersedesId && <Pill color="purple">{t.event.correction}</Pill>}
          <span className="muted">{r.reportedOn} · {user(r.authorId)} · {shanghaiTime(r.createdAt)}</span>
          <div className="timeline-body">{r.narrative}</div>
          {r.reason && <div className="muted">{t.event.reason}：{r.reason}</div>}
          {r.withdrawReason && <div className="muted">{t.event.withdrawReason}：{r.withdrawReason}</div>}
          {r.figures?.length > 0 && (
            <div>{t.event.figures}：{r.figures.map((f, i) => <Pill key={i} color="blue">{f.indicator} {f.value}{f.unit}</Pill>)}</div>
          )}
          {r.evidence?.length > 0 && <div>{t.event.evidence}：{r.evidence.join('；')}</div>}
        </div>
      ),
    });
  }
  const review = (r: ExtensionRequest | CompletionRequest, what: string) => (
    r.status === 'pending'
      ? <Pill color="processing">{officeText.review.statuses.pending}</Pill>
      : (
        <div className="muted">
          {t.event.reviewed(what, officeText.review.statuses[r.status])} · {user(r.reviewedBy)} · {shanghaiTime(r.reviewedAt)}
          {r.reviewReason && <>：{r.reviewReason}</>}
        </div>
      )
  );
  for (const r of course.extensions) {
    events.push({
      at: r.createdAt, color: r.status === 'returned' ? 'red' : 'orange', node: (
        <div>
          <strong>{t.event.extension(r.requestedDueDate)}</strong>{' '}
          <span className="muted">{dept(r.departmentId)} · {user(r.requestedBy)} · {shanghaiTime(r.createdAt)}</span>
          <div className="timeline-body">{officeText.todo.reason}：{r.reason}</div>
          {review(r, officeText.review.extension)}
        </div>
      ),
    });
  }
  for (const r of course.completions) {
    events.push({
      at: r.createdAt, color: r.status === 'approved' ? 'green' : r.status === 'returned' ? 'red' : 'orange', node: (
        <div>
          <strong>{t.event.completion}</strong>{' '}
          <span className="muted">{dept(r.departmentId)} · {user(r.requestedBy)} · {shanghaiTime(r.createdAt)}</span>
          <div className="timeline-body">{officeText.todo.summary}：{r.summary}</div>
          {review(r, officeText.review.completion)}
        </div>
      ),
    });
  }
  for (const n of course.notices) {
    events.push({
      at: n.createdAt, color: 'red', node: (
        <div>
          <strong>{t.event.notice(n.number)}</strong>{' '}
          <Pill color={n.level === 'red' ? 'error' : n.level === 'yellow' ? 'warning' : 'processing'}>{t.notice.levels[n.level] ?? n.level}</Pill>
          <span className="muted">{dept(n.departmentId)} · {user(n.issuedBy)} · {n.issuedOn}</span>
          <div className="timeline-body">{n.message}</div>
          <div className="muted">{t.event.respondBy(n.respondBy)}</div>
          {n.respondedOn
            ? <div><strong>{t.event.response(n.number)}</strong> <span className="muted">{user(n.respondedBy)} · {n.respondedOn}</span><div className="timeline-body">{n.response}</div></div>
            : <Pill color="warning">{t.event.unanswered}</Pill>}
        </div>
      ),
    });
  }
  events.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return <Timeline items={events.map((e, i) => ({ key: i, color: e.color, content: e.node }))} />;
}

function Reminders({ taskId, departments }: { taskId: string; departments: DepartmentView[] | undefined }) {
  const dept = names(departments);
  const list = useLoad(() => api.get<Reminder[]>(`/tasks/${taskId}/reminders`), [taskId]);
  const r = t.reminders;
  return (
    <>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ScrollArea label={t.tabs.reminders}>
        <Table<Reminder> rowKey="id" size="small" loading={list.loading} dataSource={list.data ?? []} locale={{ emptyText: r.empty }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }} style={{ minWidth: 760 }} columns={[
            { title: r.kind, dataIndex: 'kind', render: (k: string) => r.kinds[k] ?? k },
            { title: officeText.columns.department, dataIndex: 'departmentId', render: (d: string) => dept(d) },
            { title: r.fireAt, dataIndex: 'fireAt', render: (v: string) => shanghaiTime(v) },
            { title: r.status, dataIndex: 'status', render: (s: string) => <Pill color={s === 'sent' ? 'success' : s === 'failed' ? 'error' : undefined}>{r.statuses[s] ?? s}</Pill> },
            { title: r.webhook, dataIndex: 'webhookStatus', render: (s: string) => <Pill color={s === 'sent' ? 'success' : s === 'failed' ? 'error' : undefined}>{r.webhooks[s] ?? s}</Pill> },
            { title: r.sentAt, dataIndex: 'sentAt', render: (v: string | null) => shanghaiTime(v) },
            { title: r.error, dataIndex: 'lastError', render: (v: string | null) => v ?? '' },
          ]} />
      </ScrollArea>
    </>
  );
}

const FIELD_LABELS: Record<string, string> = {
  title: t.edit.taskTitle, dueDate: t.facts.due, leadDepartmentId: t.facts.lead, leadDepartment: t.facts.lead,
  cooperatingDepartmentIds: t.facts.cooperating, cooperatingDepartments: t.facts.cooperating, deliverable: t.facts.deliverable,
  milestones: t.facts.milestones, percent: t.facts.percent, status: t.facts.status,
};

function AuditTrail({ taskId, round, departments, users }: {
  taskId: string; round: number; departments: DepartmentView[] | undefined; users: UserView[] | undefined;
}) {
  const dept = names(departments);
  const user = userNames(users);
  const list = useLoad(() => api.get<AuditLog[]>(`/tasks/${taskId}/audit`), [taskId, round]);
  const a = t.audit;
  const show = (value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (Array.isArray(value)) return value.map(show).join('、') || '—';
    if (typeof value === 'string') return dept(value) !== value ? dept(value) : value;
    return JSON.stringify(value);
  };
  const change = (row: AuditLog) => {
    const before = (row.before ?? {}) as Record<string, unknown>;
    const after = (row.after ?? {}) as Record<string, unknown>;
    if (typeof after !== 'object') return show(after);
    return Object.keys(after)
      .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      .map((k) => (k in before ? `${FIELD_LABELS[k] ?? k}: ${show(before[k])} → ${show(after[k])}` : `${FIELD_LABELS[k] ?? k}: ${show(after[k])}`))
      .join('\n');
  };
  return (
    <>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ScrollArea label={t.tabs.audit}>
        <Table<AuditLog> rowKey="id" size="small" loading={list.loading} dataSource={[...(list.data ?? [])].reverse()} locale={{ emptyText: a.empty }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }} style={{ minWidth: 640 }} columns={[
            { title: a.when, dataIndex: 'createdAt', width: 150, render: (v: string) => shanghaiTime(v) },
            { title: a.who, dataIndex: 'actorId', width: 110, render: (v: string | null) => user(v) },
            { title: a.action, dataIndex: 'action', width: 110, render: (v: string) => a.actions[v] ?? v },
            { title: a.change, key: 'change', render: (_: unknown, row) => <pre className="audit-change">{change(row)}</pre> },
          ]} />
      </ScrollArea>
    </>
  );
}

interface EditValues {
  title: string;
  leadDepartment: string | null;
  cooperatingDepartments: string[];
  dueDate: string;
  deliverable: string;
}

const EDIT_FIELDS = ['title', 'leadDepartment', 'cooperatingDepartments', 'dueDate', 'deliverable'];

function isStaleVersion(err: unknown): boolean {
  return err instanceof ApiError && err.status === 409 && ('version' in err.fields || /version/.test(err.message));
}

function EditTask({ task, departments, onReload, onSaved }: {
  task: TaskView; departments: DepartmentView[] | undefined; onReload: () => Promise<TaskView | undefined>; onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const [stale, setStale] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const initial: EditValues = {
    title: task.title, leadDepartment: task.leadDepartment.id, cooperatingDepartments: task.cooperatingDepartments.map((d) => d.id),
    dueDate: task.dueDate, deliverable: task.deliverable ?? '',
  };

  // After a reload (someone else saved first) the fields the user has not touched take the new
  // values, so saving does not undo the other person's change; typed fields keep what was typed.
  useEffect(() => {
    const untouched = (Object.keys(initial) as (keyof EditValues)[]).filter((f) => !form.isFieldTouched(f));
    form.setFieldsValue(Object.fromEntries(untouched.map((f) => [f, initial[f]])));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [task.version]);

  async function save(values: EditValues) {
    setSaving(true);
    setError(null);
    const body: UpdateTaskDto = { version: task.version } as UpdateTaskDto;
    if (values.title !== initial.title) body.title = values.title;
    if (values.leadDepartment && values.leadDepartment !== initial.leadDepartment) body.leadDepartment = values.leadDepartment;
    if (JSON.stringify([...values.cooperatingDepartments].sort()) !== JSON.stringify([...initial.cooperatingDepartments].sort())) {
      body.cooperatingDepartments = values.cooperatingDepartments;
    }
    if (values.dueDate !== initial.dueDate) body.dueDate = values.dueDate;
    if (values.deliverable !== initial.deliverable) body.deliverable = values.deliverable;
    if (Object.keys(body).length === 1) {
      setSaving(false);
      message.info(t.edit.nothingChanged);
      return;
    }
    try {
      await api.patch<TaskView>(`/tasks/${task.id}`, body);
      setStale(false);
      message.success(t.edit.saved);
      onSaved();
    } catch (err) {
      if (isStaleVersion(err)) {
        setStale(true);
      } else {
        const rows = rowErrorsOf(err);
        if (rows.length) {
          form.setFields(rows.filter((r) => EDIT_FIELDS.includes(r.field)).map((r) => ({ name: r.field as keyof EditValues, errors: [r.message] })));
          const rest = rows.filter((r) => !EDIT_FIELDS.includes(r.field));
          setError(rest.length ? rest.map((r) => `${r.field}: ${r.message}`).join('；') : null);
        } else {
          setError(applyFieldErrors(form, err, EDIT_FIELDS));
        }
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title={<h2 className="card-heading">{t.edit.title}</h2>} style={{ marginBottom: 16 }}>
      {stale && <StaleAlert onReload={() => { setStale(false); void onReload(); }} />}
      {error && <ErrorAlert error={new Error(error)} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save} style={{ maxWidth: 640 }}>
        <Form.Item name="title" label={t.edit.taskTitle}><Input maxLength={500} /></Form.Item>
        <Form.Item name="leadDepartment" label={t.edit.lead}><DepartmentSelect departments={departments} /></Form.Item>
        <Form.Item name="cooperatingDepartments" label={t.edit.cooperating}><DepartmentSelect multiple departments={departments} /></Form.Item>
        <Form.Item name="dueDate" label={t.edit.dueDate}><Input type="date" /></Form.Item>
        <Form.Item name="deliverable" label={t.edit.deliverable}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>{t.edit.save}</Button>
      </Form>
    </Card>
  );
}

function IssueNotice({ task, open, onClose, onIssued }: { task: TaskView; open: boolean; onClose: () => void; onIssued: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateSupervisionNoticeDto>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const n = t.notice;

  async function issue(values: CreateSupervisionNoticeDto) {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/tasks/${task.id}/supervision-notices`, { ...values, level: values.level || undefined });
      message.success(n.issued);
      form.resetFields();
      onClose();
      onIssued();
    } catch (err) {
      setError(applyFieldErrors(form, err, ['message', 'respondBy', 'level']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} title={`${n.title}：${task.title}`} onCancel={onClose} onOk={() => form.submit()} okText={n.submit}
      okButtonProps={{ loading: busy }} cancelText={common.cancel} forceRender>
      {error && <ErrorAlert error={new Error(error)} />}
      <Form form={form} layout="vertical" onFinish={issue}>
        <Form.Item name="message" label={n.message} rules={[{ required: true, whitespace: true, message: n.required }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="respondBy" label={n.respondBy} rules={[{ required: true, message: n.required }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="level" label={n.level}>
          <Select allowClear options={Object.entries(n.levels).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 撤销: the office cancels a task with a reason; it leaves the statistics and stays in the ledger's history. */
function CancelTaskButton({ taskId, onDone }: { taskId: string; onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/tasks/${taskId}/cancel`, { reason });
      message.success(t.cancelTask.done);
      setOpen(false);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>{t.cancelTask.button}</Button>
      <Modal open={open} title={t.cancelTask.title} onOk={submit} onCancel={() => setOpen(false)} okText={t.cancelTask.confirm}
        okButtonProps={{ danger: true, loading: busy, disabled: !reason.trim() }} cancelText={common.cancel}>
        <ErrorAlert error={error} />
        <label htmlFor="cancel-reason">{t.cancelTask.reason}</label>
        <Input.TextArea id="cancel-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={2000} />
      </Modal>
    </>
  );
}
