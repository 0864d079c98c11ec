import { ROLES, SUBTREE_ROLES, type Role } from './roles';

/**
 * THE scope rule (docs/access-control.md, "The rule"): what a role held at a unit covers. Every module that
 * decides access (items, inbox, campaigns, documents, reports, ballots, the org module) asks these functions; the
 * API turns `coveredRegions` into SQL in one helper (`apps/api/src/common/auth/scope-sql.ts`). Pure: units are
 * named by their materialised path (`/k1/k2/`, every ancestor's path is a prefix of it).
 *
 * Purposes:
 * - `act`: hold the role over the unit (do what the role does there). supervisor, viewer and admin act on
 *   their unit's subtree; officer, council_member and council_secretary act at their own unit only.
 * - `see`: read the unit and what belongs to it. Every role but officer sees its unit's subtree; an officer
 *   sees its own unit only (a grassroots officer has no business in a sibling's or a sub-union's files).
 * - `receive`: read what a unit addressed DOWN its subtree (a launched campaign, an issued plan): everything
 *   `see` covers, plus the chain of the holder's ancestors, so an officer reads the province's campaign.
 */
export type ScopePurpose = 'act' | 'see' | 'receive';

/** How far one grant reaches below its unit. */
export type Coverage = 'unit' | 'subtree';

/** Roles that see only their own unit. */
export const OWN_UNIT_SEEING_ROLES: readonly Role[] = ['officer'];

/**
 * Read-only roles: they grant no operation, and what they read of work items is limited by each workflow's
 * `viewerVisibility` (none, a count, titles, or all).
 */
export const READ_ONLY_ROLES: readonly Role[] = ['viewer'];

/** Whether the role is read-only (grants no operation). */
export function isReadOnlyRole(role: Role): boolean {
  return READ_ONLY_ROLES.includes(role);
}

/** Roles that read the work items of what they see in full. */
export const FULL_READ_ROLES: readonly Role[] = ROLES.filter((r) => !READ_ONLY_ROLES.includes(r));

/** How far a role held at a unit reaches for a purpose (below the unit; `receive` also reaches upward). */
export function roleCoverage(role: Role, purpose: ScopePurpose): Coverage {
  if (purpose === 'act') return SUBTREE_ROLES.includes(role) ? 'subtree' : 'unit';
  return OWN_UNIT_SEEING_ROLES.includes(role) ? 'unit' : 'subtree';
}

/** A grant as scope checks need it: the role, where it is held, and the workflows it is limited to. */
export interface ScopeGrant {
  role: Role;
  unitPath: string;
  /** Workflow keys the grant is limited to (a delegation may be); null or absent = all. */
  workflows?: readonly string[] | null;
}

/** Options narrowing which grants count and how far. */
export interface ScopeOptions {
  /** Only grants of these roles count (default: every role). */
  roles?: readonly Role[];
  /** Only grants that apply to this workflow count. */
  workflow?: string;
  /** The operation is the unit's own: a grant counts only at exactly the unit (no subtree, no ancestors). */
  ownUnitOnly?: boolean;
}

/** One covered region of the tree: exactly one unit, or a subtree (the unit and everything below it). */
export interface CoveredRegion {
  path: string;
  subtree: boolean;
}

/** Whether `path` is `root` or below it. */
export function isPathWithin(path: string, root: string): boolean {
  return path.startsWith(root);
}

/** The paths of every proper ancestor of `path` (root first). */
export function ancestorPaths(path: string): string[] {
  const keys = path.split('/').filter(Boolean);
  const out: string[] = [];
  for (let i = 1; i < keys.length; i += 1) out.push(`/${keys.slice(0, i).join('/')}/`);
  return out;
}

function grantCounts(grant: ScopeGrant, options: ScopeOptions): boolean {
  if (options.roles && !options.roles.includes(grant.role)) return false;
  if (options.workflow !== undefined && grant.workflows && !grant.workflows.includes(options.workflow)) return false;
  return true;
}

/** Whether one grant covers the unit at `path` for the purpose. */
export function grantCoversPath(grant: ScopeGrant, path: string, purpose: ScopePurpose, options: ScopeOptions = {}): boolean {
  if (!grantCounts(grant, options)) return false;
  if (grant.unitPath === path) return true;
  if (options.ownUnitOnly) return false;
  if (roleCoverage(grant.role, purpose) === 'subtree' && isPathWithin(path, grant.unitPath)) return true;
  return purpose === 'receive' && isPathWithin(grant.unitPath, path);
}

/** Whether any of the grants covers the unit at `path` for the purpose. */
export function coversPath(grants: readonly ScopeGrant[], path: string, purpose: ScopePurpose, options: ScopeOptions = {}): boolean {
  return grants.some((g) => grantCoversPath(g, path, purpose, options));
}

/**
 * The regions the grants cover for the purpose, minimal: a region inside another is dropped, so a SQL filter
 * built from them stays short. For `receive`, each grant's ancestors are added as exact regions.
 */
export function coveredRegions(grants: readonly ScopeGrant[], purpose: ScopePurpose, options: ScopeOptions = {}): CoveredRegion[] {
  const raw: CoveredRegion[] = [];
  for (const g of grants) {
    if (!grantCounts(g, options)) continue;
    raw.push({ path: g.unitPath, subtree: !options.ownUnitOnly && roleCoverage(g.role, purpose) === 'subtree' });
    if (purpose === 'receive' && !options.ownUnitOnly) for (const a of ancestorPaths(g.unitPath)) raw.push({ path: a, subtree: false });
  }
  const roots = raw.filter((r) => r.subtree);
  const out: CoveredRegion[] = [];
  const seen = new Set<string>();
  for (const r of raw) {
    if (roots.some((root) => isPathWithin(r.path, root.path) && (root.path !== r.path || !r.subtree))) continue;
    const key = `${r.subtree ? 'S' : 'E'}${r.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out.sort((a, b) => a.path.localeCompare(b.path) || Number(b.subtree) - Number(a.subtree));
}

/** Whether the regions cover the unit at `path` (the same answer as coversPath for the grants they came from). */
export function regionsCover(regions: readonly CoveredRegion[], path: string): boolean {
  return regions.some((r) => (r.subtree ? isPathWithin(path, r.path) : path === r.path));
}
