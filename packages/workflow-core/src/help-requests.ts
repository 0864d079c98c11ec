import type { StageSpec, TransitionEvent, WorkflowDefinition } from './definition-types';
import type { WorkItemEvent } from './event-types';
import { refuse } from './refusal';
import type { WorkItemSnapshot } from './snapshot-types';

/**
 * Help and co-sign requests (issue 15, line 6): the holder of a started item asks named colleagues to help with it
 * or to co-sign it. With `helpers: {wait: true}` on the stage, the holder's deciding actions wait for every co-sign
 * request of the stage's current entry to be answered.
 */
export interface HelpersSpec {
  /** The holder's deciding actions are refused with COSIGN_PENDING while a co-sign request is unanswered. */
  wait?: boolean;
}

export const HELP_KINDS = ['help', 'cosign'] as const;
export type HelpKind = (typeof HELP_KINDS)[number];
export const HELP_ANSWERS = ['done', 'cosigned', 'declined'] as const;
export type HelpAnswer = (typeof HELP_ANSWERS)[number];
export type HelpStatus = 'open' | HelpAnswer | 'lapsed';

/** Events that decide the stage's work: a pending co-sign holds them back. */
export const WAITING_EVENTS: readonly TransitionEvent[] = ['submit', 'approve', 'reject', 'forward', 'return', 'acknowledge', 'close'];

export type HelpRequestProblem = 'not_holder' | 'not_started' | 'no_colleagues' | 'self' | 'duplicate' | 'item_final' | 'message_required';

/** Why the holder `requesterId` may not ask `toUserIds` for help now, or null (visibility is the runtime's check). */
export function helpRequestProblem(snap: WorkItemSnapshot, requesterId: string, toUserIds: readonly string[], message: string): HelpRequestProblem | null {
  if (snap.status === 'final') return 'item_final';
  const a = snap.assignment;
  const holder = a ? (a.userId ?? a.claimedBy) : undefined;
  if (holder !== requesterId) return 'not_holder';
  if (!a?.startedAt) return 'not_started';
  if (toUserIds.length === 0) return 'no_colleagues';
  if (toUserIds.includes(requesterId)) return 'self';
  if (new Set(toUserIds).size !== toUserIds.length) return 'duplicate';
  if (message.trim().length === 0) return 'message_required';
  return null;
}

/** Whether `answer` answers a request of `kind` (help: done|declined; co-sign: cosigned|declined; declining needs a reason). */
export function answerProblem(kind: HelpKind, answer: HelpAnswer, reason: string | undefined): 'wrong_answer' | 'reason_required' | null {
  if (answer === 'declined') return reason && reason.trim().length > 0 ? null : 'reason_required';
  if (kind === 'help' && answer !== 'done') return 'wrong_answer';
  if (kind === 'cosign' && answer !== 'cosigned') return 'wrong_answer';
  return null;
}

export function stageWaitsForHelpers(stage: StageSpec | undefined): boolean {
  return stage?.helpers?.wait === true;
}

/**
 * Refuses COSIGN_PENDING when the stage waits for its helpers, `event` is a deciding event and `pendingCosigns`
 * co-sign requests of the current stage entry are unanswered.
 */
export function requireCosignsAnswered(def: WorkflowDefinition, snap: WorkItemSnapshot, event: WorkItemEvent, pendingCosigns: number): void {
  if (pendingCosigns <= 0 || !stageWaitsForHelpers(def.stages[snap.stage])) return;
  if (!(WAITING_EVENTS as readonly string[]).includes(event.type)) return;
  refuse('COSIGN_PENDING', `${pendingCosigns} co-sign request(s) are unanswered`, { pending: pendingCosigns, stage: snap.stage });
}

/** Precise checks of a stage's `helpers`. */
export function checkHelpersShape(s: Record<string, unknown>, p: string, add: (path: string, code: string, message: string) => void): void {
  const h = s.helpers;
  if (h === undefined) return;
  if (typeof h !== 'object' || h === null || Array.isArray(h)) return add(`${p}.helpers`, 'shape.helpers', 'helpers is {wait?: boolean}');
  if (s.kind !== 'task') add(`${p}.helpers`, 'shape.helpers_stage', 'only task stages have helpers');
  const w = (h as Record<string, unknown>).wait;
  if (w !== undefined && typeof w !== 'boolean') add(`${p}.helpers.wait`, 'shape.boolean', 'wait is a boolean');
}
