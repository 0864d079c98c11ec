import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ACCESS_METADATA, type AccessRule } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { PrincipalAccess } from '../org/index';
import { verifyAccessToken } from './jwt';
import { PrincipalCache } from './principal-cache';
import { SessionVersionService } from './session-version.service';
import { holdsAnyRole } from '../../common/auth/scope';

type RequestWithPrincipal = Request & { principal?: Principal };

/**
 * The global guard (APP_GUARD). Reads the endpoint's access rule; an endpoint without one is
 * denied, so a forgotten decorator fails closed. Resolves the Bearer token to a Principal on
 * `req.principal`, then checks roles and, with `unitParam`, the scope over that unit:
 * NOT_FOUND when the caller cannot see the unit at all, FORBIDDEN when they can but lack the role.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: PrincipalAccess,
    private readonly sessions: SessionVersionService,
    private readonly principals: PrincipalCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [context.getHandler(), context.getClass()]);
    if (!rule) throw AppError.forbidden();
    if (rule.kind === 'public') return true;

    const req = context.switchToHttp().getRequest<RequestWithPrincipal>();
    req.principal = await this.authenticate(req);
    if (rule.kind === 'authenticated') return true;

    const principal = req.principal;
    if (!holdsAnyRole(principal, rule.roles)) throw AppError.forbidden();
    if (rule.unitParam) {
      const unitId = readParam(req, rule.unitParam);
      if (unitId === undefined) {
        throw AppError.validation([{ path: rule.unitParam, reason: 'required', message: 'required' }]);
      }
      await this.access.assertRoleOver(principal, rule.roles, unitId);
    }
    return true;
  }

  private async authenticate(req: Request): Promise<Principal> {
    const header = req.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) throw new AppError('UNAUTHENTICATED');
    const v = verifyAccessToken(token, this.config.auth.jwtSecret);
    if (!v.ok) throw new AppError(v.reason === 'expired' ? 'TOKEN_EXPIRED' : 'UNAUTHENTICATED');
    // Signed out, password changed, disabled or roles changed since the token was issued.
    if (!(await this.sessions.isCurrent(v.claims.sub, v.claims.sv))) throw new AppError('UNAUTHENTICATED');
    // From this process's cache while the version holds (no query): see PrincipalCache.
    const principal = await this.principals.get(v.claims.sub, v.claims.sv);
    if (!principal) throw new AppError('UNAUTHENTICATED');
    return principal;
  }
}

/** The unit id named by the rule: route parameter, then query string, then JSON body. */
function readParam(req: Request, name: string): string | undefined {
  const fromParams = (req.params as Record<string, unknown> | undefined)?.[name];
  if (typeof fromParams === 'string') return fromParams;
  const fromQuery = (req.query as Record<string, unknown> | undefined)?.[name];
  if (typeof fromQuery === 'string') return fromQuery;
  const body = req.body as Record<string, unknown> | undefined;
  const fromBody = body && typeof body === 'object' ? body[name] : undefined;
  return typeof fromBody === 'string' ? fromBody : undefined;
}
