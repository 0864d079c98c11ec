import type { StepContext } from './context-types';
import type { EscalationTarget, WorkflowDefinition } from './definition-types';
import { exclusionOf } from './offer';
import type { CurrentAssignment, WorkItemSnapshot } from './snapshot-types';
import { resolveUnit } from './units';

/** Why an escalation step could not hand the work over (the work stays where it is, the step is recorded). */
export type EscalationSkipReason = 'no_unit' | 'no_chair' | 'unknown_person' | 'lacks_role' | 'separation_of_duties';

export type EscalationResolution =
  | { ok: true; assignment: CurrentAssignment; receiver: { userId: string } | { unitId: string; role: CurrentAssignment['role'] } }
  | { ok: false; reason: EscalationSkipReason; details: Record<string, string> };

/**
 * Whom a `reassign` escalation step hands the current stage's work to (issue 15, line 4), in the routing's own terms:
 * - `{role, unit}`: offered to `role` at the unit the selector resolves to from the item's unit (`no_unit` when none);
 * - `{chairOf, role?}`: to the chair of the unit the selector resolves to (`ctx.chairOf`; `no_chair` when the unit
 *   has none), by name, with `role` (default the stage's) at that unit;
 * - `{person: {username}, role?}`: to that person (`ctx.userIdOf`; `unknown_person` when no active account has the
 *   name), by name, with `role` (default the stage's) at the unit already holding the work.
 * A person named (chair or username) must hold the role there (`lacks_role`) and must not be barred from the stage by
 * separation of duties (`separation_of_duties`, the offer rule of `offer.ts`); an offer leaves the barred out as any
 * offer does. Pure: the runtime preloads `chairOf`, `userIdOf` and `holdsRole`.
 */
export function resolveEscalationTarget(
  def: WorkflowDefinition,
  snap: Pick<WorkItemSnapshot, 'submitterId' | 'acted' | 'stage' | 'assignment'>,
  ctx: Pick<StepContext, 'item' | 'tree' | 'holdsRole' | 'chairOf' | 'userIdOf'>,
  to: EscalationTarget,
): EscalationResolution {
  const current = snap.assignment;
  if (!current) return { ok: false, reason: 'no_unit', details: {} };
  const byName = (userId: string, role: CurrentAssignment['role'], unitId: string): EscalationResolution => {
    if (ctx.holdsRole && !ctx.holdsRole(userId, role, unitId)) return { ok: false, reason: 'lacks_role', details: { userId, role, unitId } };
    const barred = exclusionOf(def, snap, snap.stage, userId);
    if (barred) return { ok: false, reason: 'separation_of_duties', details: { userId, rule: barred.rule, ...(barred.stage ? { stage: barred.stage } : {}) } };
    return { ok: true, assignment: { unitId, role, mode: 'direct', userId }, receiver: { userId } };
  };
  if ('chairOf' in to) {
    const unit = resolveUnit(to.chairOf, ctx.item.unitId, ctx.tree, ctx.item.data);
    if (!unit) return { ok: false, reason: 'no_unit', details: {} };
    const chair = ctx.chairOf?.(unit.id);
    if (!chair) return { ok: false, reason: 'no_chair', details: { unitId: unit.id } };
    return byName(chair, to.role ?? current.role, unit.id);
  }
  if ('person' in to) {
    const userId = ctx.userIdOf?.(to.person.username);
    if (!userId) return { ok: false, reason: 'unknown_person', details: { username: to.person.username } };
    return byName(userId, to.role ?? current.role, current.unitId);
  }
  const unit = resolveUnit(to.unit, ctx.item.unitId, ctx.tree, ctx.item.data);
  if (!unit) return { ok: false, reason: 'no_unit', details: {} };
  return { ok: true, assignment: { unitId: unit.id, role: to.role, mode: 'offer' }, receiver: { unitId: unit.id, role: to.role } };
}
