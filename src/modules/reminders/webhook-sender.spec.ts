import { describe, expect, it } from '@jest/globals';
import { signDingTalkUrl, webhookBody } from './webhook-sender';

describe('webhook sender', () => {
  it('signs DingTalk URLs as DingTalk checks them (known vector)', () => {
    // Computed outside this code: printf '1700000000000\nSECxyz' | openssl dgst -sha256 -hmac SECxyz -binary | base64
    const url = signDingTalkUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', 'SECxyz', 1700000000000);
    expect(url).toBe('https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=0PUR1j8g85Xg3vlFV%2FUrEcxXfF5HpCAGzcjrNfyJoyg%3D');
  });

  it('builds markdown messages in each robot’s shape', () => {
    const digest = { title: 't', text: '### t' };
    expect(webhookBody('dingtalk', digest)).toEqual({ msgtype: 'markdown', markdown: { title: 't', text: '### t' } });
    expect(webhookBody('wecom', digest)).toEqual({ msgtype: 'markdown', markdown: { content: '### t' } });
  });
});
