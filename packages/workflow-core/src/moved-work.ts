import type { TreeView } from './context-types';
import type { WorkflowDefinition } from './definition-types';
import type { JsonObject } from './json';
import type { Role } from './roles';
import type { CurrentAssignment, WorkItemSnapshot } from './snapshot-types';
import { resolveUnit } from './units';

/**
 * What a moved unit's in-flight items do (issue 15, line 7), per definition `inFlightOnMove`:
 * - `follow_tree` (default): the current stage's work is routed again in the new tree, so a grassroots union moved
 *   from district A to district B has its plan reviewed by B (the new parent's reviewer), not by A's chair;
 * - `stay`: the work stays where it was assigned (for stages whose reviewer must not change mid-way).
 */
export const IN_FLIGHT_ON_MOVE = ['follow_tree', 'stay'] as const;
export type InFlightOnMove = (typeof IN_FLIGHT_ON_MOVE)[number];

/**
 * The assignment of the current stage after the item's unit moved, or null when it does not change. The stage's
 * actor selector is resolved again from the item's unit in the new tree; the holder (a claimant or a named
 * assignee) is kept only if they hold the role at the new unit, else the stage is offered there; a draft is kept.
 */
export function reroutedAssignment(
  def: WorkflowDefinition,
  snap: Pick<WorkItemSnapshot, 'stage' | 'status' | 'assignment'>,
  item: { unitId: string; data: JsonObject },
  tree: TreeView,
  holds: (userId: string, role: Role, unitId: string) => boolean = () => false,
): CurrentAssignment | null {
  if ((def.inFlightOnMove ?? 'follow_tree') === 'stay' || snap.status === 'final' || !snap.assignment) return null;
  const stage = def.stages[snap.stage];
  const selector = stage?.kind === 'vote' && stage.vote ? stage.vote.voters.unit : stage?.actor?.unit;
  if (!selector) return null;
  const unit = resolveUnit(selector, item.unitId, tree, item.data);
  const a = snap.assignment;
  if (!unit || unit.id === a.unitId) return null;
  const next: CurrentAssignment = { unitId: unit.id, role: a.role, mode: a.mode, ...(a.draft ? { draft: a.draft } : {}) };
  if (a.userId && holds(a.userId, a.role, unit.id)) next.userId = a.userId;
  else if (a.userId) next.mode = 'offer';
  if (a.claimedBy && holds(a.claimedBy, a.role, unit.id)) next.claimedBy = a.claimedBy;
  return next;
}
