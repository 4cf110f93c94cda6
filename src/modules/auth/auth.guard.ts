// Global guard, default deny: every route must declare @Public() or @Roles(...); a route with
// neither is refused, so a forgotten decorator fails closed (and the route-policy test catches it).
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor, PUBLIC_KEY, ROLES_KEY } from '../../common/auth/actor';
import { Forbidden, Unauthorized } from '../../common/errors/domain-error';
import type { Role } from '../users/user.entity';
import { AuthService } from './auth.service';

/** Roles as users know them: messages never show the codes. */
export const ROLE_NAMES: Record<Role, string> = { admin: '管理员', department: '部门', leader: '领导' };

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly auth: AuthService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; actor?: Actor }>();
    const header = req.headers['authorization'] ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new Unauthorized('authorization: 缺少登录凭证 (Bearer token)');
    const actor = await this.auth.authenticate(match[1]);
    req.actor = actor;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || !roles.includes(actor.role)) throw new Forbidden(`role: ${ROLE_NAMES[actor.role]}账号无权执行此操作`);
    return true;
  }
}
