// Posts a markdown digest to a DingTalk or WeCom group robot. DingTalk robots secured by signing
// (加签) get `&timestamp=…&sign=…`: HMAC-SHA256 over "timestamp\nsecret", Base64, URL-encoded.
import { createHmac } from 'node:crypto';
import { OutboundPolicy, outboundUrlProblem } from '../../common/net/outbound-url';

export type WebhookKind = 'dingtalk' | 'wecom';

export interface WebhookTarget {
  url: string;
  kind: WebhookKind;
  secret?: string | null;
}

export function signDingTalkUrl(url: string, secret: string, timestampMs: number): string {
  const sign = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
  const sep = url.includes('?') ? '&' : '?';
  return `${url}${sep}timestamp=${timestampMs}&sign=${encodeURIComponent(sign)}`;
}

export function webhookBody(kind: WebhookKind, digest: { title: string; text: string }): unknown {
  return kind === 'dingtalk'
    ? { msgtype: 'markdown', markdown: { title: digest.title, text: digest.text } }
    : { msgtype: 'markdown', markdown: { content: digest.text } };
}

/**
 * Sends once; throws with a readable reason on a refused URL (checked again at send: DNS may have
 * changed since the URL was saved), a transport error, a non-2xx answer or a robot error code.
 * Redirects are not followed, so a robot host cannot bounce the request to an internal address.
 */
export async function postWebhook(
  target: WebhookTarget, digest: { title: string; text: string }, nowMs: number, timeoutMs: number, policy: OutboundPolicy,
): Promise<void> {
  const problem = await outboundUrlProblem(target.url, policy);
  if (problem) throw new Error(`webhook URL refused: ${problem}`);
  const url = target.kind === 'dingtalk' && target.secret ? signDingTalkUrl(target.url, target.secret, nowMs) : target.url;
  const res = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(webhookBody(target.kind, digest)),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`webhook answered HTTP ${res.status}: ${text.slice(0, 200)}`);
  // Both robots answer 200 with {errcode, errmsg}; errcode 0 means delivered.
  try {
    const body = JSON.parse(text) as { errcode?: number; errmsg?: string };
    if (typeof body.errcode === 'number' && body.errcode !== 0) throw new Error(`webhook errcode ${body.errcode}: ${body.errmsg ?? ''}`);
  } catch (err) {
    if ((err as Error).message.startsWith('webhook errcode')) throw err;
  }
}
