import type { Role } from '@thidua/contracts';
import { SUBTREE_ROLES } from '@thidua/workflow-core';
import type { Principal, PrincipalRole } from '../../common/auth/principal';
import { isPathWithin } from './unit-path';

/**
 * The scope rules (docs/access-control.md), two of them:
 * - ACTING (what a role lets one do at a unit): exactly workflow-core's `grantCovers` — supervisor,
 *   viewer and admin act on their unit's subtree; officer, council_member and council_secretary at
 *   their own unit only.
 * - SEEING (what units one may read): every role but officer sees its unit's subtree (the council
 *   roles: the subtree of the council's unit); an officer sees its own unit only.
 */
export function roleActsOnSubtree(role: Role): boolean {
  return SUBTREE_ROLES.includes(role);
}

export function roleSeesSubtree(role: Role): boolean {
  return role !== 'officer';
}

/** Whether the grant lets its holder ACT at the unit at `unitPath` (as workflow-core's grantCovers). */
export function covers(grant: Pick<PrincipalRole, 'role' | 'unitPath'>, unitPath: string): boolean {
  return roleActsOnSubtree(grant.role) ? isPathWithin(unitPath, grant.unitPath) : unitPath === grant.unitPath;
}

/** One visible region: a subtree (prefix) or exactly one unit. */
export interface UnitScope {
  path: string;
  subtree: boolean;
}

/**
 * The regions a principal SEES through the given roles (all roles by default), with regions
 * already inside another one removed, so SQL filters stay short.
 */
export function visibleScopes(principal: Pick<Principal, 'roles'>, roles?: readonly Role[]): UnitScope[] {
  const grants = principal.roles.filter((r) => !roles || roles.includes(r.role));
  const scopes = grants.map((g) => ({ path: g.unitPath, subtree: roleSeesSubtree(g.role) }));
  const subtreeRoots = scopes.filter((s) => s.subtree).map((s) => s.path);
  const out: UnitScope[] = [];
  const seen = new Set<string>();
  for (const s of scopes) {
    const coveredByOther = subtreeRoots.some((root) => isPathWithin(s.path, root) && (root !== s.path || !s.subtree));
    if (coveredByOther) continue;
    const key = `${s.subtree ? 'S' : 'E'}${s.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

export function scopesCover(scopes: readonly UnitScope[], unitPath: string): boolean {
  return scopes.some((s) => (s.subtree ? isPathWithin(unitPath, s.path) : unitPath === s.path));
}

/**
 * A SQL condition limiting `column` (a path column) to the scopes; `$n` placeholders start at
 * `firstParam`. No scope at all yields `FALSE`.
 */
export function scopeSqlFilter(column: string, scopes: readonly UnitScope[], firstParam: number): { sql: string; params: string[] } {
  if (scopes.length === 0) return { sql: 'FALSE', params: [] };
  const parts: string[] = [];
  const params: string[] = [];
  for (const s of scopes) {
    params.push(s.subtree ? `${s.path}%` : s.path);
    parts.push(s.subtree ? `${column} LIKE $${firstParam + params.length - 1}` : `${column} = $${firstParam + params.length - 1}`);
  }
  return { sql: `(${parts.join(' OR ')})`, params };
}
