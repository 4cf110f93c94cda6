// The parse pool off the event loop: a parse that runs past the time limit is stopped (its worker
// thread terminated) and answered with a 400 naming the file; the pool keeps serving afterwards.
// Runs the compiled worker (dist/), so it belongs to the suites that run after the build.
import { afterAll, describe, expect, it } from '@jest/globals';
import { InvalidInput } from '../../src/common/errors/domain-error';
import { UploadParser } from '../../src/modules/uploads/upload-parser.service';
import { seedPlanText } from '../helpers/shared-docs';

describe('UploadParser', () => {
  const parser = new UploadParser({ timeLimitMs: 1000 });
  afterAll(async () => parser.onApplicationShutdown());

  it('stops a parse that runs past the time limit, and parses the next document as usual', async () => {
    // 9,000 items of 18 lines each (about 38 MB, 170,000 lines): parsing takes about 2 s on an idle
    // machine, well over the limit (the parser is linear: 8 MB of long lines took 0.4 s, too close to it).
    const lines = ['某区2026年法治政府建设工作要点', '一、依法全面履行政府职能'];
    for (let i = 1; i <= 9000; i++) {
      lines.push(`${i}. 第${i}项工作任务。${'认真落实各项要求，'.repeat(10)}（牵头单位：区司法局）`);
      for (let k = 0; k < 18; k++) lines.push('认真落实各项要求，'.repeat(8));
    }
    const started = Date.now();
    const err = await parser.planText(lines.join('\n')).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInput);
    expect((err as Error).message).toBe('file: 文件解析超过 1 秒时限，已停止；请精简文件后重试');
    expect(Date.now() - started).toBeLessThan(3000);

    // The stopped thread's replacement starts with the parser's modules unloaded; loading them took
    // 0.14 s idle and over 0.5 s while CI ran other suites, which is start-up, not parsing. One
    // small parse loads them (its answer is not what this test is about); then the real document.
    await parser.planText('某区工作要点').catch(() => undefined);
    const ok = await parser.planText(seedPlanText());
    expect(ok.ok).toBe(true);
  });
});
