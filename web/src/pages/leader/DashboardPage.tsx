// The leaders' dashboard (GET /api/plans/:id/dashboard). Plain React and CSS, no antd, and the
// charts (echarts/core) in their own chunk after the numbers: the route stays ≤ 350 KB gzipped.
// Every number is the API's.
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api } from '../../api/client';
import type { Dashboard, RankingRow } from '../../api/types';
import type { ChartOption } from '../../components/Chart';
import { useLoad } from '../../components/hooks';
import { LIGHT_COLORS, PlainPlanSelect, usePlanChoice } from '../../components/plan';
import { common } from '../../i18n/common';
import { leaderText } from '../../i18n/leader';

// Start fetching the chart code as soon as this page's code runs, in parallel with the data.
const chartCode = import('../../components/Chart');
const Chart = lazy(() => chartCode);
const t = leaderText.dash;
/** Charts narrower than this (px: a 390 px phone gives ~340) lay their labels out for a phone; a desktop panel (~370) keeps them outside. */
const NARROW_CHART = 360;

function lightBars(rows: { name: string; green: number; yellow: number; red: number }[]): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true, axisLabel: { width: 110, overflow: 'truncate' } },
    series: (['green', 'yellow', 'red'] as const).map((l) => ({
      name: common.lights[l], type: 'bar', stack: 'lights', data: rows.map((r) => r[l]), itemStyle: { color: LIGHT_COLORS[l] },
    })),
  };
}

const lightSummary = (rows: { name: string; green: number; yellow: number; red: number }[]) =>
  rows.map((r) => `${r.name} ${t.lightCounts(r)}`).join(t.listSeparator);

function Stat({ label, value, tone, testId }: { label: string; value: string | number; tone?: 'blue' | 'red'; testId?: string }) {
  return (
    <div className="stat" data-testid={testId}>
      <div className="label">{label}</div>
      <div className={`value ${tone ?? ''}`}>{value}</div>
    </div>
  );
}

function RankingRows({ rows }: { rows: RankingRow[] }) {
  return rows.map((r) => (
    <tr key={r.departmentId}>
      <td>{r.rank}</td>
      <td>{r.name}{r.belowThreshold && <span className="tag red">{t.below}</span>}</td>
      <td>{common.rate(r.onTimeRate)}</td>
      <td>{common.rate(r.completionRate)}</td>
      <td>{r.overdue}</td>
    </tr>
  ));
}

/** "N of M" under a cut list, and the link to the page that has them all. */
function More({ text, to, total, testId }: { text: string; to: string; total: number; testId: string }) {
  return (
    <p className="list-more">
      {text}
      {total > 0 && <> · <Link to={to} data-testid={testId}>{t.viewAll(total)}</Link></>}
    </p>
  );
}

/** A chart's room while its code loads; marked so the browser tests do not picture the page before the chart. */
function ChartPlaceholder({ height }: { height: number }) {
  return <div style={{ height }} aria-hidden="true" data-chart-pending="true" />;
}

function ChartPanel({ title, option, summary, height }: { title: string; option: ChartOption; summary: string; height: number }) {
  return (
    <section className="panel">
      <h2>{title}</h2>
      <Suspense fallback={<ChartPlaceholder height={height} />}>
        <Chart option={option} label={title} summary={summary} height={height} />
      </Suspense>
    </section>
  );
}

export default function DashboardPage() {
  const { planId, plans, setPlan, error: planError } = usePlanChoice();
  const { data, error, reload } = useLoad(() => (planId ? api.get<Dashboard>(`/plans/${planId}/dashboard`) : Promise.resolve(undefined)), [planId]);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  // The current quarter's point of the trend carries the API's rates for today.
  const now = data?.trend.find((p) => p.quarter === data.ranking.quarter) ?? null;
  const shownError = planError ?? error;

  const charts = useMemo(() => {
    if (!data) return null;
    const o = data.lights.overall;
    return {
      overall: {
        tooltip: { trigger: 'item' }, legend: { bottom: 0 },
        series: [{ type: 'pie', radius: ['40%', '68%'], label: { formatter: '{b} {c}' }, data: (['green', 'yellow', 'red'] as const).map((l) => ({ name: common.lights[l], value: o[l], itemStyle: { color: LIGHT_COLORS[l] } })) }],
        // A phone-wide chart has no room beside the ring for "黄灯 3": the counts go inside the ring
        // (none for an empty slice) and the legend below names the colours.
        media: [{
          query: { maxWidth: NARROW_CHART },
          option: { series: [{ label: { position: 'inside', formatter: (p: { value: number }) => (p.value ? String(p.value) : ''), color: '#fff', fontWeight: 600 }, labelLine: { show: false } }] },
        }],
      } as ChartOption,
      chapters: lightBars(data.lights.byChapter.map((c) => ({ ...c, name: `${c.ordinal} ${c.title}` }))),
      departments: lightBars(data.lights.byDepartment),
      trend: {
        tooltip: { trigger: 'axis' }, legend: { top: 0 },
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: data.trend.map((p) => p.quarter) },
        yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        series: [
          { name: t.completionRate, type: 'line', data: data.trend.map((p) => (p.completionRate === null ? null : Math.round(p.completionRate * 1000) / 10)) },
          { name: t.onTimeRate, type: 'line', data: data.trend.map((p) => (p.onTimeRate === null ? null : Math.round(p.onTimeRate * 1000) / 10)) },
        ],
      } as ChartOption,
    };
  }, [data]);

  function download(format: 'docx' | 'md') {
    if (!planId) return;
    setDownloadError(null);
    api.download(`/plans/${planId}/report?format=${format}`, `report.${format}`).catch((e: Error) => setDownloadError(`${common.downloadFailed}: ${e.message}`));
  }

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
        <h1 className="page-title" style={{ margin: 0 }}>{t.title}</h1>
        <PlainPlanSelect label={leaderText.plan} planId={planId} plans={plans} setPlan={setPlan} />
      </div>
      {plans && plans.length === 0 && <p>{leaderText.noPlan}</p>}
      {shownError != null && (
        <div className="alert-err" role="alert">
          {shownError instanceof ApiError ? shownError.message : String(shownError)} <button type="button" className="plain-btn" onClick={() => void reload()}>{common.retry}</button>
        </div>
      )}
      {downloadError && <div className="alert-err" role="alert">{downloadError}</div>}
      {data && (
        <>
          {data.calendar.warning && <div className="alert-warn" role="note">{t.calendarWarning}：{data.calendar.warning}</div>}
          <p style={{ color: '#595959', margin: '0 0 12px' }}>{t.asOf(data.today)} · {t.reportDue(data.report.dueBy, data.report.daysRemaining)}</p>
          <div className="stat-grid" data-testid="dashboard-stats">
            <Stat label={t.total} value={data.lights.overall.total} testId="stat-total" />
            <Stat label={t.completionRate} value={common.rate(now?.completionRate)} tone="blue" testId="stat-completion-rate" />
            <Stat label={t.onTimeRate} value={common.rate(now?.onTimeRate)} testId="stat-on-time-rate" />
            <Stat label={t.completed} value={now?.completed ?? '—'} testId="stat-completed" />
            <Stat label={t.overdue} value={data.overdueTotal} tone={data.overdueTotal ? 'red' : undefined} testId="stat-overdue" />
            <Stat label={t.averageProgress} value={now?.averageProgress == null ? '—' : `${now.averageProgress}%`} testId="stat-average-progress" />
          </div>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
            <button type="button" className="plain-btn primary" onClick={() => download('docx')}>{t.report}</button>
            <button type="button" className="plain-btn" onClick={() => download('md')}>{t.reportMd}</button>
          </div>
          {charts && (
            <div className="chart-grid">
              <ChartPanel title={t.overall} option={charts.overall} height={260}
                summary={t.lightCounts(data.lights.overall)} />
              <ChartPanel title={t.trend} option={charts.trend} height={260}
                summary={data.trend.map((p) => `${p.quarter} ${common.rate(p.completionRate)}`).join(t.listSeparator)} />
              <section className="panel">
                <h2>{t.lightsByChapter}</h2>
                <Suspense fallback={<ChartPlaceholder height={220} />}>
                  <Chart option={charts.chapters} label={t.lightsByChapter} height={Math.max(220, data.lights.byChapter.length * 36 + 60)}
                    summary={lightSummary(data.lights.byChapter.map((c) => ({ ...c, name: c.ordinal })))} />
                </Suspense>
                <ul className="chapter-links">
                  {data.lights.byChapter.map((c) => (
                    <li key={c.chapterId}><Link to={`/leader/chapters/${c.chapterId}?plan=${data.planId}`}>{c.ordinal}、{c.title}</Link> <small>({c.total})</small></li>
                  ))}
                </ul>
              </section>
              <section className="panel">
                <h2>{t.lightsByDepartment}</h2>
                <Suspense fallback={<ChartPlaceholder height={220} />}>
                  <Chart option={charts.departments} label={t.lightsByDepartment} height={Math.max(220, data.lights.byDepartment.length * 36 + 60)}
                    summary={lightSummary(data.lights.byDepartment)} />
                </Suspense>
                <More text={t.departmentsShown(data.lights.departments.shown, data.lights.departments.total)} total={data.lights.departments.total}
                  to={`/leader/departments?plan=${data.planId}`} testId="all-departments" />
              </section>
            </div>
          )}
          <div className="row-2">
            <section className="panel">
              <h2>{t.ranking} · {data.ranking.quarter}</h2>
              <div className="table-scroll">
                <table className="plain-table" data-testid="ranking">
                  <thead><tr><th scope="col">{t.rank}</th><th scope="col">{t.department}</th><th scope="col">{t.onTimeRate}</th><th scope="col">{t.completionRate}</th><th scope="col">{t.overdue}</th></tr></thead>
                  <tbody>
                    <RankingRows rows={data.ranking.rows} />
                    {data.ranking.bottom.length > 0 && data.ranking.rows.length + data.ranking.bottom.length < data.ranking.total && (
                      <tr aria-label={t.rankingBottom}><td colSpan={5} className="gap">{t.rankingGap}</td></tr>
                    )}
                    <RankingRows rows={data.ranking.bottom} />
                  </tbody>
                </table>
              </div>
              <More text={t.rankingShown(data.ranking.total)} total={data.ranking.total} to={`/leader/departments?plan=${data.planId}&sort=rank`} testId="all-ranking" />
            </section>
            <section className="panel">
              <h2>{t.overdueList}</h2>
              {data.overdue.length === 0 ? <p>{t.noOverdue}</p> : (
                <div className="table-scroll">
                  <table className="plain-table" data-testid="overdue-list">
                    <thead><tr><th scope="col">{t.item}</th><th scope="col">{t.task}</th><th scope="col">{t.department}</th><th scope="col">{t.daysOverdue}</th></tr></thead>
                    <tbody>
                      {data.overdue.map((r) => (
                        <tr key={r.taskId}>
                          <td>{r.itemNumber}</td>
                          <td><Link to={`/leader/tasks/${r.taskId}`}>{r.title}</Link></td>
                          <td>{r.leadDepartment.name}</td>
                          <td>{r.daysOverdue}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <More text={t.overdueShown(data.overdue.length, data.overdueTotal)} total={data.overdueTotal} to={`/leader/overdue?plan=${data.planId}`} testId="all-overdue" />
            </section>
            <section className="panel">
              <h2>{t.notReported(data.notReported.period)}</h2>
              {data.notReported.total === 0 ? <p>{t.noneNotReported}</p> : (
                <>
                  <ul className="chapter-links" data-testid="not-reported">
                    {data.notReported.departments.map((r) => <li key={r.departmentId}>{r.name} <small>（{t.missingTasks} {r.missingTasks}）</small></li>)}
                  </ul>
                  <p className="list-more">{t.notReportedShown(data.notReported.departments.length, data.notReported.total)}</p>
                </>
              )}
            </section>
          </div>
        </>
      )}
    </>
  );
}
