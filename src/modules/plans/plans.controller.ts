import { Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { type Actor, AnyRole, CurrentActor, Roles } from '../../common/auth/actor';
import { InvalidInput } from '../../common/errors/domain-error';
import { IdParam } from '../../common/http/id-param';
import { createValidationPipe } from '../../common/http/validation';
import { MAX_PLAN_FILE_BYTES } from './parser/document-decoder';
import { ImportPlanDto } from './dto/import-plan.dto';
import { ImportSource, PlansService, PlanView } from './plans.service';
import { PlanSummaryRow } from './plans.repository';

const bodyValidation = createValidationPipe();

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  /** JSON {text, dryRun?} or multipart with one `file` (.txt/.md in UTF-8, GBK or UTF-16; .docx; a text PDF) and an optional `dryRun` field. */
  @Post('import')
  @Roles('admin')
  @HttpCode(200)
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: ImportPlanDto })
  async import(@Req() req: FastifyRequest, @CurrentActor() actor: Actor): Promise<PlanView> {
    return this.plans.import(await readImportSource(req), actor.id);
  }

  /** Archived plans only with ?includeArchived=true. */
  @Get()
  @AnyRole()
  list(@Query('includeArchived') includeArchived?: string): Promise<PlanSummaryRow[]> {
    if (includeArchived !== undefined && includeArchived !== 'true' && includeArchived !== 'false') {
      throw new InvalidInput('includeArchived: 必须是 true 或 false');
    }
    return this.plans.list(includeArchived === 'true');
  }

  @Get(':id')
  @AnyRole()
  get(@IdParam() id: string): Promise<PlanView> {
    return this.plans.get(id);
  }
}

/** The import's source from a JSON body or a multipart upload (also used to replace a stored plan's document). */
export function readImportSource(req: FastifyRequest): Promise<ImportSource> {
  return req.isMultipart() ? readMultipart(req) : readJson(req.body);
}

async function readJson(body: unknown): Promise<ImportSource> {
  const dto: ImportPlanDto = await bodyValidation.transform(body ?? {}, { type: 'body', metatype: ImportPlanDto });
  return { text: dto.text, dryRun: dto.dryRun ?? false, year: dto.year, title: dto.title, sourceName: dto.sourceName };
}

async function readMultipart(req: FastifyRequest): Promise<ImportSource> {
  const fields: Record<string, string> = {};
  let file: { buffer: Buffer; filename?: string } | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: MAX_PLAN_FILE_BYTES, files: 1, fields: 10, parts: 12 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw new InvalidInput(`${part.fieldname}: 文件字段名应为 file`);
        file = { buffer: await part.toBuffer(), filename: part.filename };
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (err) {
    if (err instanceof InvalidInput) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new InvalidInput('file: 文件超过 5 MB 上限');
    if (code === 'FST_FILES_LIMIT') throw new InvalidInput('file: 一次只能上传一个文件');
    throw new InvalidInput(`file: 无法读取上传内容 (${code ?? 'multipart'})`);
  }
  if (!file) throw new InvalidInput('file: 缺少上传文件');
  const unknown = Object.keys(fields).filter((k) => !['dryRun', 'year', 'title'].includes(k));
  if (unknown.length) throw new InvalidInput(`${unknown[0]}: 不允许的字段`);
  if (fields.dryRun !== undefined && !['true', 'false'].includes(fields.dryRun)) throw new InvalidInput('dryRun: 必须是 true 或 false');
  let year: number | undefined;
  if (fields.year !== undefined) {
    if (!/^\d{4}$/.test(fields.year)) throw new InvalidInput('year: 必须是四位年份');
    year = Number(fields.year);
  }
  return { file, dryRun: fields.dryRun === 'true', year, title: fields.title };
}
