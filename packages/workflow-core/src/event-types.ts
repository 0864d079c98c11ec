import type { JsonObject } from './json';
import type { TransitionEvent } from './definition-types';

export type TransitionEventInput = { type: Exclude<TransitionEvent, 'return'>; comment?: string } | { type: 'return'; comment?: string; toStage?: string };

export type WorkItemEvent =
  | { type: 'create' }
  | TransitionEventInput
  | { type: 'claim' }
  | { type: 'release' }
  | { type: 'start' }
  /** `keepDraft: false` is a stateless hand-over: the draft is discarded and the history records what was. */
  | { type: 'handover'; toUserId: string; draft?: JsonObject; keepDraft?: boolean }
  | { type: 'save_draft'; draft: JsonObject }
  | { type: 'suspend'; reason?: string }
  | { type: 'resume' }
  | { type: 'skip'; reason: string }
  | { type: 'redo'; stage: string; reason?: string }
  | { type: 'reassign'; toUserId: string }
  | { type: 'timer.fired'; key: string; kind: TimerKind }
  | { type: 'children.progress'; total: number; settled: number; submitted: number }
  | { type: 'vote.cast'; choice: VoteChoice }
  | { type: 'vote.close'; tieBreak?: 'yes' | 'no' };

export type WorkItemEventType = WorkItemEvent['type'];
export type TimerKind = 'reminder' | 'escalation' | 'wait';
export type VoteChoice = 'yes' | 'no' | 'abstain';

export const SYSTEM_EVENTS: readonly WorkItemEventType[] = ['timer.fired', 'children.progress'];
