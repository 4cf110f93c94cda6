// The one validation path: the global pipe validates every DTO; bulk bodies and
// sheet rows go through the same `validateDto`, so every message is the same Chinese text naming the
// field ("dueDate: …"), and batches add the row ("row 3 dueDate: …") where the caller reports rows.
import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { cleanStrings } from '../validation/text';

// class-validator's constraint names (its IS_* constants) → a Chinese message. Where its English
// message carries a bound or the allowed values, the Chinese one states them (never the English).
const num = (original: string): string => /(-?\d+(?:\.\d+)?)(?!.*\d)/.exec(original)?.[1] ?? '';
const afterColon = (original: string): string => original.slice(original.indexOf(':') + 1).trim();
const MESSAGES: Record<string, string | ((original: string) => string)> = {
  whitelistValidation: '不允许的字段',
  isNotEmpty: '不能为空',
  isDefined: '必须提供',
  isString: '必须是字符串',
  isInt: '必须是整数',
  isNumber: '必须是数字',
  isPositive: '必须大于 0',
  isBoolean: '必须是 true 或 false',
  isArray: '必须是数组',
  isIn: (o) => `取值必须是以下之一：${afterColon(o)}`,
  isEnum: (o) => `取值必须是以下之一：${afterColon(o)}`,
  isUuid: '必须是有效的 ID',
  isDateString: '必须是日期 (YYYY-MM-DD)',
  isIso8601: '必须是日期 (YYYY-MM-DD)',
  matches: '格式不正确',
  min: (o) => `不能小于 ${num(o)}`,
  max: (o) => `不能大于 ${num(o)}`,
  minLength: (o) => `长度不能少于 ${num(o)} 个字符`,
  maxLength: (o) => `长度不能超过 ${num(o)} 个字符`,
  isLength: (o) => (/shorter/.test(o) ? `长度不能超过 ${num(o)} 个字符` : `长度不能少于 ${num(o)} 个字符`),
  arrayMaxSize: (o) => `最多 ${num(o)} 项`,
  arrayMinSize: (o) => `至少 ${num(o)} 项`,
  arrayNotEmpty: '不能为空数组',
  arrayUnique: '不能有重复项',
  isObject: '必须是对象',
  nestedValidation: '格式不正确',
  isUrl: '必须是有效的网址',
  isEmail: '必须是有效的邮箱地址',
  unknownValue: '必须是对象',
};

/** A constraint's message in Chinese: a decorator's own (Chinese) message as given; class-validator's English ones translated, never passed on. */
export function chineseMessage(constraint: string, original: string): string {
  if (/[\u4e00-\u9fff]/.test(original)) return original; // a decorator's own message
  const zh = MESSAGES[constraint];
  if (typeof zh === 'function') return zh(original);
  return zh ?? '取值无效';
}

/** One problem of one value: the field path (`figures[0].unit`) and a Chinese message. */
export interface FieldProblem {
  field: string;
  message: string;
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const path = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    const constraints = Object.entries(e.constraints ?? {});
    if (e.value === undefined && constraints.length) {
      // A required field left out: one message saying so (a decorator's own Chinese one where it has
      // one), not every rule the missing value breaks ("必须是整数; 不能小于 0; 不能大于 …").
      const own = constraints.find(([, original]) => /[\u4e00-\u9fff]/.test(original));
      out.push({ field: path, message: own ? own[1] : MESSAGES.isDefined as string });
      continue;
    }
    for (const [key, original] of constraints) {
      out.push({ field: path, message: chineseMessage(key, original) });
    }
    if (e.children?.length) out.push(...flatten(e.children, path));
  }
  return out;
}

export function formatProblems(problems: FieldProblem[]): string {
  return problems.map((p) => `${p.field}: ${p.message}`).join('; ');
}

/**
 * Validates one plain value against a DTO class: strings cleaned (invisible characters removed,
 * control characters refused), unknown fields refused. Returns the instance or the problems.
 */
export async function validateDto<T extends object>(
  cls: ClassConstructor<T>,
  raw: unknown,
): Promise<{ ok: true; value: T } | { ok: false; problems: FieldProblem[] }> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problems: [{ field: 'body', message: '必须是对象' }] };
  }
  const { problem } = cleanStrings(raw);
  if (problem) return { ok: false, problems: [{ field: problem.path, message: problem.message }] };
  const nullField = nullProblem(cls, raw);
  if (nullField) return { ok: false, problems: [nullField] };
  const instance = plainToInstance(cls, raw);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  return errors.length ? { ok: false, problems: flatten(errors) } : { ok: true, value: instance };
}

/**
 * `null` only where the API documents a field as nullable (`@ApiPropertyOptional({ nullable: true })`):
 * class-validator's @IsOptional() lets null through every validator, and a null the service does not
 * expect would reach a NOT NULL column. Checked for the DTO's own top-level fields.
 */
export function nullProblem(metatype: unknown, value: unknown): FieldProblem | null {
  if (typeof metatype !== 'function' || typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  for (const [key, v] of Object.entries(value)) {
    if (v !== null) continue;
    const documented = Reflect.getMetadata('swagger/apiModelProperties', metatype.prototype as object, key) as { nullable?: boolean } | undefined;
    if (documented && !documented.nullable) return { field: key, message: '不能为 null' };
  }
  return null;
}

class CleaningValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const { problem } = cleanStrings(value);
      if (problem) throw new BadRequestException(`${problem.path}: ${problem.message}`);
      const nullField = nullProblem(metadata.metatype, value);
      if (nullField) throw new BadRequestException(`${nullField.field}: ${nullField.message}`);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new CleaningValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new BadRequestException(formatProblems(flatten(errors)) || 'body: 请求无效'),
  });
}
