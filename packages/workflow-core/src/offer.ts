import type { TransitionEvent, WorkflowDefinition } from './definition-types';
import type { WorkItemSnapshot } from './snapshot-types';

/** Events that decide on someone else's work: the submitter may not fire them (separation of duties). */
export const DECISION_EVENTS: readonly TransitionEvent[] = ['approve', 'reject', 'forward', 'return', 'acknowledge'];

/** Why a person may not hold the work of a stage. */
export type ExclusionRule = 'submitter' | 'distinctFrom';

export interface Exclusion {
  userId: string;
  rule: ExclusionRule;
  /** For distinctFrom: the stage the person acted at. */
  stage?: string;
}

/** Whether the assignee of stage `stageId` decides on the item (some decision event is theirs to fire). */
export function stageDecides(def: WorkflowDefinition, stageId: string): boolean {
  const s = def.stages[stageId];
  if (!s || stageId === def.initialStage) return false;
  return (s.transitions ?? []).some((t) => DECISION_EVENTS.includes(t.on) && (t.by === undefined || t.by === 'assignee'));
}

/** Stages whose actors must differ from the actor of `stageId` (distinctFrom, read both ways). */
export function linkedStages(def: WorkflowDefinition, stageId: string): string[] {
  const linked = new Set(def.stages[stageId]?.distinctFrom ?? []);
  for (const [id, s] of Object.entries(def.stages)) if (s.distinctFrom?.includes(stageId)) linked.add(id);
  linked.delete(stageId);
  return [...linked];
}

/**
 * Everyone barred from the work of stage `stageId` of an item, with the rule that bars them: the submitter where the
 * stage decides (unless the definition lifts `separationOfDuties.submitterCannotApprove`), and whoever acted at a
 * stage linked by `distinctFrom` (and the person they acted for). The runtime never offers the stage to them, and
 * claim, hand-over, reassignment and decisions refuse them with SEPARATION_OF_DUTIES.
 */
export function excludedAt(def: WorkflowDefinition, snap: Pick<WorkItemSnapshot, 'submitterId' | 'acted'>, stageId: string): Exclusion[] {
  const out: Exclusion[] = [];
  if (snap.submitterId && def.separationOfDuties?.submitterCannotApprove !== false && stageDecides(def, stageId)) out.push({ userId: snap.submitterId, rule: 'submitter' });
  for (const other of linkedStages(def, stageId)) {
    const acted = snap.acted[other];
    if (!acted) continue;
    out.push({ userId: acted.userId, rule: 'distinctFrom', stage: other });
    if (acted.onBehalfOf) out.push({ userId: acted.onBehalfOf, rule: 'distinctFrom', stage: other });
  }
  return out;
}

/** The first rule that bars `userId` from stage `stageId`, if any. */
export function exclusionOf(def: WorkflowDefinition, snap: Pick<WorkItemSnapshot, 'submitterId' | 'acted'>, stageId: string, userId: string): Exclusion | undefined {
  return excludedAt(def, snap, stageId).find((e) => e.userId === userId);
}

/** The distinct user ids barred from stage `stageId` (what the inbox filters offers by). */
export function excludedUserIds(def: WorkflowDefinition, snap: Pick<WorkItemSnapshot, 'submitterId' | 'acted'>, stageId: string): string[] {
  return [...new Set(excludedAt(def, snap, stageId).map((e) => e.userId))];
}
