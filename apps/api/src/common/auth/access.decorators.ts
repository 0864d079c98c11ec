import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@thidua/contracts';
import type { Principal } from './principal';

export const ACCESS_METADATA = 'thidua:access';

/**
 * What an endpoint needs. The global guard denies every endpoint that does not declare this.
 * - `public`: no sign-in (health, login).
 * - `authenticated`: any signed-in user; the service checks scope on the resource it loads.
 * - `roles`: the caller must hold one of these roles somewhere; with `unitParam`, at a unit whose
 *   subtree (or own unit, for officers) contains the unit named by that route/query parameter.
 */
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'roles'; roles: Role[]; unitParam?: string };

export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies AccessRule);
export const Authenticated = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_METADATA, { kind: 'authenticated' } satisfies AccessRule);
export const RequireRoles = (roles: Role[], options: { unitParam?: string } = {}): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_METADATA, { kind: 'roles', roles, unitParam: options.unitParam } satisfies AccessRule);

/** The caller, as resolved by the guard. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<{ principal?: Principal }>();
  if (!req.principal) throw new Error('CurrentPrincipal used on an endpoint without authentication');
  return req.principal;
});
