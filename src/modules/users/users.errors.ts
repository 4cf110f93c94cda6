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

export class WeakPassword extends InvalidInput {
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
  }
}

export class LastActiveAdmin extends Conflict {
  constructor() {
    super('role: 这是最后一个启用的管理员账号，不能停用、降级或删除；请先为其他账号授予管理员角色');
  }
}

export class WrongCurrentPassword extends InvalidInput {
  constructor() {
    super('currentPassword: 当前密码不正确');
  }
}
