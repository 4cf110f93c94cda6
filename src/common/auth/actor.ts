import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../../modules/users/user.entity';

/** The authenticated caller, reloaded from the database on every request. */
export interface Actor {
  id: string;
  username: string;
  role: Role;
  departmentId: string | null;
}

export const ROLES_KEY = 'roles';
export const PUBLIC_KEY = 'public';

/** Which roles may call a route. A route with neither @Roles nor @Public is refused (default deny). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
export const AnyRole = () => SetMetadata(ROLES_KEY, ['admin', 'department', 'leader'] satisfies Role[]);
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ actor: Actor }>().actor;
});
