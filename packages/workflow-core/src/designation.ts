import type { StepContext } from './context-types';
import type { WorkflowDefinition } from './definition-types';
import type { JsonObject } from './json';
import { exclusionOf } from './offer';
import { resolveUnit } from './units';
import { isAssignableRole } from './allocation';
import { ROLES } from './roles';

/** A person named in item data for a stage (`assignment: {mode: 'direct', person: {kind: 'from_data', field}}`) who cannot act there. */
export interface DesignationProblem {
  /** The data field that names the person. */
  field: string;
  stage: string;
  userId: string;
  reason: 'lacks_role' | 'separation_of_duties' | 'no_unit' | 'unknown_role';
  /** For a role named in the data (`assignment: {mode: 'role_from_data'}`): the value, in place of a person. */
  role?: string;
}

/**
 * Deferred distribution (issue 15, line 6, in part): checked when the data is entered, so that a designation the
 * runtime would ignore (the stage then falls back to an offer) is refused instead. A designee must hold the stage's
 * role at the unit the stage resolves to, and must not be barred there by separation of duties (the submitter at a
 * deciding stage). Only the fields in `fields` (the ones being entered) are checked.
 */
export function designationProblems(
  def: WorkflowDefinition,
  data: JsonObject,
  ctx: Pick<StepContext, 'item' | 'tree' | 'holdsRole'>,
  submitterId: string | null,
  fields: readonly string[],
): DesignationProblem[] {
  const out: DesignationProblem[] = [];
  for (const [stage, s] of Object.entries(def.stages)) {
    const a = s.actor?.assignment;
    // Deferred to a role named in the data: the value must be a role the stage can be offered to.
    if (a?.mode === 'role_from_data' && fields.includes(a.field)) {
      const v = data[a.field];
      if (v !== undefined && v !== null && v !== '' && !isAssignableRole(v, ROLES)) out.push({ field: a.field, stage, userId: '', role: String(v), reason: 'unknown_role' });
      continue;
    }
    if (!s.actor || a?.mode !== 'direct' || a.person.kind !== 'from_data' || !fields.includes(a.person.field)) continue;
    const field = a.person.field;
    const userId = data[field];
    if (typeof userId !== 'string' || userId === '') continue;
    const unit = resolveUnit(s.actor.unit, ctx.item.unitId, ctx.tree, data);
    if (!unit) {
      out.push({ field, stage, userId, reason: 'no_unit' });
      continue;
    }
    if (exclusionOf(def, { submitterId, acted: {} }, stage, userId)) out.push({ field, stage, userId, reason: 'separation_of_duties' });
    else if (ctx.holdsRole && !ctx.holdsRole(userId, s.actor.role, unit.id)) out.push({ field, stage, userId, reason: 'lacks_role' });
  }
  return out;
}
