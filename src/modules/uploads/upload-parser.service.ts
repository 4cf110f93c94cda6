// The pool of worker threads that parses uploads (piscina). Requests never parse on the event loop:
// a hostile file costs one worker thread, which is stopped when it runs past the time limit or its
// memory cap. One thread is kept warm (started at boot, with only the small limit-checking modules
// loaded until a parse needs more); a second one starts under load and exits after 3 s idle.
import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { Piscina } from 'piscina';
import { compiledWorker } from '../../common/async/compiled-worker';
import { InvalidInput } from '../../common/errors/domain-error';
import type { PlanParseResult } from '../plans/parser/plan-parser.types';
import type { AssignmentRow } from '../tasks/assignment-rows';
import type { ParseAnswer, ParseJob } from './upload-parse.worker';
import type { SheetLimits } from './sheet-inspect';

/** Time one parse may take before its worker is stopped (above the parser's own 15 s PDF limit, so that message wins). */
export const PARSE_TIME_LIMIT_MS = 20_000;
/** Overrides for tests (a shorter time limit). */
export const UPLOAD_PARSE_OPTIONS = Symbol('UPLOAD_PARSE_OPTIONS');
export interface UploadParseOptions {
  timeLimitMs?: number;
}
/** Heap of one parse worker: a refused file cannot take more than this. */
const WORKER_HEAP_MB = 384;

@Injectable()
export class UploadParser implements OnApplicationShutdown {
  private readonly logger = new Logger(UploadParser.name);
  private pool: Piscina<ParseJob, ParseAnswer> | null = null;
  private readonly timeLimitMs: number;

  constructor(@Optional() @Inject(UPLOAD_PARSE_OPTIONS) options?: UploadParseOptions) {
    this.timeLimitMs = options?.timeLimitMs ?? PARSE_TIME_LIMIT_MS;
  }

  private get workers(): Piscina<ParseJob, ParseAnswer> {
    this.pool ??= new Piscina<ParseJob, ParseAnswer>({
      filename: compiledWorker(typeof __dirname === 'string' ? __dirname : undefined, 'src/modules/uploads', 'upload-parse.worker.js'),
      minThreads: 1,
      maxThreads: 2,
      idleTimeout: 3000,
      // A full queue answers 400 at once instead of letting uploads pile up behind a slow one.
      maxQueue: 16,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 32 },
    });
    return this.pool;
  }

  /** Starts the warm thread now (the HTTP app does at boot; the worker process never parses uploads). */
  warm(): void {
    void this.workers;
  }

  async planText(text: string): Promise<PlanParseResult> {
    return this.plan(await this.run({ kind: 'plan-text', text }));
  }

  async planFile(buffer: Buffer, filename?: string): Promise<PlanParseResult> {
    return this.plan(await this.run({ kind: 'plan-file', buffer, filename }));
  }

  async sheet(buffer: Buffer, limits: SheetLimits): Promise<AssignmentRow[]> {
    const answer = await this.run({ kind: 'sheet', buffer, limits });
    if (answer.kind === 'refused') throw new InvalidInput(answer.message);
    if (answer.kind !== 'sheet') throw new Error(`unexpected parse answer ${answer.kind}`);
    return answer.rows;
  }

  private plan(answer: ParseAnswer): PlanParseResult {
    if (answer.kind === 'refused') return { ok: false, error: { line: null, message: answer.message, kind: 'file' } };
    if (answer.kind !== 'plan') throw new Error(`unexpected parse answer ${answer.kind}`);
    return answer.result;
  }

  private async run(job: ParseJob): Promise<ParseAnswer> {
    const started = Date.now();
    try {
      return await this.workers.run(job, { signal: AbortSignal.timeout(this.timeLimitMs) });
    } catch (err) {
      const e = err as Error & { code?: string };
      this.logger.warn({ msg: 'upload parse stopped', kind: job.kind, ms: Date.now() - started, err: e.message, code: e.code });
      if (e.name === 'AbortError' || /abort/i.test(e.message)) {
        throw new InvalidInput(`file: 文件解析超过 ${this.timeLimitMs / 1000} 秒时限，已停止；请精简文件后重试`);
      }
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') throw new InvalidInput('file: 文件解析所需内存超过上限，已停止；请精简文件后重试');
      if (/queue/i.test(e.message)) throw new InvalidInput('file: 同时解析的文件过多，请稍后重试');
      throw err;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.destroy();
  }
}
