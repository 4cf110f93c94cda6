import { describe, expect, it } from '@jest/globals';
import { isNonPublicAddress, outboundUrlProblem } from './outbound-url';

const POLICY = { allowedHosts: ['oapi.dingtalk.com', 'qyapi.weixin.qq.com', '127.0.0.1', 'localhost'], allowLocalForTests: false };

describe('outbound URL guard', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1'])(
    '%s is not public', (ip) => expect(isNonPublicAddress(ip)).toBe(true),
  );
  it.each(['8.8.8.8', '203.119.129.1', '2400:3200::1'])('%s is public', (ip) => expect(isNonPublicAddress(ip)).toBe(false));

  it('refuses http, hosts off the list, and allowed names that resolve to this machine', async () => {
    expect(await outboundUrlProblem('http://oapi.dingtalk.com/robot/send', POLICY)).toContain('https');
    expect(await outboundUrlProblem('https://evil.example.com/robot', POLICY)).toContain('不在允许');
    expect(await outboundUrlProblem('https://127.0.0.1/robot', POLICY)).toContain('内网或本机');
    expect(await outboundUrlProblem('https://localhost/robot', POLICY)).toContain('内网或本机');
    expect(await outboundUrlProblem('https://[::1]:6379/', { ...POLICY, allowedHosts: ['::1'] })).toBeTruthy();
    expect(await outboundUrlProblem('https://user:pw@oapi.dingtalk.com/robot', POLICY)).toContain('用户名或密码');
  });

  it('lets tests reach their local receiver only with the test switch', async () => {
    expect(await outboundUrlProblem('http://127.0.0.1:9999/hook', { allowedHosts: [], allowLocalForTests: true })).toBeNull();
    expect(await outboundUrlProblem('http://127.0.0.1:9999/hook', { allowedHosts: [], allowLocalForTests: false })).toContain('https');
  });
});
