import type { Role } from '@thidua/contracts';
import { coveredRegions, grantCoversPath, regionsCover, roleCoverage, type CoveredRegion } from '@thidua/workflow-core';
import type { Principal, PrincipalRole } from '../../common/auth/principal';
import { scopeSql } from '../../common/auth/scope-sql';

/**
 * The org module's names for THE scope rule (workflow-core scope.ts, docs/access-control.md):
 * - ACTING (what a role lets one do at a unit): `act` — supervisor, viewer and admin act on their unit's
 *   subtree; officer, council_member and council_secretary at their own unit only (as the engine's grantCovers).
 * - SEEING (what units one may read): `see` — every role but officer sees its unit's subtree (the council
 *   roles: the subtree of the council's unit); an officer sees its own unit only.
 */
export function roleActsOnSubtree(role: Role): boolean {
  return roleCoverage(role, 'act') === 'subtree';
}

export function roleSeesSubtree(role: Role): boolean {
  return roleCoverage(role, 'see') === 'subtree';
}

/** Whether the grant lets its holder ACT at the unit at `unitPath` (as workflow-core's grantCovers). */
export function covers(grant: Pick<PrincipalRole, 'role' | 'unitPath'>, unitPath: string): boolean {
  return grantCoversPath(grant, unitPath, 'act');
}

/** One visible region: a subtree (prefix) or exactly one unit. */
export type UnitScope = CoveredRegion;

/** The regions a principal SEES through the given roles (all roles by default), minimal. */
export function visibleScopes(principal: Pick<Principal, 'roles'>, roles?: readonly Role[]): UnitScope[] {
  return coveredRegions(principal.roles, 'see', { roles });
}

export function scopesCover(scopes: readonly UnitScope[], unitPath: string): boolean {
  return regionsCover(scopes, unitPath);
}

/** A SQL condition limiting `column` (a path column) to the scopes (common/auth/scope-sql.ts); `FALSE` for none. */
export function scopeSqlFilter(column: string, scopes: readonly UnitScope[], firstParam: number): { sql: string; params: string[] } {
  return scopeSql(column, scopes, firstParam);
}
