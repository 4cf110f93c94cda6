import { describe, expect, it } from '@jest/globals';
import { digestParts, ROBOT_MAX_BYTES } from './robot-digest';

const item = (i: number) => ({ title: '任务即将到期', body: `「第${i}项：推进法治政府建设示范创建，完善重大行政决策程序」将于 2026-06-30 到期（还有 5 个工作日），当前进度 40%，请抓紧推进并及时填报进展。` });

describe('robot digests', () => {
  it('splits a long WeCom digest into parts of at most 4,096 bytes, each reminder exactly once, no "- " lists', () => {
    const items = Array.from({ length: 40 }, (_, i) => item(i + 1));
    const parts = digestParts('wecom', '区政府法制办', items);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(Buffer.byteLength(p.text, 'utf8')).toBeLessThanOrEqual(4096);
      expect(p.text.split('\n').some((l) => l.startsWith('- '))).toBe(false);
    }
    expect(parts.flatMap((p) => p.items)).toEqual(items.map((_, i) => i));
    expect(parts.map((p) => p.title)).toEqual(parts.map((_, i) => `【督办台账】区政府法制办 有 40 条提醒（${i + 1}/${parts.length}）`));
    for (const [i, it] of items.entries()) expect(parts.filter((p) => p.text.includes(it.body)).map((p) => p.items.includes(i))).toEqual([true]);
  });

  it('sends a short digest as one message, and cuts a single reminder longer than the limit', () => {
    expect(digestParts('dingtalk', '法制办', [item(1), item(2)])).toHaveLength(1);
    const huge = { title: '任务已逾期', body: '很长'.repeat(3000) };
    const [only] = digestParts('wecom', '法制办', [huge]);
    expect(Buffer.byteLength(only.text, 'utf8')).toBeLessThanOrEqual(ROBOT_MAX_BYTES.wecom);
    expect(only.text).toContain('…');
  });
});
