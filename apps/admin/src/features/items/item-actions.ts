import type { AllowedActionView, ItemAllowedActionsView, Language, WorkItemEventView, WorkItemView } from '@thidua/contracts';
import { localized } from './field-schema';

/**
 * The actions the page offers are exactly those the engine allows the signed-in user on the item now, as the API
 * says (`GET /api/items/:id/allowed-actions`, workflow-core's `allowedEvents`): no rule of the workflow is repeated
 * in the browser. The server still decides at the moment of acting; a refusal is shown as an error.
 */

/** Events moving work forward: the stage's fields are sent with them and must be valid. */
export const FORWARD_EVENTS: readonly string[] = ['submit', 'approve', 'acknowledge', 'forward'];

export interface AllowedAction {
  action: AllowedActionView['action'];
  /** The definition's label for this transition, in the user's language; null → the default name of the action. */
  label: string | null;
  needsComment: boolean;
  /** Sends the form's data and needs it valid. */
  sendsData: boolean;
  tone: 'primary' | 'secondary' | 'danger';
}

/** The page's buttons from the API's answer (labels in the user's language; a tone per kind of action). */
export function toAllowedActions(view: Pick<ItemAllowedActionsView, 'actions'> | undefined, language: Language): AllowedAction[] {
  return (view?.actions ?? []).map((a) => ({
    action: a.action,
    label: a.label ? localized(a.label, language, a.action) : null,
    needsComment: a.needsComment,
    sendsData: a.sendsData,
    tone: a.action === 'reject' || a.action === 'cancel' ? 'danger' : FORWARD_EVENTS.includes(a.action) || a.action === 'vote' ? 'primary' : 'secondary',
  }));
}

/** May the user save the stage's fields as a draft? What the API says (the assignee of a task stage with fields). */
export function mayEditFields(item: Pick<WorkItemView, 'status'>, view: Pick<ItemAllowedActionsView, 'mayEditFields'> | undefined): boolean {
  return item.status === 'active' && view?.mayEditFields === true;
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
