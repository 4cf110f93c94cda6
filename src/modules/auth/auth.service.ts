import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey, KeyObject } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import type { Actor } from '../../common/auth/actor';
import { ReadCache } from '../../common/cache/read-cache';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { InvalidInput, Unauthorized } from '../../common/errors/domain-error';
import { PASSWORD_MAX_BYTES } from '../users/password-policy';
import { AuditService } from '../audit/audit.service';
import { LoginLimiter } from './login-limiter';
import { verifyPassword } from '../users/password-hasher';
import { UsersRepository } from '../users/users.repository';
import { toUserView, UserView } from '../users/users.service';

/** How long another process's change to a user may take to be seen here. */
const USER_CACHE_MS = 1000;
const VERIFIED_TOKENS_MAX = 10_000;
/** Audit entity id of failed logins for a username that does not exist (the name is in `after`). */
const UNKNOWN_USER = 'unknown';

interface TokenClaims {
  sub: string;
  /** The user's token version when issued: a password change or disable bumps it. */
  tv: number;
}

export interface LoginResult {
  accessToken: string;
  user: Omit<UserView, 'disabled'>;
}

@Injectable()
export class AuthService {
  private verifyKey: KeyObject | undefined;
  private readonly verified = new Map<string, { claims: TokenClaims; expMs: number }>();

  constructor(
    private readonly users: UsersRepository,
    private readonly jwt: JwtService,
    private readonly cache: ReadCache,
    private readonly limiter: LoginLimiter,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Checks the limits first (a blocked address or username gets 429 without a password check), then
   * the password; failures are counted and every attempt is audited.
   */
  async login(username: string, password: string, address: string): Promise<LoginResult> {
    // bcrypt reads 72 bytes: a longer password could never have been set under the policy.
    if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) throw new InvalidInput(`password: 密码不能超过 ${PASSWORD_MAX_BYTES} 字节`);
    await this.limiter.assertAllowed(address, username);
    const user = await this.users.findByUsername(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? null);
    const failure = !user || !ok ? 'wrong_credentials' : user.disabled ? 'disabled' : null;
    if (failure) {
      await this.limiter.recordFailure(address, username);
      await this.tx.run(() =>
        this.audit.record({
          actorId: null, action: 'auth.login_failed', entityType: 'user', entityId: user?.id ?? UNKNOWN_USER,
          after: { username: username.slice(0, 64), address, reason: failure },
        }),
      );
      throw new Unauthorized(failure === 'disabled' ? 'username: 该账号已停用' : 'username: 用户名或密码错误');
    }
    await this.tx.run(() =>
      this.audit.record({ actorId: user!.id, action: 'auth.login', entityType: 'user', entityId: user!.id, after: { address } }),
    );
    const claims: TokenClaims = { sub: user!.id, tv: user!.tokenVersion };
    const accessToken = await this.jwt.signAsync(claims, {
      algorithm: 'HS256',
      secret: this.config.jwt.secret,
      expiresIn: this.config.jwt.expiresIn as never,
      issuer: this.config.jwt.issuer,
      audience: this.config.jwt.audience,
    });
    const { disabled: _d, ...view } = toUserView(user!);
    return { accessToken, user: view };
  }

  /**
   * Verifies a bearer token and reloads the user: a disabled user, a changed password or a changed
   * role is refused (or applied) at once, not when the token expires.
   */
  async authenticate(token: string): Promise<Actor> {
    const claims = await this.verify(token);
    // Reloaded per request through the read cache: any committed write in this process (a disable, a
    // password change) invalidates it at once; another API instance sees it within USER_CACHE_MS.
    const user = await this.cache.get(`user:${claims.sub}`, USER_CACHE_MS, () => this.users.findById(claims.sub));
    if (!user || user.disabled || user.tokenVersion !== claims.tv) {
      throw new Unauthorized('authorization: 登录凭证已失效，请重新登录');
    }
    return { id: user.id, username: user.username, role: user.role, departmentId: user.departmentId };
  }

  /**
   * Checks the token's signature, issuer, audience and expiry. A token verified before is answered
   * from memory until it expires: the signature cannot have changed, and revocation is decided by the
   * user reload, not here. (Token lifetimes are wall-clock time, as jsonwebtoken issues them.)
   */
  private async verify(token: string): Promise<TokenClaims> {
    const known = this.verified.get(token);
    if (known && known.expMs > Date.now()) return known.claims;
    let claims: TokenClaims & { exp?: number };
    try {
      // A KeyObject made once: given a string, jsonwebtoken first tries to parse it as a PEM public
      // key (createPublicKey throws) on every verify, which costs more than the rest of the request.
      this.verifyKey ??= createSecretKey(Buffer.from(this.config.jwt.secret, 'utf8'));
      claims = await this.jwt.verifyAsync<TokenClaims & object>(token, {
        algorithms: ['HS256'],
        secret: this.verifyKey as unknown as string,
        issuer: this.config.jwt.issuer,
        audience: this.config.jwt.audience,
      });
    } catch {
      throw new Unauthorized('authorization: 登录凭证无效或已过期');
    }
    // Only tokens of the shape login issues: an expiry, a user id string and a token version.
    if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string' || !Number.isInteger(claims.tv)) {
      throw new Unauthorized('authorization: 登录凭证无效或已过期');
    }
    if (this.verified.size >= VERIFIED_TOKENS_MAX) this.verified.clear();
    this.verified.set(token, { claims: { sub: claims.sub, tv: claims.tv }, expMs: (claims.exp ?? 0) * 1000 });
    return claims;
  }
}
