// Admin edit of a task's due date and deliverable (PATCH /api/tasks/:id with the version read).
// Shows the pattern for a stale version: 409 → notice, reload fetches the new version, the form keeps
// what the user typed.
import { App, Button, Card, Descriptions, Form, Input } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import type { TaskView, UpdateTaskDto } from '../../api/types';
import { applyFieldErrors, ErrorAlert, isStale, StaleAlert } from '../../components/ApiErrors';
import { useLoad } from '../../components/hooks';
import { adminText } from '../../i18n/admin';

const t = adminText.editTask;
type Values = Pick<UpdateTaskDto, 'dueDate' | 'deliverable'>;

export default function TaskEditPage() {
  const { id } = useParams();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [stale, setStale] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const task = useLoad(async () => {
    const v = await api.get<TaskView>(`/tasks/${id}`);
    // A reload after a 409 refreshes the version and the fields the user has not touched; what
    // the user typed stays.
    if (!form.isFieldTouched('dueDate')) form.setFieldValue('dueDate', v.dueDate);
    if (!form.isFieldTouched('deliverable')) form.setFieldValue('deliverable', v.deliverable ?? '');
    return v;
  }, [id]);

  async function save(values: Values) {
    if (!task.data) return;
    setSaving(true);
    setError(null);
    try {
      const body: UpdateTaskDto = { version: task.data.version, dueDate: values.dueDate, deliverable: values.deliverable };
      await api.patch<TaskView>(`/tasks/${id}`, body);
      setStale(false);
      message.success(t.saved);
      form.resetFields();
      await task.reload();
    } catch (err) {
      if (isStale(err)) setStale(true);
      else setError(applyFieldErrors(form, err, ['dueDate', 'deliverable']));
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <h1 className="page-title">{t.title}</h1>
      <ErrorAlert error={task.error} onRetry={task.reload} />
      {stale && <StaleAlert onReload={() => { setStale(false); void task.reload(); }} />}
      {error && <ErrorAlert error={new Error(error)} />}
      {task.data && (
        <Card title={task.data.title}>
          <Descriptions size="small" column={1} style={{ marginBottom: 16 }} items={[
            { key: 'lead', label: t.leadDepartment, children: task.data.leadDepartment.name },
            { key: 'v', label: t.version, children: <span data-testid="task-version">{task.data.version}</span> },
          ]} />
          <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 480 }}>
            <Form.Item name="dueDate" label={t.dueDate}><Input placeholder="YYYY-MM-DD" /></Form.Item>
            <Form.Item name="deliverable" label={t.deliverable}><Input.TextArea rows={2} /></Form.Item>
            <Button type="primary" htmlType="submit" loading={saving}>{t.save}</Button>
          </Form>
        </Card>
      )}
    </>
  );
}
