// The parse pool off the event loop: a parse that runs past the time limit is stopped (its worker
// thread terminated) and answered with a 400 naming the file; the pool keeps serving afterwards.
// Runs the compiled worker (dist/), so it belongs to the suites that run after the build.
import { afterAll, describe, expect, it } from '@jest/globals';
import { InvalidInput } from '../../src/common/errors/domain-error';
import { UploadParser } from '../../src/modules/uploads/upload-parser.service';
import { seedPlanText } from '../helpers/shared-docs';

describe('UploadParser', () => {
  const parser = new UploadParser({ timeLimitMs: 500 });
  afterAll(async () => parser.onApplicationShutdown());

  it('stops a parse that runs past the time limit, and parses the next document as usual', async () => {
    // About 8 MB of plan text: parsing takes about 0.8 s on this machine when idle.
    const lines = ['某区2026年法治政府建设工作要点', '一、依法全面履行政府职能'];
    for (let i = 1; i <= 9000; i++) lines.push(`${i}. 第${i}项工作任务。${'认真落实各项要求，'.repeat(30)}（牵头单位：区司法局）`);
    const started = Date.now();
    const err = await parser.planText(lines.join('\n')).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInput);
    expect((err as Error).message).toBe('file: 文件解析超过 0.5 秒时限，已停止；请精简文件后重试');
    expect(Date.now() - started).toBeLessThan(2000);

    const ok = await parser.planText(seedPlanText());
    expect(ok.ok).toBe(true);
  });
});
