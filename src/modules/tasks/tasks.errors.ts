import { Conflict, Forbidden, InvalidInput } from '../../common/errors/domain-error';

export interface RowError {
  row: number;
  field: string;
  message: string;
}

/** All-or-nothing batch rejected: the message lists every bad row and field. */
export class BatchInvalid extends InvalidInput {
  constructor(public readonly errors: RowError[], rowWord: 'row' | '第N行' = 'row') {
    super(
      errors.map((e) => (rowWord === 'row' ? `row ${e.row} ${e.field}: ${e.message}` : `第${e.row}行 ${e.field}: ${e.message}`)).join('; '),
      { errors },
    );
  }
}

/** A single object rejected: the message names each bad field, never a row. */
export class FieldsInvalid extends InvalidInput {
  constructor(errors: { field: string; message: string }[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
}

export class TaskCompleted extends Conflict {
  constructor() {
    super('task: 任务已办结，不能再修改或填报');
  }
}

export class RequestPending extends Conflict {
  constructor(kind: string) {
    super(`task: 已有待审核的${kind}，请等待审核结果`);
  }
}

export class RequestNotPending extends Conflict {
  constructor(kind: string, status: string) {
    super(`status: 该${kind}已处理（${status}），不能重复审核`);
  }
}

export class NotLeadDepartment extends Forbidden {
  constructor(what: string) {
    super(`department: 只有牵头单位可以${what}`);
  }
}

export class NoticeAlreadyAnswered extends Conflict {
  constructor() {
    super('response: 该督办通知已回复，回复不能修改');
  }
}

export class TaskCancelled extends Conflict {
  constructor() {
    super('task: 任务已撤销，不能再修改、填报或审核');
  }
}

/** Work on a task (progress, requests, reviews, edits, 督办) needs it open: neither done nor cancelled. */
export function assertTaskOpen(task: { status: string }): void {
  if (task.status === 'cancelled') throw new TaskCancelled();
  if (task.status === 'completed') throw new TaskCompleted();
}

export class AlreadyAssigned extends Conflict {
  constructor(rows: { row: number; itemNumber: number; title: string; existingTitle: string; started?: boolean }[], rowWord: 'row' | '第N行', details: unknown) {
    const shown = rows.slice(0, 20).map((r) => `${rowWord === 'row' ? `row ${r.row}` : `第${r.row}行`}: 要点 ${r.itemNumber}「${r.title}」已分配（现有任务「${r.existingTitle}」${r.started ? '，已开始推进，不能替换' : ''}）`);
    super(
      `${shown.join('; ')}${rows.length > 20 ? `; 等共 ${rows.length} 行` : ''}。`
      + (rows.some((r) => r.started) ? '已开始推进的任务不能替换，' : '如确需追加请使用 mode=append，') + '如需替换该要点尚未开始的任务请使用 mode=replace',
      details,
    );
  }
}
