import { describe, expect, it } from '@jest/globals';
import { signDingTalkUrl, webhookBody } from './webhook-sender';

describe('webhook sender', () => {
  // Known vectors, computed outside this code:
  //   printf '%s\n%s' 1700000000005 SECxyz | openssl dgst -sha256 -hmac SECxyz -binary | openssl base64 -A
  //   → /CBhI3DFdiNvci8/s+4clUGp7ded8OWhbqQm0DZTDMY=
  it('signs DingTalk URLs with HMAC-SHA256 over "timestamp\\nsecret", Base64, then URL-encoded', () => {
    const url = signDingTalkUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', 'SECxyz', 1700000000005);
    expect(url).toBe('https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000005&sign=%2FCBhI3DFdiNvci8%2Fs%2B4clUGp7ded8OWhbqQm0DZTDMY%3D');
  });

  it('starts the query string when the robot URL has none', () => {
    // openssl as above with timestamp 1700000000000 → 0PUR1j8g85Xg3vlFV/UrEcxXfF5HpCAGzcjrNfyJoyg=
    expect(signDingTalkUrl('https://robot.example/send', 'SECxyz', 1700000000000))
      .toBe('https://robot.example/send?timestamp=1700000000000&sign=0PUR1j8g85Xg3vlFV%2FUrEcxXfF5HpCAGzcjrNfyJoyg%3D');
  });

  it('builds markdown messages in each robot’s shape', () => {
    const digest = { title: 't', text: '### t' };
    expect(webhookBody('dingtalk', digest)).toEqual({ msgtype: 'markdown', markdown: { title: 't', text: '### t' } });
    expect(webhookBody('wecom', digest)).toEqual({ msgtype: 'markdown', markdown: { content: '### t' } });
  });
});
