import type { Outcome } from './definition-types';
import type { TimerKind, VoteChoice } from './event-types';
import type { JsonObject } from './json';
import type { Role } from './roles';
import type { UpcomingOffer } from './offering';

export interface PersistedMachineSnapshot {
  status: string;
  value: string;
  context: JsonObject;
  historyValue: JsonObject;
  children: JsonObject;
}

export interface CurrentAssignment {
  unitId: string;
  role: Role;
  mode: 'offer' | 'direct';
  /** Direct assignee. */
  userId?: string;
  /** Holder who claimed an offered item. */
  claimedBy?: string;
  /** Work in progress kept across release/handover (draft comment, filled fields). */
  draft?: JsonObject;
  /** When the holder started work (the `start` event, or their first saved draft): the item is `started`. */
  startedAt?: string;
  /** Late offering: the offer is shown from this instant (offering.ts). */
  offeredFrom?: string;
  /** Late offering: the offer is shown to a person only while they hold fewer open items than this. */
  queueBelow?: number;
  /** The holder got the work by an early commitment. */
  committed?: boolean;
}

/** The state of the current stage's work (issue 15, line 5). */
export type WorkState = 'offered' | 'allocated' | 'started' | 'suspended' | 'completed';

export interface PendingTimer {
  key: string;
  kind: TimerKind;
  fireAt: string;
  /** Index into the stage's reminders/escalations. */
  index: number;
  /** Set while suspended: milliseconds left when the item was suspended. */
  remainingMs?: number;
}

export interface VoteState {
  /** Eligible voter ids, fixed by the first event that carries them. */
  eligible: string[] | null;
  voters: string[];
  tally: { yes: number; no: number; abstain: number };
  /** Open ballots only: who voted what. */
  ballots?: Record<string, VoteChoice>;
}

export interface VoteResult {
  outcome: 'passed' | 'failed' | 'no_quorum';
  yes: number;
  no: number;
  abstain: number;
  eligible: number;
  /** The unit whose members voted (the vote stage's assignment), so the closed vote keeps its readers. */
  unitId?: string;
}

export interface FanoutState {
  rootUnitId: string;
  childWorkflow: string;
  progress: { total: number; settled: number; submitted: number } | null;
}

export interface ActedRecord {
  userId: string;
  onBehalfOf?: string;
  event: string;
  at: string;
}

/** Persisted per item (JSONB). Everything is plain JSON. */
export interface WorkItemSnapshot {
  schemaVersion: 1;
  workflow: string;
  version: number;
  stage: string;
  status: 'active' | 'suspended' | 'final';
  outcome?: Outcome;
  submitterId: string | null;
  /** Stages entered, oldest first; re-entering a stage cuts the trail back to it. */
  trail: string[];
  /** Increments on every stage entry; timer keys carry it so stale timers are refused. */
  seq: number;
  enteredAt: string;
  returnCount: number;
  acted: Record<string, ActedRecord>;
  skipped: Record<string, { userId: string; reason: string; at: string }>;
  /** Who returned the item from a stage: it goes back to them on resubmission. */
  returnedBy: Record<string, string>;
  assignment: CurrentAssignment | null;
  deadline: { dueAt: string; timers: PendingTimer[] } | null;
  suspendedAt?: string;
  vote: VoteState | null;
  voteResults: Record<string, VoteResult>;
  fanout: FanoutState | null;
  /** Children spawned by a fan-out were left open when the item moved on (leave_open); cancelling the item closes them. */
  childrenOpen: boolean;
  /** Early offering: the stages the item may reach soon whose people see it and may commit (offering.ts). */
  upcoming?: UpcomingOffer[];
  /** XState persisted snapshot of the compiled machine (flat: one state per stage, empty context). */
  machine: PersistedMachineSnapshot;
}
