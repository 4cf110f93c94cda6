// 任务分解: the plan's items as an editable grid built from GET /plans/:id/assignment-draft (units and
// deadlines the document printed, matched to the directory), posted as one all-or-nothing batch; or
// a 任务分工表 .xlsx uploaded as it is. Either way the server's row errors are shown on the row and
// cell they concern, and nothing is stored until every row is right.
import { Alert, App, Button, Card, Checkbox, Input, Result, Space, Table, Tabs, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api } from '../../api/client';
import type { CreateTaskDto, DraftRow, Page, RowError, TaskView } from '../../api/types';
import { ErrorAlert } from '../../components/ApiErrors';
import { useLoad } from '../../components/hooks';
import { officeText } from '../../i18n/admin';
import './admin.css';
import { ScrollArea } from './ScrollArea';
import { PlanScopedPage } from './PlanScopedPage';
import { DepartmentSelect, useDepartments } from './DepartmentSelect';
import { conflictRowsOf, errorsByRow, rowErrorsOf } from './row-errors';

const t = officeText.assign;
const c = officeText.columns;

export default function AssignPage() {
  return <PlanScopedPage title={t.title}>{({ planId }) => <PlanAssignment planId={planId} />}</PlanScopedPage>;
}

function PlanAssignment({ planId }: { planId: string }) {
  const [round, setRound] = useState(0);
  const existing = useLoad(() => api.get<Page<TaskView>>('/tasks', { planId, pageSize: 1 }), [planId, round]);
  const [done, setDone] = useState<{ count: number; how: 'grid' | 'sheet' } | null>(null);
  const finished = (count: number, how: 'grid' | 'sheet') => {
    setDone({ count, how });
    setRound((n) => n + 1);
    window.dispatchEvent(new Event('duban:notifications'));
  };
  return (
    <>
      {existing.data && existing.data.total > 0 && <Alert type="info" showIcon title={t.existing(existing.data.total)} style={{ marginBottom: 16 }} />}
      {done && (
        <Result status="success" title={done.how === 'grid' ? t.submitted(done.count) : t.sheetDone(done.count)}
          extra={<Link to={`/admin/tasks?plan=${planId}`}><Button type="primary">{t.goLedger}</Button></Link>} />
      )}
      <Tabs items={[
        { key: 'grid', label: t.gridTab, children: <AssignmentGrid planId={planId} onDone={(n) => finished(n, 'grid')} /> },
        { key: 'sheet', label: t.sheetTab, children: <SheetUpload planId={planId} onDone={(n) => finished(n, 'sheet')} /> },
      ]} />
    </>
  );
}

interface GridRow {
  key: string;
  itemId: string;
  itemNumber: number;
  include: boolean;
  title: string;
  leadDepartment: string | null;
  cooperatingDepartments: string[];
  due: string;
  dueText: string | null;
  deliverable: string;
  problems: string[];
  split: boolean;
}

/** A draft row; items that already have tasks start unticked, so posting the grid again adds nothing twice. */
function fromDraft(d: DraftRow, i: number, assigned: Map<string, number>): GridRow {
  const n = assigned.get(d.itemId) ?? 0;
  return {
    key: `d${i}`, itemId: d.itemId, itemNumber: d.itemNumber, include: n === 0, title: d.title,
    leadDepartment: d.leadDepartment, cooperatingDepartments: d.cooperatingDepartments, due: d.dueDate ?? '', dueText: d.dueText,
    deliverable: '', problems: n ? [t.hasTasks(n), ...d.problems] : d.problems, split: false,
  };
}

/** How many tasks each item of the plan has (read page by page; large plans stop after 2,000 tasks). */
async function tasksByItem(planId: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let page = 1; page <= 20; page++) {
    const res = await api.get<Page<TaskView>>('/tasks', { planId, page, pageSize: 100 });
    for (const task of res.items) out.set(task.itemId, (out.get(task.itemId) ?? 0) + 1);
    if (page * res.pageSize >= res.total) break;
  }
  return out;
}

/** Which grid column a server field belongs to. */
const FIELD_COLUMN: Record<string, keyof GridRow> = {
  itemNumber: 'itemNumber', itemId: 'itemNumber', title: 'title', leadDepartment: 'leadDepartment',
  cooperatingDepartments: 'cooperatingDepartments', dueDate: 'due', deliverable: 'deliverable',
};

function CellError({ text }: { text?: string }) {
  return text ? <div className="cell-error" role="alert">{text}</div> : null;
}

function AssignmentGrid({ planId, onDone }: { planId: string; onDone: (count: number) => void }) {
  const { message } = App.useApp();
  const draft = useLoad(async () => {
    const [rows, assigned] = await Promise.all([api.get<DraftRow[]>(`/plans/${planId}/assignment-draft`), tasksByItem(planId)]);
    return rows.map((d, i) => fromDraft(d, i, assigned));
  }, [planId]);
  const departments = useDepartments();
  const [rows, setRows] = useState<GridRow[]>([]);
  const [errors, setErrors] = useState<Map<string, Record<string, string>>>(new Map());
  const [failure, setFailure] = useState<unknown>(null);
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [splits, setSplits] = useState(0);

  useEffect(() => {
    if (draft.data) setRows(draft.data);
  }, [draft.data]);

  const update = (key: string, patch: Partial<GridRow>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const selected = rows.filter((r) => r.include);
  const allOn = rows.length > 0 && selected.length === rows.length;
  const someOn = selected.length > 0;

  function split(row: GridRow) {
    setSplits((n) => n + 1);
    setRows((rs) => {
      const i = rs.findIndex((r) => r.key === row.key);
      const copy: GridRow = { ...row, key: `s${splits}`, include: true, deliverable: '', problems: [], split: true };
      return [...rs.slice(0, i + 1), copy, ...rs.slice(i + 1)];
    });
  }

  async function submit(mode?: 'append' | 'replace') {
    if (!selected.length) {
      setSummary(t.nothing);
      return;
    }
    setBusy(true);
    setFailure(null);
    setConflict(null);
    setSummary(null);
    setErrors(new Map());
    const body: CreateTaskDto[] = selected.map((r) => ({
      itemId: r.itemId,
      title: r.title.trim() || undefined,
      leadDepartment: r.leadDepartment ?? '',
      cooperatingDepartments: r.cooperatingDepartments,
      dueDate: r.due.trim(),
      deliverable: r.deliverable.trim() || undefined,
    } as CreateTaskDto));
    try {
      const created = await api.post<TaskView[]>(`/plans/${planId}/tasks${mode ? `?mode=${mode}` : ''}`, body);
      message.success(t.submitted(created.length));
      setRows((rs) => rs.map((r) => ({ ...r, include: false })));
      onDone(created.length);
    } catch (err) {
      const rowErrors = rowErrorsOf(err);
      if (rowErrors.length) {
        const byRow = errorsByRow(rowErrors);
        const map = new Map<string, Record<string, string>>();
        byRow.forEach((fields, rowNo) => {
          const row = selected[rowNo - 1];
          if (!row) return;
          const cells: Record<string, string> = {};
          for (const [field, msg] of Object.entries(fields)) {
            const col = FIELD_COLUMN[field] ?? 'problems';
            cells[col] = cells[col] ? `${cells[col]}；${msg}` : msg;
          }
          map.set(row.key, cells);
        });
        setErrors(map);
        setSummary(t.rowErrors(rowErrors.length));
      } else if (err instanceof ApiError && err.status === 409) {
        // Rows already assigned: marked on their rows; the office may add them anyway or replace.
        const map = new Map<string, Record<string, string>>();
        conflictRowsOf(err).forEach((existing, rowNo) => {
          const row = selected[rowNo - 1];
          if (row) map.set(row.key, { problems: t.alreadyAssigned(existing) });
        });
        setErrors(map);
        setConflict(err);
      } else {
        setFailure(err);
      }
    } finally {
      setBusy(false);
    }
  }

  const columns: ColumnsType<GridRow> = useMemo(() => [
    {
      title: c.include, dataIndex: 'include', width: 64, fixed: 'left',
      render: (_: unknown, r) => <Checkbox checked={r.include} onChange={(e) => update(r.key, { include: e.target.checked })} aria-label={t.includeLabel(r.itemNumber)} />,
    },
    {
      title: c.itemNumber, dataIndex: 'itemNumber', width: 64,
      render: (_: unknown, r) => <>{r.itemNumber}<CellError text={errors.get(r.key)?.itemNumber} /></>,
    },
    {
      title: c.task, dataIndex: 'title', width: 260,
      render: (_: unknown, r) => (
        <>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} value={r.title} maxLength={500} aria-label={t.titleLabel(r.itemNumber)}
            status={errors.get(r.key)?.title ? 'error' : undefined} onChange={(e) => update(r.key, { title: e.target.value })} />
          <CellError text={errors.get(r.key)?.title} />
        </>
      ),
    },
    {
      title: c.lead, dataIndex: 'leadDepartment', width: 200,
      render: (_: unknown, r) => (
        <>
          <DepartmentSelect departments={departments.data} value={r.leadDepartment} aria-label={t.leadLabel(r.itemNumber)}
            status={errors.get(r.key)?.leadDepartment ? 'error' : undefined} onChange={(v) => update(r.key, { leadDepartment: v })} />
          <CellError text={errors.get(r.key)?.leadDepartment} />
        </>
      ),
    },
    {
      title: c.cooperating, dataIndex: 'cooperatingDepartments', width: 240,
      render: (_: unknown, r) => (
        <>
          <DepartmentSelect multiple departments={departments.data} value={r.cooperatingDepartments} aria-label={t.coopLabel(r.itemNumber)}
            status={errors.get(r.key)?.cooperatingDepartments ? 'error' : undefined} onChange={(v) => update(r.key, { cooperatingDepartments: v })} />
          <CellError text={errors.get(r.key)?.cooperatingDepartments} />
        </>
      ),
    },
    {
      title: c.due, dataIndex: 'due', width: 170,
      render: (_: unknown, r) => (
        <>
          <Input value={r.due} placeholder={t.dueHint} aria-label={t.dueLabel(r.itemNumber)} maxLength={40}
            status={errors.get(r.key)?.due ? 'error' : undefined} onChange={(e) => update(r.key, { due: e.target.value })} />
          {r.dueText && <div className="muted" style={{ fontSize: 12 }}>{t.fromDocument(r.dueText)}</div>}
          <CellError text={errors.get(r.key)?.due} />
        </>
      ),
    },
    {
      title: c.deliverable, dataIndex: 'deliverable', width: 180,
      render: (_: unknown, r) => (
        <>
          <Input value={r.deliverable} aria-label={t.deliverableLabel(r.itemNumber)} maxLength={500}
            status={errors.get(r.key)?.deliverable ? 'error' : undefined} onChange={(e) => update(r.key, { deliverable: e.target.value })} />
          <CellError text={errors.get(r.key)?.deliverable} />
        </>
      ),
    },
    {
      title: c.problems, dataIndex: 'problems', width: 200,
      render: (_: unknown, r) => (
        <>
          {r.problems.map((p) => <div key={p} className="muted" style={{ fontSize: 12 }}>{p}</div>)}
          <CellError text={errors.get(r.key)?.problems} />
          <Space size={4} style={{ marginTop: 4 }}>
            <Button size="small" type="link" onClick={() => split(r)}>{t.split}</Button>
            {r.split && <Button size="small" type="link" danger onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>{t.remove}</Button>}
          </Space>
        </>
      ),
    },
  // eslint-disable-next-line react-hooks/exhaustive-deps
  ], [errors, departments.data, splits]);

  return (
    <Card>
      <ErrorAlert error={draft.error ?? departments.error} onRetry={draft.reload} />
      <ErrorAlert error={failure} />
      {conflict && <ConflictAlert error={conflict} busy={busy} onMode={submit} />}
      {summary && <Alert type="error" showIcon role="alert" title={summary} style={{ marginBottom: 12 }} data-testid="grid-summary" />}
      <Checkbox checked={allOn} indeterminate={someOn && !allOn} style={{ marginBottom: 8 }}
        onChange={(e) => setRows((rs) => rs.map((r) => ({ ...r, include: e.target.checked })))}>{t.selectAll}</Checkbox>
      <div className="table-scroll">
        <Table<GridRow> className="assign-grid" rowKey="key" size="small" loading={draft.loading} columns={columns} dataSource={rows}
          pagination={false} scroll={{ x: 1380 }} rowClassName={(r) => (errors.has(r.key) ? 'row-has-error' : '')} />
      </div>
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" onClick={() => submit()} loading={busy} disabled={!rows.length}>{t.submit(selected.length)}</Button>
      </Space>
    </Card>
  );
}

/** A 409 on assignment: rows already assigned. The office may add them anyway or replace the unstarted tasks. */
function ConflictAlert({ error, busy, onMode }: { error: ApiError; busy: boolean; onMode: (mode: 'append' | 'replace') => void }) {
  return (
    <Alert type="warning" showIcon role="alert" title={t.conflictTitle} description={error.message} style={{ marginBottom: 12 }} data-testid="assign-conflict"
      action={(
        <Space direction="vertical">
          <Button size="small" loading={busy} onClick={() => onMode('append')}>{t.appendAnyway}</Button>
          <Button size="small" loading={busy} onClick={() => onMode('replace')}>{t.replaceUnstarted}</Button>
        </Space>
      )} />
  );
}

const SHEET_FIELDS = ['序号', '工作任务', '牵头单位', '配合单位', '完成时限', '成果形式'];

function SheetUpload({ planId, onDone }: { planId: string; onDone: (count: number) => void }) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [rowErrors, setRowErrors] = useState<RowError[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [conflict, setConflict] = useState<ApiError | null>(null);

  async function upload(sheet: File, mode?: 'append' | 'replace') {
    setBusy(true);
    setFailure(null);
    setConflict(null);
    setRowErrors([]);
    setFile(sheet);
    const fd = new FormData();
    fd.append('file', sheet, sheet.name);
    try {
      const created = await api.post<TaskView[]>(`/plans/${planId}/assignments/import${mode ? `?mode=${mode}` : ''}`, fd);
      onDone(created.length);
    } catch (err) {
      const rows = rowErrorsOf(err);
      if (rows.length) setRowErrors(rows);
      else if (err instanceof ApiError && err.status === 409) setConflict(err);
      else setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  const byRow = errorsByRow(rowErrors);
  const data = [...byRow.entries()].sort((a, b) => a[0] - b[0]).map(([row, fields]) => ({ row, fields }));
  const columns: ColumnsType<{ row: number; fields: Record<string, string> }> = [
    { title: c.row, dataIndex: 'row', width: 80, render: (row: number) => t.sheetRow(row) },
    ...SHEET_FIELDS.map((f) => ({
      title: f, key: f,
      render: (_: unknown, r: { fields: Record<string, string> }) => (r.fields[f] ? <span className="cell-error">{r.fields[f]}</span> : null),
    })),
    {
      title: t.otherProblems, key: 'other',
      render: (_: unknown, r: { fields: Record<string, string> }) => {
        const other = Object.entries(r.fields).filter(([f]) => !SHEET_FIELDS.includes(f));
        return other.length ? <span className="cell-error">{other.map(([f, m]) => `${f}: ${m}`).join('；')}</span> : null;
      },
    },
  ];

  return (
    <Card>
      <p>{t.sheetHint}</p>
      <Upload accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" showUploadList={false} maxCount={1}
        beforeUpload={(f) => { void upload(f); return false; }}>
        <Button loading={busy}>{t.sheetUpload}</Button>
      </Upload>
      {file && <span className="muted" style={{ marginLeft: 12 }}>{file.name}</span>}
      <div style={{ marginTop: 16 }}>
        <ErrorAlert error={failure} />
        {conflict && file && <ConflictAlert error={conflict} busy={busy} onMode={(mode) => upload(file, mode)} />}
        {rowErrors.length > 0 && (
          <>
            <Alert type="error" showIcon role="alert" title={t.sheetErrors(rowErrors.length)} style={{ marginBottom: 12 }} data-testid="sheet-errors" />
            <ScrollArea label={t.sheetTab}>
              <Table rowKey="row" size="small" columns={columns} dataSource={data} pagination={false} style={{ minWidth: 900 }} />
            </ScrollArea>
          </>
        )}
      </div>
    </Card>
  );
}
