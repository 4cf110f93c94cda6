// Guards URLs the service itself will call (department robot webhooks) against server-side request
// forgery: https only, a host from the configured allow-list, and never an address on this machine
// or a private network, checked after DNS resolution (a public name can point at 127.0.0.1).
// Checked when the URL is saved and again right before each send.
import { BlockList, isIP } from 'node:net';
import { lookup } from 'node:dns/promises';

export interface OutboundPolicy {
  /** Exact host names (lower case) that may be called. */
  allowedHosts: string[];
  /** Tests only: a local receiver over http on 127.0.0.1 (never on by default; refused outside NODE_ENV=test). */
  allowLocalForTests: boolean;
}

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96], ['2001:db8::', 32],
] as const) blocked.addSubnet(net, prefix, 'ipv6');

/** True for loopback, link-local, private, shared, documentation, multicast and unspecified addresses. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1], 'ipv4');
  return blocked.check(address, 'ipv6');
}

const DNS_TIMEOUT_MS = 3000;

async function resolveAll(host: string): Promise<string[]> {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('dns timeout')), DNS_TIMEOUT_MS).unref());
  const found = await Promise.race([lookup(host, { all: true, verbatim: true }), timeout]);
  return found.map((a) => a.address);
}

/** Null when the URL may be called, else the Chinese reason (without the field name). */
export async function outboundUrlProblem(raw: string, policy: OutboundPolicy): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '不是有效的网址';
  }
  if (url.username || url.password) return '网址中不能包含用户名或密码';
  if (policy.allowLocalForTests) return url.protocol === 'https:' || url.protocol === 'http:' ? null : '只支持 https 地址';
  if (url.protocol !== 'https:') return '只支持 https 地址';
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (!policy.allowedHosts.includes(host)) return `主机 ${host} 不在允许的机器人地址列表中（${policy.allowedHosts.join('、')}）`;
  if (url.port && url.port !== '443') return '只允许默认 https 端口 443';
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolveAll(host);
  } catch {
    return `无法解析主机 ${host}`;
  }
  if (!addresses.length || addresses.some(isNonPublicAddress)) return `主机 ${host} 解析到内网或本机地址，已拒绝`;
  return null;
}
