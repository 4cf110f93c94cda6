// Placeholder home of the legal office: the plans. web2 builds the 待办 home here.
import { Card, List } from 'antd';
import { api } from '../../api/client';
import type { PlanSummaryRow } from '../../api/types';
import { ErrorAlert } from '../../components/ApiErrors';
import { useLoad } from '../../components/hooks';
import { adminText as t } from '../../i18n/admin';

export default function AdminHome() {
  const { data, error, loading, reload } = useLoad(() => api.get<PlanSummaryRow[]>('/plans'), []);
  return (
    <>
      <h1 className="page-title">{t.home.title}</h1>
      <ErrorAlert error={error} onRetry={reload} />
      <Card title={t.home.plans}>
        <List loading={loading} dataSource={data ?? []} locale={{ emptyText: t.home.noPlans }}
          renderItem={(p) => <List.Item>{p.year} {p.title}</List.Item>} />
      </Card>
    </>
  );
}
