// Read-only timeline of a task for leaders: progress, 督办 notices and responses, review requests.
import { Card, Col, Row, Timeline } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import type { CompletionRequest, ExtensionRequest, ProgressReport, SupervisionNotice, TaskView } from '../../api/types';
import { ErrorAlert } from '../../components/ApiErrors';
import { TaskFacts, Pill } from '../../components/common';
import { useLoad } from '../../components/hooks';
import { common } from '../../i18n/common';
import { deptText } from '../../i18n/department';
import { leaderText } from '../../i18n/leader';

const t = leaderText.timeline;
const dt = deptText.detail;

interface Event {
  at: string;
  color: string;
  label: string;
  body: React.ReactNode;
}

export default function TaskTimelinePage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { data, error, reload } = useLoad(async () => {
    const [task, progress, notices, extensions, completions] = await Promise.all([
      api.get<TaskView>(`/tasks/${id}`),
      api.get<ProgressReport[]>(`/tasks/${id}/progress`),
      api.get<SupervisionNotice[]>(`/tasks/${id}/supervision-notices`),
      api.get<ExtensionRequest[]>(`/tasks/${id}/extension-requests`),
      api.get<CompletionRequest[]>(`/tasks/${id}/completion-requests`),
    ]);
    const events: Event[] = [
      ...progress.map((p) => ({
        at: p.createdAt, color: 'blue', label: `${t.progress} ${common.percent(p.percent)}`,
        body: <>{p.narrative}{p.figures.length > 0 && <div>{dt.figures}：{p.figures.map((f) => `${f.indicator} ${f.value}${f.unit}`).join('；')}</div>}</>,
      })),
      ...notices.flatMap((n) => [
        { at: n.createdAt, color: 'red', label: `${t.notices} ${n.number}`, body: n.message },
        ...(n.response ? [{ at: `${n.respondedOn}T23:59:59`, color: 'green', label: `${dt.responded} ${n.number}`, body: n.response }] : []),
      ]),
      ...extensions.map((e) => ({
        at: e.createdAt, color: 'purple', label: `${t.extension} · ${dt.reviewStatus[e.status]}`,
        body: `${e.previousDueDate} → ${e.requestedDueDate}：${e.reason}${e.reviewReason ? `（${e.reviewReason}）` : ''}`,
      })),
      ...completions.map((c) => ({
        at: c.createdAt, color: 'green', label: `${t.completion} · ${dt.reviewStatus[c.status]}`,
        body: `${c.summary}${c.reviewReason ? `（${c.reviewReason}）` : ''}`,
      })),
    ].sort((a, b) => b.at.localeCompare(a.at));
    return { task, events };
  }, [id]);

  return (
    <>
      <a href="#back" onClick={(e) => { e.preventDefault(); navigate(-1); }}>{t.back}</a>
      <h1 className="page-title" style={{ marginTop: 8 }}>{data ? `${data.task.itemNumber ?? ''}. ${data.task.title}` : t.title}</h1>
      <ErrorAlert error={error} onRetry={reload} />
      {data && (
        <Row gutter={[16, 16]}>
          <Col xs={24}><Card><TaskFacts task={data.task} /></Card></Col>
          <Col xs={24}>
            <Card title={t.title}>
              {data.events.length === 0 ? <p>{dt.noProgress}</p> : (
                <Timeline items={data.events.map((e) => ({
                  color: e.color,
                  content: (<><div><Pill>{e.at.slice(0, 10)}</Pill><strong>{e.label}</strong></div><div style={{ whiteSpace: 'pre-wrap' }}>{e.body}</div></>),
                }))} />
              )}
            </Card>
          </Col>
        </Row>
      )}
      <p><Link to="/leader">{leaderText.chapter.back}</Link></p>
    </>
  );
}
