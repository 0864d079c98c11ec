import type { Role } from '@thidua/contracts';
import type { Principal } from './principal';
import { AppError } from '../errors/app-error';

/**
 * Scope checks shared by campaigns, documents and reports: a role held at a unit covers that unit's
 * subtree (paths are materialised, so covering is a prefix test). `exact` limits it to the unit itself.
 */
export function holdsRoleCovering(principal: Principal, roles: readonly Role[], unitPath: string, exact = false): boolean {
  return principal.roles.some((r) => (roles.includes(r.role) || r.role === 'admin') && (exact ? r.unitPath === unitPath : unitPath.startsWith(r.unitPath)));
}

export function assertRoleCovering(principal: Principal, roles: readonly Role[], unitPath: string, exact = false): void {
  if (!holdsRoleCovering(principal, roles, unitPath, exact)) throw AppError.forbidden({ needs: roles, at: unitPath });
}

/** The caller's unit path for the audit row (their first role's unit). */
export function actorPath(principal: Principal): string | null {
  return principal.roles[0]?.unitPath ?? null;
}
