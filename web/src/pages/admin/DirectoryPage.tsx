// 部门与用户: the department directory (names, short names and the aliases documents use, kind,
// group robot webhook) and the user accounts. The webhook URL and secret are write-only: the API
// never shows them back, only whether a robot is set.
import { App, Button, Checkbox, Form, Input, Modal, Select, Space, Table, Tabs } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { CreateDepartmentDto, CreateUserDto, DepartmentView, UserView } from '../../api/types';
import { Pill } from '../../components/common';
import { applyFieldErrors, ErrorAlert } from '../../components/ApiErrors';
import { useLoad } from '../../components/hooks';
import { officeText } from '../../i18n/admin';
import { common } from '../../i18n/common';
import './admin.css';
import { DepartmentSelect, loadDepartments } from './DepartmentSelect';
import { OfficeScope } from './OfficeScope';

const t = officeText.directory;

export default function DirectoryPage() {
  const departments = useLoad(() => loadDepartments(true), []);
  return (
    <OfficeScope>
      <h1 className="page-title">{t.title}</h1>
      <Tabs items={[
        { key: 'departments', label: t.departments, children: <Departments list={departments.data} loading={departments.loading} error={departments.error} reload={departments.reload} /> },
        { key: 'users', label: t.users, children: <Users departments={departments.data} /> },
      ]} />
    </OfficeScope>
  );
}

interface DepartmentValues {
  name: string;
  shortName?: string;
  aliases?: string[];
  kind?: string;
  webhookKind?: 'dingtalk' | 'wecom';
  webhookUrl?: string;
  webhookSecret?: string;
  removeWebhook?: boolean;
}
const DEPARTMENT_FIELDS = ['name', 'shortName', 'aliases', 'kind', 'webhookKind', 'webhookUrl', 'webhookSecret'];

function Departments({ list, loading, error, reload }: { list: DepartmentView[] | undefined; loading: boolean; error: unknown; reload: () => Promise<unknown> }) {
  const { message } = App.useApp();
  const [editing, setEditing] = useState<DepartmentView | 'new' | null>(null);
  const [form] = Form.useForm<DepartmentValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function open(d: DepartmentView | 'new') {
    setFormError(null);
    form.resetFields();
    if (d !== 'new') {
      form.setFieldsValue({ name: d.name, shortName: d.shortName ?? '', aliases: d.aliases, kind: d.kind, webhookKind: d.webhook?.kind });
    }
    setEditing(d);
  }

  async function save(v: DepartmentValues) {
    setBusy(true);
    setFormError(null);
    const body: Partial<CreateDepartmentDto> = { name: v.name.trim(), aliases: v.aliases ?? [] };
    if (v.shortName?.trim()) body.shortName = v.shortName.trim();
    if (v.kind) body.kind = v.kind as CreateDepartmentDto['kind'];
    if (v.removeWebhook) body.webhookUrl = '';
    else if (v.webhookUrl?.trim()) {
      body.webhookUrl = v.webhookUrl.trim();
      if (v.webhookKind) body.webhookKind = v.webhookKind;
      if (v.webhookSecret?.trim()) body.webhookSecret = v.webhookSecret.trim();
    }
    try {
      if (editing === 'new') await api.post<DepartmentView>('/departments', body);
      else if (editing) await api.patch<DepartmentView>(`/departments/${editing.id}`, body);
      message.success(t.saved);
      setEditing(null);
      await reload();
    } catch (err) {
      setFormError(applyFieldErrors(form, err, DEPARTMENT_FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <ErrorAlert error={error} onRetry={reload} />
      <Button type="primary" onClick={() => open('new')} style={{ marginBottom: 12 }}>{t.newDepartment}</Button>
      <div className="table-scroll">
        <Table<DepartmentView> rowKey="id" size="small" loading={loading} dataSource={list ?? []} pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 760 }} columns={[
            { title: t.name, dataIndex: 'name' },
            { title: t.shortName, dataIndex: 'shortName', render: (v: string | null) => v ?? '—' },
            { title: t.aliases, dataIndex: 'aliases', render: (a: string[]) => (a.length ? a.map((x) => <Pill key={x}>{x}</Pill>) : '—') },
            { title: t.kind, dataIndex: 'kind', render: (k: string) => t.kinds[k] ?? k },
            { title: t.webhook, dataIndex: 'webhook', render: (w: DepartmentView['webhook']) => (w ? <Pill color="processing">{t.webhookKinds[w.kind]}</Pill> : t.webhookNone) },
            { title: officeText.columns.actions, key: 'a', render: (_: unknown, d) => <Button size="small" onClick={() => open(d)} aria-label={`${t.edit}：${d.name}`}>{t.edit}</Button> },
          ]} />
      </div>
      <Modal open={editing !== null} title={editing === 'new' ? t.newDepartment : t.editDepartment} onCancel={() => setEditing(null)}
        onOk={() => form.submit()} okText={t.create} cancelText={common.cancel} okButtonProps={{ loading: busy }} forceRender>
        {formError && <ErrorAlert error={new Error(formError)} />}
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="name" label={t.name} rules={[{ required: true, whitespace: true, message: officeText.task.notice.required }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="shortName" label={t.shortName}><Input maxLength={100} /></Form.Item>
          <Form.Item name="aliases" label={t.aliases} extra={t.aliasesHint}>
            <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} />
          </Form.Item>
          <Form.Item name="kind" label={t.kind}>
            <Select allowClear options={Object.entries(t.kinds).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="webhookKind" label={t.webhookKind}>
            <Select allowClear options={Object.entries(t.webhookKinds).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="webhookUrl" label={t.webhookUrl} extra={t.webhookUrlHint}><Input maxLength={500} autoComplete="off" /></Form.Item>
          <Form.Item name="webhookSecret" label={t.webhookSecret}><Input.Password maxLength={200} autoComplete="new-password" /></Form.Item>
          {editing !== 'new' && editing?.webhook && (
            <Form.Item name="removeWebhook" valuePropName="checked"><Checkbox>{t.removeWebhook}</Checkbox></Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}

interface UserValues extends CreateUserDto {}

function Users({ departments }: { departments: DepartmentView[] | undefined }) {
  const { message } = App.useApp();
  const users = useLoad(() => api.get<UserView[]>('/users'), []);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const [form] = Form.useForm<UserValues>();
  const [pwForm] = Form.useForm<{ password: string }>();
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const role = Form.useWatch('role', form);
  const deptName = new Map((departments ?? []).map((d) => [d.id, d.name]));

  async function create(v: UserValues) {
    setBusy(true);
    setFormError(null);
    try {
      await api.post<UserView>('/users', { ...v, departmentId: v.role === 'department' ? v.departmentId : undefined });
      message.success(t.saved);
      setCreating(false);
      form.resetFields();
      await users.reload();
    } catch (err) {
      setFormError(applyFieldErrors(form, err, ['username', 'password', 'role', 'departmentId']));
    } finally {
      setBusy(false);
    }
  }

  async function setDisabled(u: UserView, disabled: boolean) {
    try {
      await api.patch<UserView>(`/users/${u.id}`, { disabled });
      message.success(t.saved);
      await users.reload();
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  }

  async function resetPassword(v: { password: string }) {
    if (!resetting) return;
    setBusy(true);
    setFormError(null);
    try {
      await api.patch<UserView>(`/users/${resetting.id}`, { password: v.password });
      message.success(t.saved);
      setResetting(null);
      pwForm.resetFields();
    } catch (err) {
      setFormError(applyFieldErrors(pwForm, err, ['password']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <ErrorAlert error={users.error} onRetry={users.reload} />
      <Button type="primary" onClick={() => { setFormError(null); setCreating(true); }} style={{ marginBottom: 12 }}>{t.newUser}</Button>
      <div className="table-scroll">
        <Table<UserView> rowKey="id" size="small" loading={users.loading} dataSource={users.data ?? []} pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 640 }} columns={[
            { title: t.username, dataIndex: 'username' },
            { title: t.role, dataIndex: 'role', render: (r: string) => common.roles[r] ?? r },
            { title: t.department, dataIndex: 'departmentId', render: (d: string | null) => (d ? deptName.get(d) ?? d : '—') },
            { title: t.state, dataIndex: 'disabled', render: (d: boolean) => (d ? <Pill color="error">{t.disabled}</Pill> : <Pill color="success">{t.active}</Pill>) },
            {
              title: officeText.columns.actions, key: 'a',
              render: (_: unknown, u) => (
                <Space wrap>
                  <Button size="small" onClick={() => setDisabled(u, !u.disabled)} aria-label={`${u.disabled ? t.enable : t.disable}：${u.username}`}>{u.disabled ? t.enable : t.disable}</Button>
                  <Button size="small" onClick={() => { setFormError(null); setResetting(u); }} aria-label={`${t.resetPassword}：${u.username}`}>{t.resetPassword}</Button>
                </Space>
              ),
            },
          ]} />
      </div>
      <Modal open={creating} title={t.newUser} onCancel={() => setCreating(false)} onOk={() => form.submit()} okText={t.newUser}
        cancelText={common.cancel} okButtonProps={{ loading: busy }} forceRender>
        {formError && creating && <ErrorAlert error={new Error(formError)} />}
        <Form form={form} layout="vertical" onFinish={create} initialValues={{ role: 'department' }}>
          <Form.Item name="username" label={t.username} rules={[{ required: true, message: officeText.task.notice.required }]}><Input autoComplete="off" maxLength={64} /></Form.Item>
          <Form.Item name="password" label={t.password} rules={[{ required: true, message: officeText.task.notice.required }]}><Input.Password autoComplete="new-password" maxLength={72} /></Form.Item>
          <Form.Item name="role" label={t.role}>
            <Select options={['admin', 'department', 'leader'].map((value) => ({ value, label: common.roles[value] }))} />
          </Form.Item>
          {role === 'department' && (
            <Form.Item name="departmentId" label={t.department}><DepartmentSelect departments={departments} /></Form.Item>
          )}
        </Form>
      </Modal>
      <Modal open={resetting !== null} title={`${t.resetPassword}：${resetting?.username ?? ''}`} onCancel={() => setResetting(null)}
        onOk={() => pwForm.submit()} okText={t.resetPassword} cancelText={common.cancel} okButtonProps={{ loading: busy }} forceRender>
        {formError && resetting && <ErrorAlert error={new Error(formError)} />}
        <Form form={pwForm} layout="vertical" onFinish={resetPassword}>
          <Form.Item name="password" label={t.newPassword} rules={[{ required: true, message: officeText.task.notice.required }]}><Input.Password autoComplete="new-password" maxLength={72} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
