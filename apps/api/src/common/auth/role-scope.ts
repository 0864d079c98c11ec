import type { Role } from '@thidua/contracts';
import type { Principal } from './principal';
import { actorPathFor, assertCovers, covers, type ScopePurpose } from './scope';
import { AppError } from '../errors/app-error';

/**
 * Acting checks shared by campaigns, documents and reports, on THE scope rule (workflow-core scope.ts): the
 * caller holds one of `roles` (or admin) acting over the unit, i.e. at the unit itself for officers and the
 * council roles, over its subtree for supervisors and admins. `exact` makes the operation the unit's own (its
 * own supervisor launches its campaign, not the province's).
 */
export function holdsRoleCovering(principal: Principal, roles: readonly Role[], unitPath: string, exact = false): boolean {
  return covers(principal, unitPath, 'act', { roles: [...roles, 'admin'], ownUnitOnly: exact });
}

/**
 * NOT_FOUND (as for a random id) when the caller's roles do not reach the unit at all (`visibleAs`, default
 * `receive`); FORBIDDEN when they do but none of `roles` acts there.
 */
export function assertRoleCovering(principal: Principal, roles: readonly Role[], unitPath: string, exact = false, visibleAs: ScopePurpose = 'receive'): void {
  assertCovers(principal, unitPath, visibleAs, { resource: 'unit' });
  if (!holdsRoleCovering(principal, roles, unitPath, exact)) throw AppError.forbidden({ needs: roles });
}

/** The caller's unit path for the audit row (their first grant reaching `unitPath`, else their first grant). */
export function actorPath(principal: Principal, unitPath?: string | null): string | null {
  return actorPathFor(principal, unitPath);
}
