import type { ItemAction, Language, MeResponse, Role, WorkItemEventView, WorkItemView } from '@thidua/contracts';
import { localized, stageOf, type DefinitionLike } from './field-schema';

/**
 * Which actions the signed-in user may take on an item now, worked out from the definition the item runs on and the
 * user's roles — the same rules the runtime applies (workflow-core permissions), so the page offers only what will be
 * accepted. The server still decides; a refusal is shown as an error.
 */

/** Roles whose grant at a unit also covers the unit's whole subtree (workflow-core SUBTREE_ROLES). */
export const SUBTREE_ROLES: readonly Role[] = ['supervisor', 'viewer', 'admin'];
/** Events deciding on someone else's work: the submitter may not fire them (separation of duties). */
const DECISION_EVENTS: readonly string[] = ['approve', 'reject', 'forward', 'return', 'acknowledge'];
/** Events moving work forward: the stage's fields must be valid. */
export const FORWARD_EVENTS: readonly string[] = ['submit', 'approve', 'acknowledge', 'forward'];

export interface AllowedAction {
  action: ItemAction;
  /** The definition's label for this transition, in the user's language; null → the default name of the action. */
  label: string | null;
  needsComment: boolean;
  /** Sends the form's data and needs it valid. */
  sendsData: boolean;
  tone: 'primary' | 'secondary' | 'danger';
}

/** True when `me` holds `role` at `unitId`, or (for subtree roles) at one of its ancestors. */
export function holdsRoleCovering(me: Pick<MeResponse, 'roles'>, role: Role, unitId: string, ancestorIds: readonly string[], workflow?: string): boolean {
  return me.roles.some(
    (r) =>
      r.role === role &&
      (r.workflows === null || !workflow || r.workflows.includes(workflow)) &&
      (r.unitId === unitId || (SUBTREE_ROLES.includes(role) && ancestorIds.includes(r.unitId))),
  );
}

export function allowedActions(
  item: WorkItemView,
  def: DefinitionLike,
  me: Pick<MeResponse, 'id' | 'roles'>,
  assignmentAncestorIds: readonly string[],
  language: Language,
): AllowedAction[] {
  if (item.status !== 'active' || !item.assignment) return [];
  const stage = stageOf(def, item.stage);
  if (!stage) return [];
  const a = item.assignment;
  const isAssignee = holdsRoleCovering(me, a.role, a.unitId, assignmentAncestorIds, item.workflow);
  const claimedByOther = a.claimedBy !== null && a.claimedBy !== me.id;
  const directToOther = a.mode === 'direct' && a.userId !== null && a.userId !== me.id;
  const mayActAsAssignee = isAssignee && !claimedByOther && !directToOther;
  const isSubmitter = item.submitterId !== null && item.submitterId === me.id;
  const separation = def.separationOfDuties?.submitterCannotApprove !== false;
  const out: AllowedAction[] = [];

  if (stage.kind === 'vote') {
    if (holdsRoleCovering(me, a.role, a.unitId, assignmentAncestorIds, item.workflow)) {
      out.push({ action: 'vote', label: null, needsComment: false, sendsData: false, tone: 'primary' });
    }
    if (me.roles.some((r) => r.role === 'council_secretary')) {
      out.push({ action: 'close_vote', label: null, needsComment: false, sendsData: false, tone: 'secondary' });
    }
    return out;
  }

  const seen = new Set<string>();
  for (const tr of stage.transitions ?? []) {
    if (seen.has(tr.on)) continue;
    seen.add(tr.on);
    const by = tr.by;
    let may: boolean;
    if (by === 'submitter') may = isSubmitter;
    else if (by && typeof by === 'object' && 'role' in by) may = me.roles.some((r) => r.role === (by as { role: Role }).role);
    else may = mayActAsAssignee;
    if (may && separation && isSubmitter && DECISION_EVENTS.includes(tr.on) && by !== 'submitter') may = false;
    if (!may) continue;
    const needsComment = tr.on === 'return' || tr.on === 'reject' || (stage.requiresCommentOn ?? []).includes(tr.on);
    // Several transitions on one event (guarded alternatives) with different labels: which one applies depends on
    // the data, so the action's plain name is shown instead of a label that may be wrong.
    const labels = new Set((stage.transitions ?? []).filter((x) => x.on === tr.on).map((x) => (x.label ? localized(x.label, language, x.on) : '')));
    out.push({
      action: tr.on as ItemAction,
      label: tr.label && labels.size === 1 ? localized(tr.label, language, tr.on) : null,
      needsComment,
      sendsData: FORWARD_EVENTS.includes(tr.on),
      tone: tr.on === 'reject' || tr.on === 'cancel' ? 'danger' : FORWARD_EVENTS.includes(tr.on) ? 'primary' : 'secondary',
    });
  }
  if (a.mode === 'offer' && isAssignee) {
    if (a.claimedBy === null) out.push({ action: 'claim', label: null, needsComment: false, sendsData: false, tone: 'secondary' });
    else if (a.claimedBy === me.id) out.push({ action: 'release', label: null, needsComment: false, sendsData: false, tone: 'secondary' });
  }
  return out;
}

/** May the user edit the stage's fields (save a draft)? The assignee of a task stage that has fields. */
export function mayEditFields(item: WorkItemView, def: DefinitionLike, me: Pick<MeResponse, 'id' | 'roles'>, assignmentAncestorIds: readonly string[]): boolean {
  const stage = stageOf(def, item.stage);
  if (item.status !== 'active' || !item.assignment || stage?.kind !== 'task' || !(stage.fields?.length)) return false;
  const a = item.assignment;
  if (a.claimedBy !== null && a.claimedBy !== me.id) return false;
  return holdsRoleCovering(me, a.role, a.unitId, assignmentAncestorIds, item.workflow);
}

/**
 * The return that sent the item back to where it is now, if that is the last move: its reason must be in plain view
 * for whoever fixes the item.
 */
export function lastReturn(item: Pick<WorkItemView, 'stage' | 'status'>, history: readonly WorkItemEventView[]): WorkItemEventView | null {
  if (item.status === 'final') return null;
  for (let i = history.length - 1; i >= 0; i -= 1) {
    const e = history[i]!;
    if (e.fromStage === e.toStage || e.toStage === null) continue;
    const isReturn = e.event === 'return' || (e.event === 'timer.fired' && e.details?.kind === 'auto_return');
    return isReturn && e.toStage === item.stage ? e : null;
  }
  return null;
}
