import { Conflict, InvalidInput } from '../../common/errors/domain-error';

export class PlanAlreadyImported extends Conflict {
  constructor(existing: { id: string; title: string; docNumber: string | null }) {
    super(
      `plan: 该文档已导入为计划「${existing.title}」${existing.docNumber ? `（${existing.docNumber}）` : ''}，id ${existing.id}`,
      { existingPlanId: existing.id },
    );
  }
}

export class PlanDocumentInvalid extends InvalidInput {}

export class PlanArchived extends Conflict {
  constructor() {
    super('plan: 该计划已归档，不能再修改');
  }
}
