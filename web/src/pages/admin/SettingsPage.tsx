// 日历与提醒: the working-day calendar of a year (the official one where known; the legal office
// enters a year the State Council has published but the software does not know yet), and the
// reminder policy of the chosen plan. Saving either replans the reminders on the server.
import { App, Button, Card, Col, Form, Input, InputNumber, Row } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { EnterCalendarDto, ReminderPolicy, ReminderPolicyDto, YearCalendar } from '../../api/types';
import { applyFieldErrors, ErrorAlert } from '../../components/ApiErrors';
import { Pill } from '../../components/common';
import { useLoad } from '../../components/hooks';
import { officeText } from '../../i18n/admin';
import './admin.css';
import { PlanScopedPage } from './PlanScopedPage';

const t = officeText.settings;
const lines = (text: string | undefined) => (text ?? '').split(/[\s,，、;；]+/).map((x) => x.trim()).filter(Boolean);

export default function SettingsPage() {
  // The working-day calendar does not depend on a plan: it is there before any plan is imported.
  return (
    <PlanScopedPage title={t.title} withoutPlan={<Row gutter={16}><Col xs={24} lg={12}><CalendarCard initialYear={undefined} /></Col></Row>}>
      {({ planId, plan }) => (
        <Row gutter={16}>
          <Col xs={24} lg={12}><CalendarCard initialYear={plan?.year} /></Col>
          <Col xs={24} lg={12}><PolicyCard planId={planId} /></Col>
        </Row>
      )}
    </PlanScopedPage>
  );
}

function CalendarCard({ initialYear }: { initialYear: number | undefined }) {
  const { message } = App.useApp();
  const [year, setYear] = useState<number | null>(initialYear ?? null);
  useEffect(() => {
    if (initialYear && year === null) setYear(initialYear);
  }, [initialYear, year]);
  const [form] = Form.useForm<{ holidays: string; workdays: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const calendar = useLoad(async () => {
    if (!year) return undefined;
    const c = await api.get<YearCalendar>(`/calendar/${year}`);
    form.setFieldsValue({ holidays: c.holidays.join('\n'), workdays: c.workdays.join('\n') });
    return c;
  }, [year]);

  async function save(v: { holidays: string; workdays: string }) {
    if (!year) return;
    setBusy(true);
    setError(null);
    try {
      const body: EnterCalendarDto = { holidays: lines(v.holidays), workdays: lines(v.workdays) };
      await api.put<YearCalendar>(`/calendar/${year}`, body);
      message.success(t.calendarSaved);
      await calendar.reload();
    } catch (err) {
      setError(applyFieldErrors(form, err, ['holidays', 'workdays']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={<h2 className="card-heading">{t.calendar}</h2>} style={{ marginBottom: 16 }}>
      <Form layout="vertical">
        <Form.Item label={t.year} htmlFor="calendar-year">
          <InputNumber id="calendar-year" min={2000} max={2100} value={year} onChange={(v) => setYear(v ?? null)} />
        </Form.Item>
      </Form>
      <ErrorAlert error={calendar.error} onRetry={calendar.reload} />
      {calendar.data && (
        <p>{t.source}：<Pill color={calendar.data.source === 'fallback' ? 'warning' : 'success'} data-testid="calendar-source">{t.sources[calendar.data.source]}</Pill></p>
      )}
      {error && <ErrorAlert error={new Error(error)} />}
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="holidays" label={t.holidays} extra={t.datesHint}><Input.TextArea rows={6} /></Form.Item>
        <Form.Item name="workdays" label={t.workdays} extra={t.datesHint}><Input.TextArea rows={3} /></Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} disabled={!year}>{t.saveCalendar}</Button>
      </Form>
    </Card>
  );
}

interface PolicyValues {
  beforeWorkingDays: string;
  hour: number;
  overdueEveryWorkingDays: number;
  autoSuperviseAfter: number;
  quarterlyWorkingDaysBefore: number;
}

function PolicyCard({ planId }: { planId: string }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<PolicyValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const policy = useLoad(async () => {
    const p = await api.get<ReminderPolicy>(`/plans/${planId}/reminder-policy`);
    form.setFieldsValue({ ...p, beforeWorkingDays: p.beforeWorkingDays.join(',') });
    return p;
  }, [planId]);

  async function save(v: PolicyValues) {
    setBusy(true);
    setError(null);
    try {
      const body: ReminderPolicyDto = {
        beforeWorkingDays: lines(v.beforeWorkingDays).map((x) => (/^\d+$/.test(x) ? Number(x) : (x as unknown as number))),
        hour: v.hour, overdueEveryWorkingDays: v.overdueEveryWorkingDays, autoSuperviseAfter: v.autoSuperviseAfter,
        quarterlyWorkingDaysBefore: v.quarterlyWorkingDaysBefore,
      };
      const saved = await api.put<ReminderPolicy>(`/plans/${planId}/reminder-policy`, body);
      form.setFieldsValue({ ...saved, beforeWorkingDays: saved.beforeWorkingDays.join(',') });
      message.success(t.policySaved);
    } catch (err) {
      setError(applyFieldErrors(form, err, ['beforeWorkingDays', 'hour', 'overdueEveryWorkingDays', 'autoSuperviseAfter', 'quarterlyWorkingDaysBefore']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={<h2 className="card-heading">{t.policy}</h2>} style={{ marginBottom: 16 }}>
      <ErrorAlert error={policy.error} onRetry={policy.reload} />
      {error && <ErrorAlert error={new Error(error)} />}
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="beforeWorkingDays" label={t.beforeWorkingDays}><Input /></Form.Item>
        <Form.Item name="hour" label={t.hour}><InputNumber style={{ width: 160 }} /></Form.Item>
        <Form.Item name="overdueEveryWorkingDays" label={t.overdueEvery}><InputNumber style={{ width: 160 }} /></Form.Item>
        <Form.Item name="autoSuperviseAfter" label={t.autoSupervise}><InputNumber style={{ width: 160 }} /></Form.Item>
        <Form.Item name="quarterlyWorkingDaysBefore" label={t.quarterlyBefore}><InputNumber style={{ width: 160 }} /></Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>{t.savePolicy}</Button>
      </Form>
    </Card>
  );
}
