import { Injectable } from '@nestjs/common';
import { FULL_READ_ROLES, READ_ONLY_ROLES, levelAtLeast, levelsFrom, type HeldVisibility, type HeldVisibilityLevel, type Role } from '@thidua/workflow-core';
import type { Principal } from '../../../common/auth/principal';
import { covers, holdsAnyRole, regionsOf, type CoveredRegion } from '../../../common/auth/scope';
import { regionsSql, sqlParams } from '../../../common/auth/scope-sql';
import { AppError } from '../../../common/errors/app-error';
import type { WorkItemRecord } from './work-item.repository';

export interface ScopeSql {
  sql: string;
  params: string[];
}

/**
 * Who sees an item (docs/workflow-runtime.md, "Visibility"), on THE scope rule's `see` (workflow-core scope.ts):
 * - the people an item is assigned to, or who submitted it, see it;
 * - a grant sees the items at, or assigned to, a unit it sees: an officer its own unit's (never a sibling's or a
 *   sub-union's), supervisors, admins and the council roles their subtree's;
 * - viewers (read-only roles) as far as the workflow's `viewerVisibility` allows;
 * - an item someone else holds (claimed, or assigned by name) is read only as far as the item's `held_visibility`
 *   gives the grant's role (workflow-core `heldVisibilityAt`; default: administrators only): peer officers and the
 *   chair do not read what others hold unless the definition says so (issue 15, line 3). The action path keeps the
 *   plain scope rule (`assertCanSee`): the engine decides who may act on a held item (reassign, suspend...).
 * A grant limited to some workflows sees only their items. Anything else answers 404.
 */
type VisibleItem = Pick<WorkItemRecord, 'unitPath' | 'assignedUnitPath' | 'assignedUserId' | 'submitterId' | 'workflowKey'> & { heldVisibility?: HeldVisibility | null };
@Injectable()
export class ItemVisibility {
  /** The plain scope rule (the action path's: acting is the engine's decision). */
  canSee(principal: Principal, item: VisibleItem, options: { viewerSeesAll?: boolean } = {}): boolean {
    if (item.assignedUserId === principal.userId || item.submitterId === principal.userId) return true;
    const scope = { workflow: item.workflowKey, roles: options.viewerSeesAll ? undefined : FULL_READ_ROLES };
    return covers(principal, item.unitPath, 'see', scope) || (item.assignedUnitPath !== null && covers(principal, item.assignedUnitPath, 'see', scope));
  }

  assertCanSee(principal: Principal, item: VisibleItem, options: { viewerSeesAll?: boolean } = {}): void {
    if (!this.canSee(principal, item, options)) throw AppError.notFound('item');
  }

  /** Whether someone other than the caller holds the item. */
  heldByOther(principal: Principal, item: Pick<WorkItemRecord, 'assignedUserId' | 'submitterId'>): boolean {
    return item.assignedUserId !== null && item.assignedUserId !== principal.userId && item.submitterId !== principal.userId;
  }

  /**
   * How much the caller reads of the item: `all` for their own and for unheld items they see, else the most the
   * item's `held_visibility` gives a role they hold over the item (viewers under `viewerVisibility: all` read held
   * items too: that setting is theirs).
   */
  readLevel(principal: Principal, item: VisibleItem, options: { viewerSeesAll?: boolean } = {}): HeldVisibilityLevel {
    if (!this.canSee(principal, item, options)) return 'none';
    if (!this.heldByOther(principal, item)) return 'all';
    let best: HeldVisibilityLevel = 'none';
    const paths = [item.unitPath, ...(item.assignedUnitPath !== null ? [item.assignedUnitPath] : [])];
    for (const g of principal.roles) {
      const level: HeldVisibilityLevel | undefined = holdsAnyRole({ roles: [g] }, READ_ONLY_ROLES) ? (options.viewerSeesAll ? 'all' : undefined) : (item.heldVisibility ?? {})[g.role as keyof HeldVisibility];
      if (!level || levelAtLeast(best, level)) continue;
      if (paths.some((path) => covers({ roles: [g] }, path, 'see', { workflow: item.workflowKey }))) best = level;
    }
    return best;
  }

  /** The read paths (GET an item, its history, attachments, domain views): 404 unless the caller reads it in full. */
  assertCanRead(principal: Principal, item: VisibleItem, options: { viewerSeesAll?: boolean } = {}): void {
    if (this.readLevel(principal, item, options) !== 'all') throw AppError.notFound('item');
  }

  /**
   * SQL filter on `work_item i` for the items a principal sees, `$n` from `firstParam`: their own, the unheld ones
   * of units they see, and those others hold where `held_visibility` gives the grant's role at least `minHeld`.
   * With `onlyHeld`, just the held ones at exactly that level (what a `count` level counts).
   */
  scopeSql(principal: Principal, firstParam: number, minHeld: HeldVisibilityLevel, options: { onlyHeld?: boolean } = {}): ScopeSql {
    const p = sqlParams(firstParam);
    const me = p.add(principal.userId);
    const parts = options.onlyHeld ? [] : [`i.assigned_user_id = ${me}::uuid`, `i.submitter_id = ${me}::uuid`];
    const heldLevels = options.onlyHeld ? [minHeld] : levelsFrom(minHeld);
    const notMine = `i.assigned_user_id IS NOT NULL AND i.assigned_user_id <> ${me}::uuid AND i.submitter_id IS DISTINCT FROM ${me}::uuid`;
    const grantSql = (grants: Principal['roles'], role: Role, extra: string): void => {
      const region = regionsSql('i.unit_path', regionsOf({ roles: grants }, 'see', { roles: FULL_READ_ROLES }), p);
      if (region === 'FALSE') return;
      const held = `(${notMine} AND i.held_visibility ->> ${p.add(role)} = ANY(string_to_array(${p.add(heldLevels.join(','))}, ',')))`;
      const cond = options.onlyHeld ? held : `(i.assigned_user_id IS NULL OR ${held})`;
      parts.push(`(${region} AND ${cond}${extra})`);
    };
    for (const role of new Set(principal.roles.map((g) => g.role))) {
      const everyWorkflow = principal.roles.filter((g) => g.role === role && g.workflows === null);
      if (everyWorkflow.length > 0) grantSql(everyWorkflow, role, '');
      for (const g of principal.roles.filter((x) => x.role === role && x.workflows !== null)) {
        grantSql([g], role, ` AND i.workflow_key = ANY(string_to_array(${p.add(g.workflows!.join(','))}, ','))`);
      }
    }
    return { sql: parts.length ? `(${parts.join(' OR ')})` : 'FALSE', params: p.values as string[] };
  }

  /** Regions a principal sees only through a read-only role. */
  viewerRegions(principal: Principal): CoveredRegion[] {
    return regionsOf(principal, 'see', { roles: READ_ONLY_ROLES });
  }

  /** Whether the principal holds any role that reads items in full. */
  hasFullScope(principal: Principal): boolean {
    return regionsOf(principal, 'see', { roles: FULL_READ_ROLES }).length > 0;
  }
}
