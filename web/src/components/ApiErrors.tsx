// Showing server errors: field errors inline on antd forms, the rest in an alert; 409 (stale
// version) as its own notice with a reload that keeps what the user typed.
import { Alert, Button, type FormInstance } from 'antd';
import { ApiError } from '../api/client';
import { common } from '../i18n/common';

/**
 * Puts the server's field errors under the matching form fields; returns the message that is left
 * for an alert (null when every error found its field).
 */
export function applyFieldErrors(form: FormInstance, err: unknown, fieldNames?: string[]): string | null {
  if (!(err instanceof ApiError)) return common.errorTitle;
  const names = fieldNames ?? Object.keys(form.getFieldsValue(true) ?? {});
  const matched = Object.entries(err.fields).filter(([f]) => names.includes(f));
  if (matched.length) form.setFields(matched.map(([name, msg]) => ({ name, errors: [msg] })));
  if (err.status === 409) return null;
  return matched.length === Object.keys(err.fields).length && matched.length > 0 ? null : err.message;
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  const msg = error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
  return (
    <Alert type="error" showIcon role="alert" title={common.errorTitle} description={msg} style={{ marginBottom: 16 }}
      action={onRetry ? <Button size="small" onClick={onRetry}>{common.retry}</Button> : undefined} />
  );
}

/** The 409 notice: "该任务已被他人修改…" with a reload button (the form keeps its values). */
export function StaleAlert({ onReload }: { onReload: () => void }) {
  return (
    <Alert type="warning" showIcon role="alert" data-testid="stale-alert" title={common.staleTitle} description={common.staleBody}
      style={{ marginBottom: 16 }} action={<Button size="small" type="primary" onClick={onReload}>{common.staleReload}</Button>} />
  );
}

export function isStale(err: unknown): boolean {
  return err instanceof ApiError && err.status === 409;
}
