// 季度与报告: the plan's quarters as the API reports them (closed snapshots, the live quarter, those not
// started), closing an ended quarter (its roll-up is frozen from then on), the year-end report draft
// (preview of the Markdown, download as Markdown or Word) and the 推进台账 download.
import { App, Button, Card, Popconfirm, Space, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Dashboard, TrendPoint } from '../../api/types';
import { ErrorAlert } from '../../components/ApiErrors';
import { Pill } from '../../components/common';
import { useLoad } from '../../components/hooks';
import { officeText } from '../../i18n/admin';
import { common } from '../../i18n/common';
import './admin.css';
import { ScrollArea } from './ScrollArea';
import { PlanScopedPage } from './PlanScopedPage';

const t = officeText.quarters;

export default function QuartersPage() {
  return <PlanScopedPage title={t.title}>{({ planId }) => <PlanQuarters planId={planId} />}</PlanScopedPage>;
}

function PlanQuarters({ planId }: { planId: string }) {
  const { message } = App.useApp();
  const dashboard = useLoad(() => api.get<Dashboard>(`/plans/${planId}/dashboard`), [planId]);
  const [closeError, setCloseError] = useState<unknown>(null);
  const [closing, setClosing] = useState<string | null>(null);
  const [report, setReport] = useState<string | null>(null);
  const [reportError, setReportError] = useState<unknown>(null);
  const [loadingReport, setLoadingReport] = useState(false);

  async function close(quarter: string) {
    setClosing(quarter);
    setCloseError(null);
    try {
      await api.post(`/plans/${planId}/rollups/${quarter}/close`);
      message.success(t.closed(quarter));
      await dashboard.reload();
    } catch (err) {
      setCloseError(err);
    } finally {
      setClosing(null);
    }
  }

  async function preview() {
    setLoadingReport(true);
    setReportError(null);
    try {
      setReport(await api.text(`/plans/${planId}/report`, { format: 'md' }));
    } catch (err) {
      setReportError(err);
    } finally {
      setLoadingReport(false);
    }
  }

  async function download(path: string, name: string) {
    try {
      await api.download(path, name);
    } catch (err) {
      message.error(err instanceof Error ? err.message : common.downloadFailed);
    }
  }

  return (
    <>
      <Card title={<h2 className="card-heading">{t.quarter}</h2>} style={{ marginBottom: 16 }}>
        <ErrorAlert error={dashboard.error} onRetry={dashboard.reload} />
        <ErrorAlert error={closeError} />
        <ScrollArea label={t.quarter}>
          <Table<TrendPoint> rowKey="quarter" size="small" loading={dashboard.loading} dataSource={dashboard.data?.trend ?? []} pagination={false}
            style={{ minWidth: 640 }} columns={[
              { title: t.quarter, dataIndex: 'quarter' },
              {
                title: t.status, dataIndex: 'status',
                render: (s: string) => <Pill color={s === 'closed' ? 'default' : s === 'live' ? 'processing' : undefined}>{t.statuses[s] ?? s}</Pill>,
              },
              { title: t.asOf, dataIndex: 'asOf', render: (v: string | null) => v ?? '—' },
              { title: t.completionRate, dataIndex: 'completionRate', render: (r: number | null) => common.rate(r) },
              { title: t.onTimeRate, dataIndex: 'onTimeRate', render: (r: number | null) => common.rate(r) },
              { title: t.overdue, dataIndex: 'overdue', render: (n: number | null) => n ?? '—' },
              {
                title: officeText.columns.actions, key: 'a',
                render: (_: unknown, q) => q.status === 'live' && (
                  <Popconfirm title={t.confirmClose(q.quarter)} okText={t.close} cancelText={common.cancel} onConfirm={() => close(q.quarter)}>
                    <Button size="small" loading={closing === q.quarter} aria-label={`${t.close}：${q.quarter}`}>{t.close}</Button>
                  </Popconfirm>
                ),
              },
            ]} />
        </ScrollArea>
      </Card>
      <Card title={<h2 className="card-heading">{t.report}</h2>} style={{ marginBottom: 16 }}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Button onClick={preview} loading={loadingReport}>{t.preview}</Button>
          <Button onClick={() => download(`/plans/${planId}/report?format=md`, 'report.md')}>{t.downloadMd}</Button>
          <Button onClick={() => download(`/plans/${planId}/report?format=docx`, 'report.docx')}>{t.downloadDocx}</Button>
        </Space>
        <ErrorAlert error={reportError} />
        {report !== null && (
          <pre className="report-preview" tabIndex={0} role="region" aria-label={t.reportPreview} data-testid="report-preview">{report}</pre>
        )}
      </Card>
      <Card title={<h2 className="card-heading">{t.ledger}</h2>}>
        <Button onClick={() => download(`/plans/${planId}/ledger.xlsx`, '推进台账.xlsx')}>{t.downloadLedger}</Button>
      </Card>
    </>
  );
}
