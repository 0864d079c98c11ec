import type { StepContext } from './context-types';
import type { WorkflowDefinition } from './definition-types';
import { requireAnyRoleAt } from './permissions';
import { DEFAULT_PRIVILEGES, type Privilege, type Role } from './roles';
import type { WorkItemSnapshot } from './snapshot-types';
import { resolveUnit } from './units';

/**
 * Privileges per stage and role (issue 15, line 2): the roles that hold `privilege` at stage `stageId`, from the
 * stage's own `privileges`, else the definition's, else the defaults.
 */
export function stagePrivilegeRoles(def: WorkflowDefinition, stageId: string, privilege: Privilege): readonly Role[] {
  return def.stages[stageId]?.privileges?.[privilege] ?? def.privileges?.[privilege] ?? DEFAULT_PRIVILEGES[privilege];
}

/**
 * The unit that holds the work of stage `stageId`: for the current stage, its assignment's unit (a fan-out: the root
 * of its children); for another stage, the unit its actor would resolve to; the item's own unit only when the stage
 * names no actor. A privilege is checked there, so a grassroots union cannot suspend or skip the district's review
 * of its own item.
 */
export function holdingUnit(def: WorkflowDefinition, snap: Pick<WorkItemSnapshot, 'stage' | 'assignment' | 'fanout'>, stageId: string, ctx: Pick<StepContext, 'item' | 'tree'>): string {
  if (stageId === snap.stage) {
    if (snap.assignment) return snap.assignment.unitId;
    if (snap.fanout) return snap.fanout.rootUnitId;
  }
  const s = def.stages[stageId];
  const selector = s?.kind === 'vote' && s.vote ? s.vote.voters.unit : s?.actor?.unit;
  if (selector) {
    const unit = resolveUnit(selector, ctx.item.unitId, ctx.tree, ctx.item.data);
    if (unit) return unit.id;
  }
  return ctx.item.unitId;
}

/** Refuses ROLE or SCOPE unless the actor holds `privilege` for stage `stageId` at the unit holding that stage's work. */
export function requireStagePrivilege(ctx: StepContext, def: WorkflowDefinition, snap: Pick<WorkItemSnapshot, 'stage' | 'assignment' | 'fanout'>, stageId: string, privilege: Privilege): void {
  if (ctx.actor.isSystem) return;
  requireAnyRoleAt(ctx, def.key, stagePrivilegeRoles(def, stageId, privilege), holdingUnit(def, snap, stageId, ctx));
}
