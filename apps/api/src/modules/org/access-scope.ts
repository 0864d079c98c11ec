import type { Role } from '@thidua/contracts';
import type { Principal, PrincipalRole } from '../../common/auth/principal';
import { isPathWithin } from './unit-path';

/**
 * The scope rule (docs/access-control.md): supervisors, viewers, admins and the council roles cover
 * the subtree of their unit; an officer covers its own unit only.
 */
export function roleCoversSubtree(role: Role): boolean {
  return role !== 'officer';
}

export function covers(grant: Pick<PrincipalRole, 'role' | 'unitPath'>, unitPath: string): boolean {
  return roleCoversSubtree(grant.role) ? isPathWithin(unitPath, grant.unitPath) : unitPath === grant.unitPath;
}

/** One visible region: a subtree (prefix) or exactly one unit. */
export interface UnitScope {
  path: string;
  subtree: boolean;
}

/**
 * The regions a principal sees through the given roles (all roles by default), with regions
 * already inside another one removed, so SQL filters stay short.
 */
export function visibleScopes(principal: Pick<Principal, 'roles'>, roles?: readonly Role[]): UnitScope[] {
  const grants = principal.roles.filter((r) => !roles || roles.includes(r.role));
  const scopes = grants.map((g) => ({ path: g.unitPath, subtree: roleCoversSubtree(g.role) }));
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
