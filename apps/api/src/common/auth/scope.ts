import { coveredRegions, coversPath, isPathWithin, type CoveredRegion, type ScopeOptions, type ScopePurpose } from '@thidua/workflow-core';
import { AppError } from '../errors/app-error';
import type { Principal } from './principal';

/**
 * The API's side of THE scope rule (workflow-core `scope.ts`, docs/access-control.md): every module decides
 * "does this caller cover that unit" here, and builds list filters with `scope-sql.ts` from `regionsOf`.
 * A unit test (`scope-rule.spec.ts`) fails on role-name checks or path predicates written anywhere else.
 */
export type { CoveredRegion, ScopeOptions, ScopePurpose };

/** Whether one of the caller's grants covers the unit at `unitPath` for the purpose. */
export function covers(principal: Pick<Principal, 'roles'>, unitPath: string, purpose: ScopePurpose, options: ScopeOptions = {}): boolean {
  return coversPath(principal.roles, unitPath, purpose, options);
}

/** The regions the caller covers for the purpose (input to `scopeSql`). */
export function regionsOf(principal: Pick<Principal, 'roles'>, purpose: ScopePurpose, options: ScopeOptions = {}): CoveredRegion[] {
  return coveredRegions(principal.roles, purpose, options);
}

/**
 * The one answer for "not yours": the same NOT_FOUND as for an id that does not exist, thrown when the caller
 * does not cover the unit for the purpose. Services call it before anything else that could tell the two apart.
 */
export function assertCovers(principal: Pick<Principal, 'roles'>, unitPath: string | null | undefined, purpose: ScopePurpose, options: ScopeOptions & { resource?: string } = {}): void {
  if (!unitPath || !covers(principal, unitPath, purpose, options)) throw AppError.notFound(options.resource ?? 'resource');
}

/** As assertCovers for a resource the caller may SEE, but 403 when they may not ACT on it with these options. */
export function assertActs(principal: Pick<Principal, 'roles'>, unitPath: string, options: ScopeOptions & { resource?: string; visibleAs?: ScopePurpose } = {}): void {
  assertCovers(principal, unitPath, options.visibleAs ?? 'see', { resource: options.resource });
  if (!covers(principal, unitPath, 'act', options)) throw AppError.forbidden({ needs: options.roles ?? [] });
}

/** Whether the caller holds one of `roles` anywhere (each grant covers at least its own unit). */
export function holdsAnyRole(principal: Pick<Principal, 'roles'>, roles: NonNullable<ScopeOptions['roles']>): boolean {
  return principal.roles.some((g) => coversPath([g], g.unitPath, 'act', { roles }));
}

/** Whether the unit at `path` is `root` or below it (a tree fact, not an access decision). */
export function isWithin(path: string, root: string): boolean {
  return isPathWithin(path, root);
}

/** The caller's unit path for an audit row: the first grant covering `unitPath`, else their first grant. */
export function actorPathFor(principal: Pick<Principal, 'roles'>, unitPath?: string | null): string | null {
  const g = unitPath ? principal.roles.find((r) => coversPath([r], unitPath, 'receive')) : undefined;
  return (g ?? principal.roles[0])?.unitPath ?? null;
}
