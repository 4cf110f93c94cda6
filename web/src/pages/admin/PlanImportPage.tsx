// Plan import wizard: a .txt/.md/.docx file or pasted text → a dry run shown beside the document's
// own numbered lines (chapters, items, warnings, unit and deadline suggestions) → the real import.
// A document imported before answers 409, shown with a link to that plan.
import { Alert, Button, Card, Col, Descriptions, Form, Input, InputNumber, Result, Row, Space, Steps, Tabs, Upload } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, api } from '../../api/client';
import type { ItemView, PlanView, SectionView } from '../../api/types';
import { Pill } from '../../components/common';
import { ErrorAlert } from '../../components/ApiErrors';
import { officeText } from '../../i18n/admin';
import './admin.css';
import { OfficeScope } from './OfficeScope';
import { sourceLines } from './format';

const t = officeText.importPlan;

type Source = { kind: 'file'; file: File } | { kind: 'text'; text: string };

function allItems(sections: SectionView[]): ItemView[] {
  return sections.flatMap((s) => [...s.items, ...allItems(s.sections)]);
}
function allSections(sections: SectionView[]): SectionView[] {
  return sections.flatMap((s) => [s, ...allSections(s.sections)]);
}

export default function PlanImportPage() {
  const [step, setStep] = useState(0);
  const [mode, setMode] = useState<'file' | 'text'>('file');
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [year, setYear] = useState<number | null>(null);
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [preview, setPreview] = useState<PlanView | null>(null);
  const [stored, setStored] = useState<PlanView | null>(null);

  const source: Source | null = mode === 'file' ? (file ? { kind: 'file', file } : null) : text.trim() ? { kind: 'text', text } : null;

  async function send(dryRun: boolean): Promise<PlanView> {
    if (!source) throw new Error(t.needSource);
    if (source.kind === 'file') {
      const fd = new FormData();
      fd.append('dryRun', String(dryRun));
      if (year) fd.append('year', String(year));
      if (title.trim()) fd.append('title', title.trim());
      fd.append('file', source.file, source.file.name);
      return api.post<PlanView>('/plans/import', fd);
    }
    return api.post<PlanView>('/plans/import', { text: source.text, dryRun, year: year ?? undefined, title: title.trim() || undefined });
  }

  async function run(dryRun: boolean) {
    setBusy(true);
    setError(null);
    try {
      const res = await send(dryRun);
      if (dryRun) {
        setPreview(res);
        setStep(1);
      } else {
        setStored(res);
        setStep(2);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function restart() {
    setStep(0);
    setPreview(null);
    setStored(null);
    setError(null);
    setFile(null);
    setText('');
  }

  return (
    <OfficeScope>
      <h1 className="page-title">{t.title}</h1>
      <Steps current={step} items={t.steps.map((title) => ({ title }))} style={{ marginBottom: 16 }} responsive />
      <ImportError error={error} />
      {step === 0 && (
        <Card>
          <Tabs activeKey={mode} onChange={(k) => setMode(k as 'file' | 'text')} items={[
            {
              key: 'file', label: t.upload, children: (
                <Upload.Dragger accept=".txt,.md,.docx" maxCount={1} multiple={false}
                  beforeUpload={(f) => { setFile(f); return false; }}
                  onRemove={() => setFile(null)}
                  fileList={file ? [{ uid: 'plan', name: file.name, status: 'done' }] : []}>
                  <p>{t.uploadHint}</p>
                </Upload.Dragger>
              ),
            },
            {
              key: 'text', label: t.paste, children: (
                <Form layout="vertical">
                  <Form.Item label={t.textLabel} htmlFor="plan-text">
                    <Input.TextArea id="plan-text" rows={12} value={text} onChange={(e) => setText(e.target.value)} placeholder={t.textPlaceholder} />
                  </Form.Item>
                </Form>
              ),
            },
          ]} />
          <Form layout="vertical" style={{ maxWidth: 560, marginTop: 16 }}>
            <Row gutter={12}>
              <Col xs={24} sm={8}>
                <Form.Item label={t.yearLabel} htmlFor="plan-year">
                  <InputNumber id="plan-year" min={2000} max={2100} value={year} onChange={(v) => setYear(v ?? null)} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={16}>
                <Form.Item label={t.titleLabel} htmlFor="plan-title">
                  <Input id="plan-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} />
                </Form.Item>
              </Col>
            </Row>
          </Form>
          <Button type="primary" onClick={() => run(true)} loading={busy} disabled={!source}>{busy ? t.previewing : t.preview}</Button>
          {!source && <span className="muted" style={{ marginLeft: 12 }}>{t.needSource}</span>}
        </Card>
      )}
      {step === 1 && preview && (
        <Preview view={preview} busy={busy} onBack={() => { setStep(0); setError(null); }} onConfirm={() => run(false)} />
      )}
      {step === 2 && stored && <Done view={stored} onAgain={restart} />}
    </OfficeScope>
  );
}

function ImportError({ error }: { error: unknown }) {
  if (!error) return null;
  if (error instanceof ApiError && error.status === 409) {
    const existing = (error.body.details as { existingPlanId?: string } | undefined)?.existingPlanId;
    return (
      <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={t.duplicateTitle} description={error.message}
        action={existing ? <Link to={`/admin/assign?plan=${existing}`}>{t.openExisting}</Link> : undefined} />
    );
  }
  return <ErrorAlert error={error} />;
}

function Preview({ view, busy, onBack, onConfirm }: { view: PlanView; busy: boolean; onBack: () => void; onConfirm: () => void }) {
  const lines = useMemo(() => sourceLines(view.sourceText ?? ''), [view.sourceText]);
  const items = useMemo(() => allItems(view.sections), [view.sections]);
  const sectionLines = useMemo(() => new Set(allSections(view.sections).map((s) => s.line)), [view.sections]);
  const itemLines = useMemo(() => new Set(items.map((i) => i.line)), [items]);
  const warningLines = useMemo(() => new Set(view.warnings.map((w) => w.line)), [view.warnings]);
  const [focus, setFocus] = useState<number | null>(null);
  const panel = useRef<HTMLDivElement>(null);

  function show(line: number) {
    setFocus(line);
    const el = panel.current?.querySelector<HTMLElement>(`#src-line-${line}`);
    if (el && panel.current) panel.current.scrollTop = el.offsetTop - panel.current.offsetTop - 40;
  }

  const meta = view.plan;
  const refusals = view.errors ?? [];
  const existing = refusals.find((e) => e.existingPlanId)?.existingPlanId;
  return (
    <>
      {view.truncated && <Alert type="warning" showIcon title={t.truncated} style={{ marginBottom: 16 }} />}
      {refusals.length > 0 && (
        <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} data-testid="import-refusals"
          title={existing ? t.duplicateTitle : t.wouldRefuse}
          description={<ul style={{ margin: 0, paddingLeft: 20 }}>{refusals.map((e, i) => <li key={i}>{e.message}</li>)}</ul>}
          action={existing ? <Link to={`/admin/assign?plan=${existing}`}>{t.openExisting}</Link> : undefined} />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={[
          { key: 'title', label: t.meta.title, children: meta.title ?? '—' },
          { key: 'year', label: t.meta.year, children: meta.year ?? '—' },
          { key: 'doc', label: t.meta.docNumber, children: meta.docNumber ?? '—' },
          { key: 'issuer', label: t.meta.issuer, children: meta.issuer ?? '—' },
          { key: 'on', label: t.meta.issuedOn, children: meta.issuedOn ?? '—' },
          { key: 'lead', label: t.meta.leadOffice, children: meta.leadOffice ?? '—' },
          { key: 'sup', label: t.meta.supervisingOffice, children: meta.supervisingOffice ?? '—' },
        ]} />
        <p data-testid="import-counts" style={{ margin: '8px 0 0' }}>
          {t.counts(view.sections.length, items.length, view.warnings.length)}
        </p>
        <Space style={{ marginTop: 12 }} wrap>
          <Button onClick={onBack}>{t.back}</Button>
          <Button type="primary" onClick={onConfirm} loading={busy} disabled={view.importable === false}>{busy ? t.importing : t.confirm}</Button>
        </Space>
      </Card>
      <Card title={<h2 className="card-heading">{t.warnings}</h2>} size="small" style={{ marginBottom: 16 }}>
        {view.warnings.length === 0 ? <span>{t.noWarnings}</span> : (
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {view.warnings.map((w, i) => (
              <li key={i}>
                <button type="button" className="linklike-btn" onClick={() => show(w.line)}>{t.line(w.line)}</button> {w.message}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12} style={{ marginBottom: 16 }}>
          <Card title={<h2 className="card-heading">{t.structure}</h2>} size="small">
            <div className="structure-panel" tabIndex={0} role="region" aria-label={t.structure}>
              {view.sections.map((s, i) => <SectionBlock key={i} section={s} onShow={show} />)}
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={12} style={{ marginBottom: 16 }}>
          <Card title={<h2 className="card-heading">{t.source}</h2>} size="small">
            <div className="src-panel" ref={panel} tabIndex={0} role="region" aria-label={t.source}>
              {lines.map((text, i) => {
                const n = i + 1;
                const cls = ['src-line', itemLines.has(n) && 'is-item', sectionLines.has(n) && 'is-section', warningLines.has(n) && 'is-warning', focus === n && 'is-focus']
                  .filter(Boolean).join(' ');
                return (
                  <div key={n} id={`src-line-${n}`} className={cls}>
                    <span className="src-no" aria-hidden="true">{n}</span>
                    <span>{text || '\u00a0'}</span>
                  </div>
                );
              })}
            </div>
          </Card>
        </Col>
      </Row>
    </>
  );
}

function SectionBlock({ section, onShow }: { section: SectionView; onShow: (line: number) => void }) {
  const line = section.line;
  return (
    <div style={{ marginBottom: 12 }}>
      <h3 style={{ fontSize: 15, margin: '8px 0' }}>
        <button type="button" className="linklike-btn" onClick={() => onShow(line)}>{section.ordinal ? `${section.ordinal}、` : ''}{section.title}</button>
      </h3>
      {section.items.map((item) => <ItemBlock key={`${item.line}-${item.number}`} item={item} onShow={onShow} />)}
      {section.sections.map((s, i) => <div key={i} style={{ paddingLeft: 12 }}><SectionBlock section={s} onShow={onShow} /></div>)}
    </div>
  );
}

function ItemBlock({ item, onShow }: { item: ItemView; onShow: (line: number) => void }) {
  const s = item.suggestions;
  return (
    <div className="structure-item" data-testid="preview-item">
      <button type="button" className="linklike-btn" onClick={() => onShow(item.line)}>
        {item.label || `${item.number}.`} {item.title}
      </button>
      <span className="muted" style={{ marginLeft: 6, fontSize: 12 }}>{t.line(item.line)}</span>
      {s && (
        <div style={{ marginTop: 4 }}>
          {s.lead.length > 0 && (
            <span style={{ marginRight: 8 }}>{t.lead}：{s.lead.map((u) => (
              <Pill key={u.name} color={u.departmentId ? 'success' : 'warning'} title={u.departmentId ? t.matched : t.notMatched}>{u.name}</Pill>
            ))}</span>
          )}
          {s.cooperating.length > 0 && (
            <span style={{ marginRight: 8 }}>{t.cooperating}：{s.cooperating.map((u) => (
              <Pill key={u.name} color={u.departmentId ? 'success' : 'warning'} title={u.departmentId ? t.matched : t.notMatched}>{u.name}</Pill>
            ))}</span>
          )}
          {s.dueText && <span>{t.dueText}：<Pill>{s.dueText}</Pill></span>}
          {s.unmatched.length > 0 && <div className="muted" style={{ fontSize: 12 }}>{t.unmatched}：{s.unmatched.join('、')}</div>}
        </div>
      )}
    </div>
  );
}

function Done({ view, onAgain }: { view: PlanView; onAgain: () => void }) {
  const navigate = useNavigate();
  const id = view.plan.id!;
  return (
    <Result status="success" title={t.doneTitle(view.plan.title ?? '')}
      subTitle={t.doneBody(view.sections.length, allItems(view.sections).length)}
      extra={[
        <Button key="assign" type="primary" onClick={() => navigate(`/admin/assign?plan=${id}`)}>{t.goAssign}</Button>,
        <Button key="again" onClick={onAgain}>{t.again}</Button>,
      ]} />
  );
}
