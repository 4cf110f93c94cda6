import { Conflict, InvalidInput } from '../../common/errors/domain-error';

export class UsernameTaken extends Conflict {
  constructor(username: string) {
    super(`username: 用户名「${username}」已存在`);
  }
}

export class DepartmentRequired extends InvalidInput {
  constructor() {
    super('departmentId: 部门用户必须指定所属部门');
  }
}

export class UnknownDepartment extends InvalidInput {
  constructor(id: string) {
    super(`departmentId: 部门 ${id} 不存在`);
  }
}

export class WrongCurrentPassword extends InvalidInput {
  constructor() {
    super('currentPassword: 当前密码不正确');
  }
}
