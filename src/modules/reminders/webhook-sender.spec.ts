import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { signDingTalkUrl, webhookBody } from './webhook-sender';

describe('webhook sender', () => {
  it('signs DingTalk URLs with HMAC-SHA256 over "timestamp\\nsecret", Base64 and URL-encoded', () => {
    const url = signDingTalkUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', 'SECxyz', 1700000000000);
    const expected = encodeURIComponent(createHmac('sha256', 'SECxyz').update('1700000000000\nSECxyz').digest('base64'));
    expect(url).toBe(`https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=${expected}`);
  });

  it('builds markdown messages in each robot’s shape', () => {
    const digest = { title: 't', text: '### t' };
    expect(webhookBody('dingtalk', digest)).toEqual({ msgtype: 'markdown', markdown: { title: 't', text: '### t' } });
    expect(webhookBody('wecom', digest)).toEqual({ msgtype: 'markdown', markdown: { content: '### t' } });
  });
});
