import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { ChangePasswordRequest, LoginRequest, LoginResponse, MeResponse, TokenPair } from '@thidua/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../common/audit/audit.service';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AccountStore, PrincipalAccess } from '../org/index';
import { signAccessToken } from './jwt';
import { PasswordHasher } from '../../common/auth/password-hasher';
import { assertStrongPassword } from '../../common/auth/password-policy';
import { SessionVersionService } from './session-version.service';
import { RefreshTokenRepository } from './refresh-token.repository';

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** `<token id>.<secret>`: the id finds the row, the secret (only its hash is stored) proves possession. */
function parseRefreshToken(token: string): { id: string; secret: string } | null {
  const m = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,})$/.exec(token);
  return m ? { id: m[1]!, secret: m[2]! } : null;
}

/**
 * Sign-in, refresh, sign-out and password change. The per-address sign-in limit
 * (LOGIN_THROTTLE_PER_MINUTE) is the `login` throttler of rate-limit.ts, shared through Redis.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly people: AccountStore,
    private readonly tokens: RefreshTokenRepository,
    private readonly access: PrincipalAccess,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly sessions: SessionVersionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(body: LoginRequest, ip: string): Promise<LoginResponse> {
    const now = new Date();
    const user = await this.people.findUserByUsername(body.username.toLowerCase());
    if (!user) {
      await this.hasher.verifyNothing(body.password);
      throw new AppError('INVALID_CREDENTIALS');
    }
    if (user.lockedUntil && user.lockedUntil > now) throw this.lockedError(user.lockedUntil, now);
    const isValid = await this.hasher.verify(user.passwordHash, body.password);
    if (!isValid || user.status !== 'active') {
      if (!isValid) {
        const lockUntil = new Date(now.getTime() + this.config.auth.lockMinutes * 60_000);
        const locked = await this.dataSource.transaction(async (m) => {
          const r = await this.people.recordLoginFailure(user.id, this.config.auth.maxFailures, lockUntil, m);
          if (r.locked) {
            await this.audit.record(m, { action: 'user.locked', entityType: 'user', entityId: user.id, details: { until: lockUntil.toISOString() } });
          }
          return r.locked;
        });
        if (locked) throw this.lockedError(lockUntil, now);
      }
      throw new AppError('INVALID_CREDENTIALS');
    }
    // Parameters changed since this hash was made (or an older variant): upgrade it now that we know the password.
    const rehashed = this.hasher.needsRehash(user.passwordHash) ? await this.hasher.hash(body.password) : null;
    const pair = await this.dataSource.transaction(async (m) => {
      await this.people.recordLoginSuccess(user.id, m);
      if (rehashed) await this.people.updatePasswordHash(user.id, rehashed, m);
      await this.audit.record(m, { action: 'user.signed_in', entityType: 'user', entityId: user.id, actorUserId: user.id, details: { ip, ...(rehashed ? { passwordRehashed: true } : {}) } });
      return this.issue(user.id, randomUUID(), m, now);
    });
    return { ...pair, user: await this.me(user.id) };
  }

  /**
   * A sign-in proved elsewhere (OpenID Connect, modules/auth/oidc): the same tokens, session version and
   * `user.signed_in` audit row as a password sign-in, `details.method` telling how. The user is re-read under a
   * row lock so that one disabled meanwhile is refused (OIDC_ACCOUNT_DISABLED). Password lockout is left as it is:
   * it counts wrong passwords, which this sign-in does not involve.
   */
  async signInVerified(userId: string, details: Record<string, unknown>): Promise<LoginResponse> {
    const now = new Date();
    const pair = await this.dataSource.transaction(async (m) => {
      const user = await this.people.findUserById(userId, m, true);
      if (!user) throw new AppError('OIDC_ACCOUNT_NOT_LINKED', { details: { reason: 'no_match' } });
      if (user.status !== 'active') throw new AppError('OIDC_ACCOUNT_DISABLED');
      await this.audit.record(m, { action: 'user.signed_in', entityType: 'user', entityId: user.id, actorUserId: user.id, details });
      return this.issue(user.id, randomUUID(), m, now);
    });
    return { ...pair, user: await this.me(userId) };
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const parsed = parseRefreshToken(refreshToken);
    if (!parsed) throw new AppError('UNAUTHENTICATED');
    const now = new Date();
    // Reuse detection must commit even though the caller gets an error: decide inside, throw outside.
    const outcome = await this.dataSource.transaction(async (m): Promise<TokenPair | 'invalid' | 'expired' | 'reused'> => {
      const row = await this.tokens.findForUpdate(parsed.id, m);
      if (!row || !safeEqualHex(row.tokenHash, sha256(parsed.secret))) return 'invalid';
      if (row.revokedAt) {
        // A rotated (or logged-out) token came back: someone holds a copy. End the whole family.
        await this.tokens.revokeFamily(row.familyId, m);
        return 'reused';
      }
      if (row.expiresAt <= now) return 'expired';
      const principal = await this.access.findPrincipal(row.userId, now, m);
      if (!principal) return 'invalid';
      const pair = await this.issue(row.userId, row.familyId, m, now);
      await this.tokens.markReplaced(row.id, parseRefreshToken(pair.refreshToken!)!.id, m);
      return pair;
    });
    if (outcome === 'expired') throw new AppError('TOKEN_EXPIRED');
    if (typeof outcome === 'string') throw new AppError('UNAUTHENTICATED');
    return outcome;
  }

  /** Revokes the token's family (every token rotated from the same sign-in). Unknown tokens are ignored. */
  async logout(refreshToken: string): Promise<void> {
    const parsed = parseRefreshToken(refreshToken);
    if (!parsed) return;
    const userId = await this.dataSource.transaction(async (m) => {
      const row = await this.tokens.findForUpdate(parsed.id, m);
      if (!row || !safeEqualHex(row.tokenHash, sha256(parsed.secret))) return null;
      await this.tokens.revokeFamily(row.familyId, m);
      // Access tokens already issued stop working too (every one of this user's: see SessionVersionService).
      await this.sessions.bump(row.userId, m);
      await this.audit.record(m, { action: 'user.signed_out', entityType: 'user', entityId: row.userId, actorUserId: row.userId });
      return row.userId;
    });
    if (userId) this.sessions.invalidate(userId);
  }

  async me(userId: string): Promise<MeResponse> {
    const d = await this.access.describe(userId);
    if (!d) throw new AppError('UNAUTHENTICATED');
    return {
      id: d.userId,
      username: d.username,
      fullName: d.fullName,
      email: d.email,
      homeUnit: d.homeUnit,
      roles: d.roles.map((r) => ({
        role: r.role,
        unitId: r.unitId,
        unitCode: r.unitCode,
        unitName: r.unitName,
        onBehalfOf: r.onBehalfOfUser,
        workflows: r.workflows,
      })),
    };
  }

  /** The user changes their own password: the current one is required; other sessions end. */
  async changePassword(principal: Principal, body: ChangePasswordRequest): Promise<void> {
    const user = await this.people.findUserById(principal.userId);
    if (!user) throw new AppError('UNAUTHENTICATED');
    if (!(await this.hasher.verify(user.passwordHash, body.currentPassword))) {
      throw new AppError('VALIDATION_FAILED', {
        params: { count: 1 },
        fields: [{ path: 'body.currentPassword', reason: 'invalid', message: 'current password does not match' }],
      });
    }
    if (body.newPassword === body.currentPassword) {
      throw AppError.validation([{ path: 'body.newPassword', reason: 'invalid_value', message: 'must differ from the current password' }]);
    }
    assertStrongPassword(body.newPassword, 'body.newPassword', [user.username, user.fullName, user.email ?? '']);
    const hash = await this.hasher.hash(body.newPassword);
    await this.dataSource.transaction(async (m) => {
      await this.people.setPassword(user.id, hash, m);
      await this.tokens.revokeAllOfUser(user.id, m);
      await this.audit.record(m, { action: 'user.password_changed', entityType: 'user', entityId: user.id, actorUserId: user.id });
    });
    // The trigger on app_user bumped the session version: old access tokens are refused from now on.
    this.sessions.invalidate(user.id);
  }

  private async issue(userId: string, familyId: string, m: EntityManager, now: Date): Promise<TokenPair> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await this.tokens.insert(
      { id, userId, tokenHash: sha256(secret), familyId, expiresAt: new Date(now.getTime() + this.config.auth.refreshTokenTtlDays * 86_400_000) },
      m,
    );
    const sessionVersion = await this.sessions.current(userId, m);
    return {
      accessToken: signAccessToken(userId, this.config.auth.jwtSecret, this.config.auth.accessTokenTtlSeconds, now, sessionVersion),
      expiresIn: this.config.auth.accessTokenTtlSeconds,
      refreshToken: `${id}.${secret}`,
    };
  }

  private lockedError(until: Date, now: Date): AppError {
    const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
    return new AppError('ACCOUNT_LOCKED', { params: { minutes }, details: { lockedUntil: until.toISOString() } });
  }
}

function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
