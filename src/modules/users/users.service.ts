import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { NotFound } from '../../common/errors/domain-error';
import { newId } from '../../common/database/ids';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { Clock } from '../../common/time/clock';
import { AuditService } from '../audit/audit.service';
import { DepartmentsRepository } from '../departments/departments.repository';
import { ChangePasswordDto } from './dto/change-password.dto';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { hashPassword, verifyPassword } from './password-hasher';
import { Role, User } from './user.entity';
import { passwordProblem } from './password-policy';
import { DepartmentRequired, LastActiveAdmin, UnknownDepartment, UsernameTaken, WeakPassword, WrongCurrentPassword } from './users.errors';
import { UsersRepository } from './users.repository';

export interface UserView {
  id: string;
  username: string;
  role: Role;
  departmentId: string | null;
  disabled: boolean;
}

export function toUserView(u: User): UserView {
  return { id: u.id, username: u.username, role: u.role, departmentId: u.departmentId, disabled: u.disabled };
}

function assertPasswordPolicy(field: string, password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new WeakPassword(field, problem);
}

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly repo: UsersRepository,
    private readonly departments: DepartmentsRepository,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  list(): Promise<UserView[]> {
    return this.repo.list().then((users) => users.map(toUserView));
  }

  async create(input: CreateUserDto, actorId: string | null): Promise<UserView> {
    const username = input.username.toLowerCase();
    await this.assertDepartment(input.role, input.departmentId ?? null);
    assertPasswordPolicy('password', input.password, username);
    const now = this.clock.now().toISOString();
    const user: User = {
      id: newId(),
      username,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      departmentId: input.role === 'department' ? input.departmentId! : (input.departmentId ?? null),
      disabled: false,
      tokenVersion: 0,
      createdAt: now,
      updatedAt: now,
    };
    await this.tx.run(async () => {
      if (await this.repo.findByUsername(username)) throw new UsernameTaken(username);
      await this.repo.insert(user);
      await this.audit.record({ actorId, action: 'user.create', entityType: 'user', entityId: user.id, after: toUserView(user) });
    });
    return toUserView(user);
  }

  async update(id: string, input: UpdateUserDto, actorId: string): Promise<UserView> {
    if (input.password !== undefined) {
      const target = await this.repo.findById(id);
      if (!target) throw new NotFound('user', id);
      assertPasswordPolicy('password', input.password, target.username);
    }
    const newHash = input.password ? await hashPassword(input.password) : null;
    return this.tx.run(async () => {
      const user = await this.repo.findById(id);
      if (!user) throw new NotFound('user', id);
      const before = toUserView(user);
      const role = input.role ?? user.role;
      // A department user moved to another role leaves the department unless one is given.
      const departmentId =
        input.departmentId !== undefined ? input.departmentId : user.role === 'department' && role !== 'department' ? null : user.departmentId;
      await this.assertDepartment(role, departmentId);
      // Never lock everyone out: the last active admin stays an active admin.
      const losesAdmin = user.role === 'admin' && !user.disabled && (role !== 'admin' || input.disabled === true);
      if (losesAdmin && (await this.repo.lockActiveAdminIds()).filter((a) => a !== id).length === 0) throw new LastActiveAdmin();
      // Any change of password, role, department or state invalidates the user's live tokens at once.
      user.role = role;
      user.departmentId = departmentId;
      if (input.disabled !== undefined) user.disabled = input.disabled;
      if (newHash) user.passwordHash = newHash;
      user.tokenVersion += 1;
      user.updatedAt = this.clock.now().toISOString();
      await this.repo.save(user);
      await this.audit.record({ actorId, action: 'user.update', entityType: 'user', entityId: id, before, after: { ...toUserView(user), passwordChanged: !!newHash } });
      return toUserView(user);
    });
  }

  async changeOwnPassword(userId: string, input: ChangePasswordDto): Promise<void> {
    const user = await this.repo.findById(userId);
    if (!user) throw new NotFound('user', userId);
    if (!(await verifyPassword(input.currentPassword, user.passwordHash))) throw new WrongCurrentPassword();
    assertPasswordPolicy('newPassword', input.newPassword, user.username);
    const hash = await hashPassword(input.newPassword);
    await this.tx.run(async () => {
      const fresh = await this.repo.findById(userId);
      if (!fresh) throw new NotFound('user', userId);
      fresh.passwordHash = hash;
      fresh.tokenVersion += 1;
      fresh.updatedAt = this.clock.now().toISOString();
      await this.repo.save(fresh);
      await this.audit.record({ actorId: userId, action: 'user.password', entityType: 'user', entityId: userId });
    });
  }

  /** First boot: creates the admin from ADMIN_USERNAME / ADMIN_PASSWORD when there is no user at all. */
  async ensureInitialAdmin(): Promise<{ created: boolean; username: string }> {
    const { username, password } = this.config.admin;
    if ((await this.repo.count()) > 0) return { created: false, username };
    await this.create({ username, password, role: 'admin' }, null);
    this.logger.log({ msg: 'initial admin created', username });
    return { created: true, username };
  }

  private async assertDepartment(role: Role, departmentId: string | null): Promise<void> {
    if (role === 'department' && !departmentId) throw new DepartmentRequired();
    if (departmentId && !(await this.departments.findById(departmentId))) throw new UnknownDepartment(departmentId);
  }
}
