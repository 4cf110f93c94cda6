// Services throw these plain errors, never HttpException; HttpErrorFilter maps each kind to one HTTP status.
// `message` is user-facing Chinese and starts with the field or line it concerns ("dueDate: …", "line 12: …").
export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'unauthorized' | 'too_many';

export class DomainError extends Error {
  constructor(public readonly kind: DomainErrorKind, message: string, public readonly details?: unknown) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInput extends DomainError {
  constructor(message: string, details?: unknown) {
    super('invalid', message, details);
  }
}

export class NotFound extends DomainError {
  constructor(what: string, id: string) {
    super('not_found', `${what}: 未找到 ${id}`);
  }
}

export class Conflict extends DomainError {
  constructor(message: string, details?: unknown) {
    super('conflict', message, details);
  }
}

export class Forbidden extends DomainError {
  constructor(message = '无权执行此操作') {
    super('forbidden', message);
  }
}

export class Unauthorized extends DomainError {
  constructor(message = '未登录或登录已失效') {
    super('unauthorized', message);
  }
}

export class StaleVersion extends Conflict {
  constructor(what: string, expected: number) {
    super(`version: ${what}已被他人修改（版本 ${expected} 已过期），请刷新后重试`);
  }
}

export class TooManyRequests extends DomainError {
  constructor(message: string, details?: unknown) {
    super('too_many', message, details);
  }
}
