import { Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { type Actor, AnyRole, CurrentActor, Roles } from '../../common/auth/actor';
import { InvalidInput } from '../../common/errors/domain-error';
import { IdParam } from '../../common/http/id-param';
import { readMultipartUpload } from '../../common/http/multipart';
import { createValidationPipe, formatProblems, validateDto } from '../../common/http/validation';
import { MAX_PLAN_FILE_BYTES } from './parser/document-decoder';
import { ImportPlanDto, ImportPlanFormDto } from './dto/import-plan.dto';
import { ImportSource, PlansService, PlanView } from './plans.service';
import { PlanSummaryRow } from './plans.repository';

const bodyValidation = createValidationPipe();
const FORM_FIELDS = ['dryRun', 'year', 'title'] as const;

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

/** Form fields arrive as strings: the same DTO rules as JSON apply once `dryRun` and `year` are typed. */
async function readMultipart(req: FastifyRequest): Promise<ImportSource> {
  const { file, fields } = await readMultipartUpload(req, { maxBytes: MAX_PLAN_FILE_BYTES, fields: FORM_FIELDS, what: '工作要点文件（.txt、.md、.docx）' });
  const typed: Record<string, unknown> = { ...fields };
  if (fields.dryRun === 'true' || fields.dryRun === 'false') typed.dryRun = fields.dryRun === 'true';
  if (fields.year !== undefined && /^\d{1,6}$/.test(fields.year)) typed.year = Number(fields.year);
  const checked = await validateDto(ImportPlanFormDto, typed);
  if (!checked.ok) throw new InvalidInput(formatProblems(checked.problems));
  return { file, dryRun: checked.value.dryRun ?? false, year: checked.value.year, title: checked.value.title };
}
