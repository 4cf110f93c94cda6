// Drill-down: one chapter's tasks as the current quarter's roll-up sees them (GET …/rollups/:q?tasks=true).
import { Card, Table } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { Dashboard, RollupResponse, TaskLine } from '../../api/types';
import { ErrorAlert } from '../../components/ApiErrors';
import { Pill } from '../../components/common';
import { useLoad } from '../../components/hooks';
import { common } from '../../i18n/common';
import { leaderText } from '../../i18n/leader';

const t = leaderText.chapter;
const d = leaderText.dash;

export default function ChapterPage() {
  const { chapterId } = useParams();
  const [params] = useSearchParams();
  const planId = params.get('plan');
  const { data, error, loading, reload } = useLoad(async () => {
    if (!planId) return undefined;
    const dash = await api.get<Dashboard>(`/plans/${planId}/dashboard`);
    const rollup = await api.get<RollupResponse>(`/plans/${planId}/rollups/${dash.ranking.quarter}`, { tasks: 'true' });
    const chapter = rollup.byChapter.find((c) => c.chapterId === chapterId);
    const lines = [...(rollup.openTasks ?? []), ...(rollup.completedTasks ?? [])]
      .filter((l) => l.chapterId === chapterId)
      .sort((a, b) => a.itemNumber - b.itemNumber || a.seq - b.seq);
    return { chapter, lines, quarter: rollup.quarter };
  }, [planId, chapterId]);

  return (
    <>
      <Link to={`/leader${planId ? `?plan=${planId}` : ''}`}>{t.back}</Link>
      <h1 className="page-title" style={{ marginTop: 8 }}>{data?.chapter ? `${data.chapter.ordinal}、${data.chapter.title}` : t.title}</h1>
      <ErrorAlert error={error} onRetry={reload} />
      {data?.chapter && (
        <p style={{ color: '#595959' }}>
          {data.quarter} · {d.total} {data.chapter.total} · {d.completionRate} {common.rate(data.chapter.completionRate)} · {d.onTimeRate} {common.rate(data.chapter.onTimeRate)} · {d.overdue} {data.chapter.overdue}
        </p>
      )}
      <Card>
        <div className="table-scroll">
          <Table<TaskLine> rowKey="id" size="small" loading={loading} dataSource={data?.lines ?? []} pagination={false}
            locale={{ emptyText: common.empty }}
            columns={[
              { title: d.item, dataIndex: 'itemNumber', width: 56 },
              { title: d.task, dataIndex: 'title', render: (v: string, r) => <Link to={`/leader/tasks/${r.id}`}>{v}</Link> },
              { title: d.department, dataIndex: 'department' },
              { title: d.due, dataIndex: 'dueDate', width: 104 },
              { title: d.percent, dataIndex: 'percent', width: 64, render: (v: number) => common.percent(v) },
              {
                title: d.overdue, key: 'o', width: 96,
                render: (_: unknown, r) => (r.completedOn ? <Pill color="green">{common.status.completed}</Pill> : r.overdue ? <Pill color="red">{d.daysOverdue} {r.daysOverdue}</Pill> : null),
              },
            ]} />
        </div>
      </Card>
    </>
  );
}
