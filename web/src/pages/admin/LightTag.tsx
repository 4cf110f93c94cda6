// The status light the API computed for a task (never recomputed here).
import { Tag } from 'antd';
import { common } from '../../i18n/common';

const COLORS: Record<string, string> = { green: 'success', yellow: 'warning', red: 'error' };

export function LightTag({ light }: { light: string }) {
  return <Tag color={COLORS[light]} title={common.lightHint[light]}>{common.lights[light] ?? light}</Tag>;
}

export function StatusTag({ status }: { status: string }) {
  const color = status === 'completed' ? 'success' : status === 'completion_requested' ? 'processing' : status === 'cancelled' ? 'default' : undefined;
  return <Tag color={color}>{common.status[status] ?? status}</Tag>;
}
