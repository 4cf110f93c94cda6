// One card of 待办: a heading with its count (red while anything waits), the list, an empty text
// when all is done, the load error with 重试, and the server's paging when the list has more pages.
import { Badge, Card, List, Pagination, Space } from 'antd';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../components/ApiErrors';
import { officeText } from '../../i18n/admin';

const t = officeText.todo;

export function TodoCard<T>({ title, count, rows, loading, error, onRetry, renderItem, rowKey, paging, emptyText, children }: {
  title: string;
  count: number | undefined;
  rows: T[] | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => unknown;
  renderItem: (row: T) => ReactNode;
  rowKey: (row: T) => string;
  paging?: { page: number; pageSize: number; total: number; onChange: (page: number) => void };
  emptyText?: string;
  /** Shown between the heading and the list. */
  children?: ReactNode;
}) {
  return (
    <Card
      title={(
        <Space>
          <h2 className="card-heading">{title}</h2>
          {count !== undefined && <Badge count={count} showZero color={count ? '#cf1322' : '#389e0d'} aria-label={t.total(count)} />}
        </Space>
      )}
      loading={loading && !rows}
    >
      <ErrorAlert error={error} onRetry={onRetry} />
      {children}
      <List dataSource={rows ?? []} rowKey={rowKey} locale={{ emptyText: emptyText ?? t.allClear }} renderItem={(row) => renderItem(row)} />
      {paging && paging.total > paging.pageSize && (
        <Pagination size="small" current={paging.page} pageSize={paging.pageSize} total={paging.total}
          onChange={paging.onChange} showSizeChanger={false} style={{ marginTop: 8 }} />
      )}
    </Card>
  );
}
