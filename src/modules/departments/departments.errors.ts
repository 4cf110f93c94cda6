import { Conflict, InvalidInput } from '../../common/errors/domain-error';

export class DepartmentNameTaken extends Conflict {
  constructor(field: string, name: string, ownerName: string) {
    super(`${field}: 名称「${name}」已被部门「${ownerName}」使用`);
  }
}

export class DuplicateNameInRequest extends InvalidInput {
  constructor(field: string, name: string) {
    super(`${field}: 名称「${name}」重复`);
  }
}
