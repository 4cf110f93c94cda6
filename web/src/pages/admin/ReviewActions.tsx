// Approve or return a department's request (延期 or 办结). Returning asks for a reason; the
// server's field error for it shows under the field.
import { App, Button, Form, Input, Modal, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { ReturnRequestDto } from '../../api/types';
import { applyFieldErrors, ErrorAlert } from '../../components/ApiErrors';
import { officeText } from '../../i18n/admin';
import { common } from '../../i18n/common';

const t = officeText.review;

export interface ReviewTarget {
  kind: 'extension' | 'completion';
  /** The task (completion) or the extension request id (extension). */
  id: string;
  /** Names the task in accessible labels. */
  subject: string;
}

function paths(target: ReviewTarget) {
  const base = target.kind === 'extension' ? `/extension-requests/${target.id}` : `/tasks/${target.id}/completion`;
  return { approve: `${base}/approve`, ret: `${base}/return` };
}

export function ReviewActions({ target, onDone }: { target: ReviewTarget; onDone: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [returning, setReturning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<ReturnRequestDto>();
  const what = target.kind === 'extension' ? t.extension : t.completion;

  async function approve() {
    setBusy(true);
    setError(null);
    try {
      await api.post(paths(target).approve);
      message.success(`${what}${t.approved}`);
      window.dispatchEvent(new Event('duban:notifications'));
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  async function sendReturn(values: ReturnRequestDto) {
    setBusy(true);
    setError(null);
    try {
      await api.post(paths(target).ret, values);
      message.success(`${what}${t.returned}`);
      setReturning(false);
      form.resetFields();
      onDone();
    } catch (err) {
      setError(applyFieldErrors(form, err, ['reason']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Space wrap>
        <Popconfirm title={t.confirmApprove} onConfirm={approve} okText={t.approve} cancelText={common.cancel}>
          <Button type="primary" size="small" loading={busy} aria-label={`${target.kind === 'extension' ? t.approveExtension : t.approveCompletion}：${target.subject}`}>
            {target.kind === 'extension' ? t.approveExtension : t.approveCompletion}
          </Button>
        </Popconfirm>
        <Button size="small" danger onClick={() => setReturning(true)} aria-label={`${t.return}${what}：${target.subject}`}>{t.return}</Button>
      </Space>
      {error && !returning && <ErrorAlert error={new Error(error)} />}
      <Modal open={returning} title={`${t.returnTitle}：${what}`} onCancel={() => setReturning(false)} onOk={() => form.submit()}
        okText={t.return} okButtonProps={{ danger: true, loading: busy }} destroyOnHidden>
        {error && <ErrorAlert error={new Error(error)} />}
        <Form form={form} layout="vertical" onFinish={sendReturn}>
          <Form.Item name="reason" label={t.returnReason} rules={[{ required: true, whitespace: true, message: t.returnReasonRequired }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
