// Department picker that knows the directory's short names and aliases: typing 城管局 finds
// 区城市管理局. The value is the department id (the API takes ids, names or aliases).
import { Select } from 'antd';
import { useMemo } from 'react';
import { api } from '../../api/client';
import type { DepartmentView } from '../../api/types';
import { useLoad } from '../../components/hooks';
import { officeText } from '../../i18n/admin';

let directory: Promise<DepartmentView[]> | null = null;

/** The department directory, loaded once per page load (reset after the directory is edited). */
export function loadDepartments(fresh = false): Promise<DepartmentView[]> {
  if (fresh || !directory) {
    directory = api.get<DepartmentView[]>('/departments');
    directory.catch(() => (directory = null));
  }
  return directory;
}

export function useDepartments() {
  return useLoad(() => loadDepartments(), []);
}

interface Option {
  value: string;
  label: string;
  search: string;
}

function optionsOf(departments: DepartmentView[]): Option[] {
  return departments.map((d) => ({
    value: d.id,
    label: d.name,
    search: [d.name, d.shortName ?? '', ...d.aliases].join('\u0001').toLowerCase(),
  }));
}

type Props = {
  departments: DepartmentView[] | undefined;
  id?: string;
  'aria-label'?: string;
  status?: 'error';
  disabled?: boolean;
  style?: React.CSSProperties;
} & (
  | { multiple?: false; value?: string | null; onChange?: (v: string | null) => void }
  | { multiple: true; value?: string[]; onChange?: (v: string[]) => void }
);

export function DepartmentSelect(props: Props) {
  const options = useMemo(() => optionsOf(props.departments ?? []), [props.departments]);
  const byId = useMemo(() => new Map((props.departments ?? []).map((d) => [d.id, d])), [props.departments]);
  const common = {
    id: props.id,
    'aria-label': props['aria-label'],
    status: props.status,
    disabled: props.disabled,
    style: { minWidth: 160, width: '100%', ...props.style },
    options,
    showSearch: {
      filterOption: (input: string, option?: Option) => !!option && option.search.includes(input.trim().toLowerCase()),
    },
    placeholder: officeText.dept.placeholder,
    notFoundContent: officeText.dept.noMatch,
    allowClear: true,
    optionRender: (o: { value?: string | number | null; label?: React.ReactNode }) => {
      const d = byId.get(String(o.value));
      const other = d ? [d.shortName, ...d.aliases].filter(Boolean).join('、') : '';
      return (
        <span>
          {o.label}
          {other && <span className="dept-aliases">（{officeText.dept.aliases}{other}）</span>}
        </span>
      );
    },
  };
  if (props.multiple) {
    return <Select<string[], Option> {...common} mode="multiple" value={props.value ?? []} onChange={(v) => props.onChange?.(v ?? [])} />;
  }
  return <Select<string | null, Option> {...common} value={props.value ?? null} onChange={(v) => props.onChange?.(v ?? null)} />;
}
