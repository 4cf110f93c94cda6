// The single ValidationPipe with messages that name the field, in Chinese.
import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

const MESSAGES: Record<string, string> = {
  whitelistValidation: '不允许的字段',
  isNotEmpty: '不能为空',
  isDefined: '必须提供',
  isString: '必须是字符串',
  isInt: '必须是整数',
  isNumber: '必须是数字',
  isBoolean: '必须是 true 或 false',
  isArray: '必须是数组',
  isIn: '取值不在允许范围内',
  isEnum: '取值不在允许范围内',
  isUUID: '必须是有效的 ID',
  isDateString: '必须是日期 (YYYY-MM-DD)',
  isISO8601: '必须是日期 (YYYY-MM-DD)',
  matches: '格式不正确',
  min: '数值过小',
  max: '数值过大',
  minLength: '长度过短',
  maxLength: '长度过长',
  arrayMaxSize: '元素过多',
  arrayMinSize: '元素过少',
  arrayNotEmpty: '不能为空数组',
  isObject: '必须是对象',
  nestedValidation: '格式不正确',
};

function flatten(errors: ValidationError[], prefix = ''): string[] {
  const out: string[] = [];
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [key, original] of Object.entries(e.constraints ?? {})) {
      const zh = MESSAGES[key];
      out.push(`${path}: ${zh ? `${zh} (${original})` : original}`);
    }
    if (e.children?.length) out.push(...flatten(e.children, path));
  }
  return out;
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new BadRequestException(flatten(errors).join('; ') || 'body: 请求无效'),
  });
}
