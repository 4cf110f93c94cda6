// A department's task: facts, progress list, the progress form (percent, narrative, the period it
// counts for, figures under the plan's indicator catalogue, evidence), extension and completion requests (lead only) and 督办 responses.
import { Alert, App, AutoComplete, Button, Card, Col, Form, type FormInstance, Input, InputNumber, List, Row, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import type {
  CompletionRequest, CreateCompletionRequestDto, CreateExtensionRequestDto, CreateProgressReportDto, ExtensionRequest, Indicator,
  PlanPeriods, ProgressFigureDto, ProgressReport, SupervisionNotice, TaskView,
} from '../../api/types';
import { getSession } from '../../auth/session';
import { applyFieldErrors, ErrorAlert } from '../../components/ApiErrors';
import { ProgressList, TaskFacts, Pill } from '../../components/common';
import { useLoad } from '../../components/hooks';
import { common } from '../../i18n/common';
import { deptText } from '../../i18n/department';

const t = deptText.detail;

interface FigureValues {
  indicator: string;
  value: number | string;
  unit?: string;
}

interface ProgressValues {
  percent: number;
  narrative: string;
  figures?: FigureValues[];
  evidence?: string;
  period?: string;
}

/** Catalogue entries a department can report under: confirmed and proposed ones (a merged one lives on as an alias). */
function usable(indicators: Indicator[] | undefined): Indicator[] {
  return (indicators ?? []).filter((i) => i.status !== 'merged');
}

/** A figure as the API takes it: by catalogue id when the name is a catalogue entry, else by name (a new one is proposed). */
function figureBody(f: FigureValues, catalogue: Indicator[]): ProgressFigureDto {
  const name = f.indicator.trim();
  const known = catalogue.find((i) => i.name === name);
  const unit = f.unit?.trim() || undefined;
  return known ? { indicatorId: known.id, value: f.value, unit } : { indicator: name, value: f.value, unit };
}

function FigureRow({ name, index, catalogue, form, onRemove }: {
  name: number; index: number; catalogue: Indicator[]; form: FormInstance<ProgressValues>; onRemove: () => void;
}) {
  const typed = Form.useWatch(['figures', name, 'indicator'], form) as string | undefined;
  const known = catalogue.find((i) => i.name === typed?.trim());
  const isText = known?.kind === 'text';
  // Choosing a catalogue entry fills in its unit (the server refuses a different one).
  const picked = (value: string) => {
    const entry = catalogue.find((i) => i.name === value);
    if (entry) form.setFieldValue(['figures', name, 'unit'], entry.unit);
  };
  return (
    <Row gutter={8} align="top">
      <Col xs={24} sm={10}>
        <Form.Item name={[name, 'indicator']} label={`${t.figureIndicator} ${index + 1}`} rules={[{ required: true, whitespace: true, message: t.required }]}
          extra={typed?.trim() && !known ? t.indicatorNew : undefined}>
          <AutoComplete placeholder={t.figureIndicatorHint} onSelect={picked} maxLength={100}
            options={catalogue.map((i) => ({ value: i.name, label: i.unit ? `${i.name}（${i.unit}）` : i.name }))}
            filterOption={(input, option) => String(option?.value ?? '').includes(input.trim())} />
        </Form.Item>
      </Col>
      <Col xs={12} sm={6}>
        <Form.Item name={[name, 'value']} label={isText ? t.figureText : t.figureValue} rules={[{ required: true, message: t.required }]}>
          {isText ? <Input maxLength={500} /> : <InputNumber min={0} style={{ width: '100%' }} />}
        </Form.Item>
      </Col>
      <Col xs={8} sm={5}>
        <Form.Item name={[name, 'unit']} label={t.figureUnit} rules={[{ required: !known, message: t.required }]}>
          <Input maxLength={20} />
        </Form.Item>
      </Col>
      <Col xs={4} sm={3}>
        <Form.Item label={<span className="sr-only">{t.removeFigure}</span>}>
          <Button onClick={onRemove} aria-label={`${t.removeFigure} ${index + 1}`} autoInsertSpace={false}>{t.removeFigure}</Button>
        </Form.Item>
      </Col>
    </Row>
  );
}

function periodLabel(p: PlanPeriods['periods'][number], current: string): string {
  const notes = [p.period === current ? t.periodCurrent : null, t.periodStates[p.state] ?? null].filter(Boolean);
  return notes.length ? `${p.period}（${notes.join('，')}）` : p.period;
}

function ProgressForm({ task, onSaved }: { task: TaskView; onSaved: () => void }) {
  const [form] = Form.useForm<ProgressValues>();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<ProgressReport | null>(null);
  const indicators = useLoad(() => api.get<Indicator[]>(`/plans/${task.planId}/indicators`), [task.planId]);
  const periods = useLoad(() => api.get<PlanPeriods>(`/plans/${task.planId}/periods`), [task.planId]);
  const catalogue = usable(indicators.data);
  // Periods a report can go to: those begun (a closed one takes a 补报), newest first.
  const choosable = (periods.data?.periods ?? []).filter((p) => p.state !== 'not_started').reverse();
  useEffect(() => {
    if (periods.data && !form.getFieldValue('period')) form.setFieldValue('period', periods.data.current);
  }, [periods.data, form]);

  async function submit(v: ProgressValues) {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const body: CreateProgressReportDto = {
        percent: v.percent,
        narrative: v.narrative,
        figures: (v.figures ?? []).filter((f) => f && (f.indicator || f.unit || f.value !== undefined)).map((f) => figureBody(f, catalogue)),
        evidence: (v.evidence ?? '').split('\n').map((s) => s.trim()).filter(Boolean),
        period: v.period || undefined,
      };
      const report = await api.post<ProgressReport>(`/tasks/${task.id}/progress`, body);
      message.success(t.progressSaved);
      setSaved(report);
      form.resetFields();
      if (periods.data) form.setFieldValue('period', periods.data.current);
      onSaved();
      // A figure under a new name has just been proposed: the catalogue now holds it.
      void indicators.reload();
    } catch (err) {
      setError(applyFieldErrors(form, err, ['percent', 'narrative', 'figures', 'evidence', 'period']));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ percent: task.percent }} aria-label={t.progressForm}>
      {error && <ErrorAlert error={new Error(error)} />}
      {saved && (
        <Alert type={saved.late ? 'warning' : 'success'} showIcon style={{ marginBottom: 16 }} data-testid="progress-counted"
          message={`${t.countedFor(saved.period)}${saved.late ? t.countedLate : ''}`} />
      )}
      <ErrorAlert error={indicators.error ?? periods.error} onRetry={() => { void indicators.reload(); void periods.reload(); }} />
      <Form.Item name="percent" label={t.percentLabel} rules={[{ required: true, message: t.required }]}>
        <InputNumber min={0} max={100} precision={0} style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="narrative" label={t.narrative} rules={[{ required: true, whitespace: true, message: t.required }]}>
        <Input.TextArea rows={4} placeholder={t.narrativeHint} maxLength={5000} />
      </Form.Item>
      {choosable.length > 0 && (
        <Form.Item name="period" label={t.period} extra={t.periodHint}>
          <Select style={{ maxWidth: 280 }} options={choosable.map((p) => ({ value: p.period, label: periodLabel(p, periods.data!.current) }))} />
        </Form.Item>
      )}
      <Form.List name="figures">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <FigureRow key={f.key} name={f.name} index={i} catalogue={catalogue} form={form} onRemove={() => remove(f.name)} />
            ))}
            <Form.Item><Button type="dashed" onClick={() => add()}>{t.addFigure}</Button></Form.Item>
          </>
        )}
      </Form.List>
      <Form.Item name="evidence" label={t.evidenceLabel}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>{t.submitProgress}</Button>
    </Form>
  );
}

function RequestForm<V extends object>({ fields, submitText, onSubmit }: {
  fields: { name: keyof V & string; label: string; rows?: number; placeholder?: string; pattern?: RegExp }[];
  submitText: string;
  onSubmit: (v: V) => Promise<unknown>;
}) {
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(v: V) {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(v);
      form.resetFields();
    } catch (err) {
      setError(applyFieldErrors(form, err, fields.map((f) => f.name)));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Form form={form} layout="vertical" onFinish={submit}>
      {error && <ErrorAlert error={new Error(error)} />}
      {fields.map((f) => (
        <Form.Item key={f.name} name={f.name as never} label={f.label}
          rules={[{ required: true, whitespace: true, message: t.required }, ...(f.pattern ? [{ pattern: f.pattern, message: t.datePattern }] : [])]}>
          {f.rows ? <Input.TextArea rows={f.rows} /> : <Input placeholder={f.placeholder} />}
        </Form.Item>
      ))}
      <Button htmlType="submit" loading={busy}>{submitText}</Button>
    </Form>
  );
}

function NoticeItem({ notice, onSaved }: { notice: SupervisionNotice; onSaved: () => void }) {
  const { message } = App.useApp();
  return (
    <List.Item>
      <div style={{ width: '100%' }}>
        <Space wrap><Pill color={notice.level === 'red' ? 'error' : notice.level === 'yellow' ? 'warning' : 'processing'}>{notice.number}</Pill>
          <span>{t.respondBy} {notice.respondBy}</span>{notice.response && <Pill color="green">{t.responded}</Pill>}</Space>
        <p style={{ whiteSpace: 'pre-wrap' }}>{notice.message}</p>
        {notice.response ? <p style={{ color: '#434343' }}>{t.response}：{notice.response}</p> : (
          <RequestForm<{ response: string }> submitText={t.submitResponse} fields={[{ name: 'response', label: t.response, rows: 3 }]}
            onSubmit={async (v) => { await api.post(`/supervision-notices/${notice.id}/response`, v); message.success(t.responseSaved); onSaved(); }} />
        )}
      </div>
    </List.Item>
  );
}

export default function TaskDetailPage() {
  const { id } = useParams();
  const { message } = App.useApp();
  const me = getSession()?.user;
  const task = useLoad(() => api.get<TaskView>(`/tasks/${id}`), [id]);
  const progress = useLoad(() => api.get<ProgressReport[]>(`/tasks/${id}/progress`), [id]);
  const extensions = useLoad(() => api.get<ExtensionRequest[]>(`/tasks/${id}/extension-requests`), [id]);
  const completions = useLoad(() => api.get<CompletionRequest[]>(`/tasks/${id}/completion-requests`), [id]);
  const notices = useLoad(() => api.get<SupervisionNotice[]>(`/tasks/${id}/supervision-notices`), [id]);
  const isLead = task.data?.leadDepartment.id === me?.departmentId;
  const done = task.data?.status === 'completed' || task.data?.status === 'cancelled';
  const mine = task.data ? [task.data.leadDepartment, ...task.data.cooperatingDepartments].find((d) => d.id === me?.departmentId) : undefined;
  const acknowledge = async () => {
    await api.post(`/tasks/${id}/acknowledge`);
    message.success(t.acknowledged);
    void task.reload();
  };
  const refresh = () => { void task.reload(); void progress.reload(); void extensions.reload(); void completions.reload(); void notices.reload(); };

  return (
    <>
      <Link to="/dept">{t.back}</Link>
      <h1 className="page-title" style={{ marginTop: 8 }}>{task.data ? `${task.data.itemNumber ?? ''}. ${task.data.title}` : common.loading}</h1>
      <ErrorAlert error={task.error} onRetry={task.reload} />
      {task.data && (
        <Row gutter={[16, 16]}>
          {task.data.cancelledAt && (
            <Col xs={24}><Card title={t.cancelled}><p>{task.data.cancelReason}</p></Card></Col>
          )}
          {mine && !mine.acknowledgedAt && !task.data.cancelledAt && (
            <Col xs={24}>
              <Card title={t.acknowledgeTitle}>
                <p>{t.acknowledgeHint}</p>
                <Button type="primary" onClick={acknowledge}>{t.acknowledge}</Button>
              </Card>
            </Col>
          )}
          <Col xs={24}><Card title={t.info}><TaskFacts task={task.data} /></Card></Col>
          <Col xs={24} lg={12}>
            <Card title={t.progressForm}>
              {task.data.cancelledAt ? <p>{t.cancelled}</p> : done ? <p>{t.completed}</p> : <ProgressForm task={task.data} onSaved={refresh} />}
            </Card>
          </Col>
          <Col xs={24} lg={12}><Card title={t.progressList}><ProgressList reports={progress.data} /></Card></Col>
          {(notices.data?.length ?? 0) > 0 && (
            <Col xs={24}><Card title={t.notices}><List dataSource={notices.data} renderItem={(n) => <NoticeItem notice={n} onSaved={refresh} />} /></Card></Col>
          )}
          {isLead && !done && (
            <>
              <Col xs={24} lg={12}>
                <Card title={t.completion}>
                  {task.data.status === 'completion_requested' ? <p>{common.status.completion_requested}</p> : (
                    <RequestForm<CreateCompletionRequestDto> submitText={t.submitCompletion} fields={[{ name: 'summary', label: t.summary, rows: 3 }]}
                      onSubmit={async (v) => { await api.post(`/tasks/${id}/completion-request`, v); message.success(t.completionSaved); refresh(); }} />
                  )}
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card title={t.extension}>
                  {task.data.pendingExtension ? <p>{t.pendingExtension}</p> : (
                    <RequestForm<CreateExtensionRequestDto> submitText={t.submitExtension}
                      fields={[{ name: 'requestedDueDate', label: t.requestedDue, placeholder: 'YYYY-MM-DD', pattern: /^\d{4}-\d{2}-\d{2}$/ }, { name: 'reason', label: t.reason, rows: 2 }]}
                      onSubmit={async (v) => { await api.post(`/tasks/${id}/extension-requests`, v); message.success(t.extensionSaved); refresh(); }} />
                  )}
                </Card>
              </Col>
            </>
          )}
          {((extensions.data?.length ?? 0) > 0 || (completions.data?.length ?? 0) > 0) && (
            <Col xs={24}>
              <Card title={`${t.extensions} / ${t.completions}`}>
                <List dataSource={[...(extensions.data ?? []).map((e) => ({ kind: t.extensions, r: e, text: `${e.previousDueDate} → ${e.requestedDueDate}：${e.reason}` })),
                  ...(completions.data ?? []).map((c) => ({ kind: t.completions, r: c, text: c.summary }))].sort((a, b) => b.r.createdAt.localeCompare(a.r.createdAt))}
                  renderItem={(x) => (
                    <List.Item>
                      <Space wrap><Pill>{x.kind}</Pill><Pill color={x.r.status === 'approved' ? 'green' : x.r.status === 'returned' ? 'red' : 'blue'}>{t.reviewStatus[x.r.status]}</Pill>
                        <span>{x.text}</span>{x.r.reviewReason && <span>（{x.r.reviewReason}）</span>}</Space>
                    </List.Item>
                  )} />
              </Card>
            </Col>
          )}
        </Row>
      )}
    </>
  );
}
