// 修改密码: POST /api/auth/password; every older token stops working, so the user signs in again.
import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { ChangePasswordDto } from '../../api/types';
import { endSession } from '../../auth/session';
import { applyFieldErrors, ErrorAlert } from '../../components/ApiErrors';
import { passwordText as t } from '../../i18n/common';

type Values = ChangePasswordDto & { confirm: string };

export default function ChangePasswordPage() {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      const body: ChangePasswordDto = { currentPassword: v.currentPassword, newPassword: v.newPassword };
      await api.post<void>('/auth/password', body);
      endSession('password');
    } catch (err) {
      setError(applyFieldErrors(form, err, ['currentPassword', 'newPassword']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1 className="page-title">{t.title}</h1>
      <Card style={{ maxWidth: 480 }}>
        <Alert type="info" title={t.hint} style={{ marginBottom: 16 }} />
        {error && <ErrorAlert error={new Error(error)} />}
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="currentPassword" label={t.current} rules={[{ required: true, message: t.required }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label={t.next} rules={[{ required: true, message: t.required }, { min: 8, message: t.tooShort }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="confirm" label={t.confirm} dependencies={['newPassword']} rules={[
            { required: true, message: t.required },
            ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t.mismatch))) }),
          ]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>{t.submit}</Button>
        </Form>
      </Card>
    </>
  );
}
