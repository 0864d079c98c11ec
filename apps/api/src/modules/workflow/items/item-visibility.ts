import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../common/auth/principal';
import { AppError } from '../../../common/errors/app-error';
import type { WorkItemRecord } from './work-item.repository';

/** Roles that see items below their unit in full. Viewers see them per the workflow's viewerVisibility. */
const FULL_SUBTREE_ROLES = new Set(['supervisor', 'admin', 'council_member', 'council_secretary']);

export interface ScopeSql {
  sql: string;
  params: string[];
}

/**
 * Who sees an item (docs/workflow-runtime.md, "Visibility"):
 * - the unit's own officers see their unit's items (never a sibling's);
 * - supervisors, admins and council roles see every item in their subtree;
 * - the people an item is assigned to, or who submitted it, see it;
 * - viewers see items in their subtree as far as the workflow's `viewerVisibility` allows (lists).
 * Anything else answers 404, so nobody learns an item exists outside their scope.
 */
@Injectable()
export class ItemVisibility {
  canSee(principal: Principal, item: Pick<WorkItemRecord, 'unitPath' | 'assignedUnitPath' | 'assignedUserId' | 'submitterId' | 'workflowKey'>, options: { viewerSeesAll?: boolean } = {}): boolean {
    if (item.assignedUserId === principal.userId || item.submitterId === principal.userId) return true;
    for (const g of principal.roles) {
      if (g.workflows !== null && !g.workflows.includes(item.workflowKey)) continue;
      if (g.role === 'officer') {
        if (item.unitPath === g.unitPath || item.assignedUnitPath === g.unitPath) return true;
        continue;
      }
      if (g.role === 'viewer' && !options.viewerSeesAll) continue;
      if (FULL_SUBTREE_ROLES.has(g.role) || g.role === 'viewer') {
        if (item.unitPath.startsWith(g.unitPath) || (item.assignedUnitPath !== null && item.assignedUnitPath.startsWith(g.unitPath))) return true;
      }
    }
    return false;
  }

  assertCanSee(principal: Principal, item: Parameters<ItemVisibility['canSee']>[1], options: { viewerSeesAll?: boolean } = {}): void {
    if (!this.canSee(principal, item, options)) throw AppError.notFound('item');
  }

  /** SQL filter on `work_item i` for the items a principal sees in full; `$n` from `firstParam`. */
  fullScopeSql(principal: Principal, firstParam: number): ScopeSql {
    const parts: string[] = [];
    const params: string[] = [];
    const p = (v: string): string => {
      params.push(v);
      return `$${firstParam + params.length - 1}`;
    };
    parts.push(`i.assigned_user_id = ${p(principal.userId)}::uuid`, `i.submitter_id = ${p(principal.userId)}::uuid`);
    for (const g of principal.roles) {
      const wf = g.workflows === null ? '' : ` AND i.workflow_key = ANY(string_to_array(${p(g.workflows.join(','))}, ','))`;
      if (g.role === 'officer') parts.push(`(i.unit_path = ${p(g.unitPath)}${wf})`);
      else if (FULL_SUBTREE_ROLES.has(g.role)) parts.push(`(i.unit_path LIKE ${p(`${g.unitPath}%`)}${wf})`);
    }
    return { sql: `(${parts.join(' OR ')})`, params };
  }

  /** Subtrees a principal sees only as a viewer. */
  viewerPaths(principal: Principal): string[] {
    return principal.roles.filter((g) => g.role === 'viewer').map((g) => g.unitPath);
  }
}
