// Task ledger: every task of a plan, filtered (department, status, light, keyword, due range),
// sorted and paged on the server. The filters live in the URL, so a reload or a shared link shows
// the same list.
import { App, Button, Input, Select, Table } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { Page, TaskSort, TaskView } from '../../api/types';
import { ErrorAlert } from '../../components/ApiErrors';
import { useLoad, useUrlList } from '../../components/hooks';
import { officeText } from '../../i18n/admin';
import { common } from '../../i18n/common';
import './admin.css';
import { PlanScopedPage } from './PlanScopedPage';
import { DepartmentSelect, useDepartments } from './DepartmentSelect';
import { shanghaiTime } from './format';
import { LightTag, Pill, StatusTag } from '../../components/common';

const t = officeText.ledger;
const c = officeText.columns;
const SORT_KEYS: Record<string, TaskSort> = { dueDate: 'dueDate', percent: 'percent', updatedAt: 'updatedAt' };

export default function TaskLedgerPage() {
  return <PlanScopedPage title={t.title}>{({ planId }) => <Ledger planId={planId} />}</PlanScopedPage>;
}

function Ledger({ planId }: { planId: string }) {
  const { message } = App.useApp();
  const ids = { dept: useId(), status: useId(), light: useId(), q: useId(), from: useId(), to: useId() };
  const urlList = useUrlList(true);
  const { params, page, pageSize } = urlList;
  const departments = useDepartments();
  const get = (k: string) => params.get(k) ?? undefined;
  const query = {
    planId, departmentId: get('department'), status: get('status'), light: get('light'), q: get('q'),
    dueFrom: get('dueFrom'), dueTo: get('dueTo'), sort: get('sort'), order: get('order'), page, pageSize,
  };
  const [keyword, setKeyword] = useState(query.q ?? '');
  const list = useLoad(() => api.get<Page<TaskView>>('/tasks', query), [planId, params.toString()]);

  /** A filter change goes back to the first page. */
  const set = (patch: Record<string, string | undefined | null>, keepPage = false) => urlList.set(keepPage ? patch : { ...patch, page: null });

  function reset() {
    setKeyword('');
    set({ department: null, status: null, light: null, q: null, dueFrom: null, dueTo: null, sort: null, order: null });
  }

  async function download() {
    try {
      await api.download(`/plans/${planId}/ledger.xlsx`, '推进台账.xlsx');
    } catch (err) {
      message.error(err instanceof Error ? err.message : common.downloadFailed);
    }
  }

  const sortOrder = (key: string) => (query.sort === key ? (query.order === 'desc' ? 'descend' : 'ascend') : null);
  const columns: ColumnsType<TaskView> = [
    { title: c.itemNumber, dataIndex: 'itemNumber', width: 64 },
    {
      title: c.task, dataIndex: 'title',
      render: (_: unknown, r) => (
        <>
          <Link to={`/admin/tasks/${r.id}`}>{r.title}</Link>
          {r.pendingExtension && <> <Pill color="warning">{t.pendingExtension}</Pill></>}
        </>
      ),
    },
    { title: c.lead, dataIndex: ['leadDepartment', 'name'], width: 140 },
    {
      title: c.cooperating, dataIndex: 'cooperatingDepartments', width: 160, className: 'hide-phone',
      render: (_: unknown, r) => r.cooperatingDepartments.map((d) => d.name).join('、') || '—',
    },
    { title: c.due, dataIndex: 'dueDate', key: 'dueDate', width: 120, sorter: true, sortOrder: sortOrder('dueDate') },
    { title: c.percent, dataIndex: 'percent', key: 'percent', width: 90, sorter: true, sortOrder: sortOrder('percent'), render: (p: number) => common.percent(p) },
    { title: c.status, dataIndex: 'status', width: 110, render: (s: string) => <StatusTag status={s} /> },
    { title: c.light, dataIndex: 'light', width: 80, render: (l: string) => <LightTag light={l} /> },
    {
      title: c.updatedAt, dataIndex: 'updatedAt', key: 'updatedAt', width: 150, sorter: true, sortOrder: sortOrder('updatedAt'),
      className: 'hide-phone', render: (v: string) => shanghaiTime(v),
    },
  ];

  return (
    <>
      <div className="filters" role="search">
        <div className="filter">
          <label htmlFor={ids.dept}>{t.department}</label>
          <DepartmentSelect id={ids.dept} departments={departments.data} value={query.departmentId ?? null} onChange={(v) => set({ department: v })} />
        </div>
        <div className="filter">
          <label htmlFor={ids.status}>{t.status}</label>
          <Select id={ids.status} allowClear value={query.status ?? null} placeholder={t.all} onChange={(v) => set({ status: v })}
            options={Object.entries(common.status).filter(([k]) => k !== 'cancelled').map(([value, label]) => ({ value, label }))} />
        </div>
        <div className="filter">
          <label htmlFor={ids.light}>{t.light}</label>
          <Select id={ids.light} allowClear value={query.light ?? null} placeholder={t.all} onChange={(v) => set({ light: v })}
            options={['green', 'yellow', 'red'].map((value) => ({ value, label: common.lights[value] }))} />
        </div>
        <div className="filter" style={{ minWidth: 220 }}>
          <label htmlFor={ids.q}>{t.keyword}</label>
          <Input.Search id={ids.q} value={keyword} placeholder={t.keywordPlaceholder} maxLength={100} allowClear enterButton={t.search}
            onChange={(e) => setKeyword(e.target.value)} onSearch={(v) => set({ q: v.trim() })} />
        </div>
        <div className="filter">
          <label htmlFor={ids.from}>{t.dueFrom}</label>
          <Input id={ids.from} type="date" value={query.dueFrom ?? ''} onChange={(e) => set({ dueFrom: e.target.value })} />
        </div>
        <div className="filter">
          <label htmlFor={ids.to}>{t.dueTo}</label>
          <Input id={ids.to} type="date" value={query.dueTo ?? ''} onChange={(e) => set({ dueTo: e.target.value })} />
        </div>
        <Button onClick={reset}>{t.reset}</Button>
        <Button onClick={download}>{t.download}</Button>
      </div>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <div className="table-scroll">
        <Table<TaskView>
          rowKey="id" size="small" loading={list.loading} columns={columns} dataSource={list.data?.items ?? []}
          scroll={{ x: 900 }}
          pagination={urlList.pagination(list.data?.total ?? 0, t.total)}
          onChange={(pagination, _filters, sorter) => {
            const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<TaskView>;
            const key = s?.order ? SORT_KEYS[String(s.columnKey)] : undefined;
            const sortChanged = (key ?? null) !== (query.sort ?? null) || (s?.order === 'descend' ? 'desc' : 'asc') !== (query.order ?? 'asc');
            set({
              sort: key ?? null, order: key && s.order === 'descend' ? 'desc' : null,
              page: sortChanged ? null : String(pagination.current ?? 1), pageSize: String(pagination.pageSize ?? pageSize),
            }, true);
          }}
        />
      </div>
    </>
  );
}
