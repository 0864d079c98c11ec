import { Injectable } from '@nestjs/common';
import { FULL_READ_ROLES, READ_ONLY_ROLES } from '@thidua/workflow-core';
import type { Principal } from '../../../common/auth/principal';
import { covers, regionsOf, type CoveredRegion } from '../../../common/auth/scope';
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
 * - viewers (read-only roles) as far as the workflow's `viewerVisibility` allows.
 * A grant limited to some workflows sees only their items. Anything else answers 404.
 */
@Injectable()
export class ItemVisibility {
  canSee(principal: Principal, item: Pick<WorkItemRecord, 'unitPath' | 'assignedUnitPath' | 'assignedUserId' | 'submitterId' | 'workflowKey'>, options: { viewerSeesAll?: boolean } = {}): boolean {
    if (item.assignedUserId === principal.userId || item.submitterId === principal.userId) return true;
    const scope = { workflow: item.workflowKey, roles: options.viewerSeesAll ? undefined : FULL_READ_ROLES };
    return covers(principal, item.unitPath, 'see', scope) || (item.assignedUnitPath !== null && covers(principal, item.assignedUnitPath, 'see', scope));
  }

  assertCanSee(principal: Principal, item: Parameters<ItemVisibility['canSee']>[1], options: { viewerSeesAll?: boolean } = {}): void {
    if (!this.canSee(principal, item, options)) throw AppError.notFound('item');
  }

  /** SQL filter on `work_item i` for the items a principal sees in full; `$n` from `firstParam`. */
  fullScopeSql(principal: Principal, firstParam: number): ScopeSql {
    const p = sqlParams(firstParam);
    const parts = [`i.assigned_user_id = ${p.add(principal.userId)}::uuid`, `i.submitter_id = ${p.add(principal.userId)}::uuid`];
    const everyWorkflow = principal.roles.filter((g) => g.workflows === null);
    parts.push(regionsSql('i.unit_path', regionsOf({ roles: everyWorkflow }, 'see', { roles: FULL_READ_ROLES }), p));
    for (const g of principal.roles.filter((x) => x.workflows !== null)) {
      parts.push(`(${regionsSql('i.unit_path', regionsOf({ roles: [g] }, 'see', { roles: FULL_READ_ROLES }), p)} AND i.workflow_key = ANY(string_to_array(${p.add(g.workflows!.join(','))}, ',')))`);
    }
    return { sql: `(${parts.join(' OR ')})`, params: p.values as string[] };
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
