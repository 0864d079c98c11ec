import type { Expression } from './expression-types';
import type { FieldSpec, LocalizedText } from './field-types';
import type { Privilege, Role } from './roles';
import type { HeldVisibility } from './held-visibility';
import type { OfferingSpec } from './offering';
import type { AllocateAssignment, RoleFromDataAssignment, StartMode } from './allocation';
import type { StageHelpSpec } from './help-requests';

export const DEFINITION_SCHEMA_VERSION = 1 as const;

export const STAGE_KINDS = ['task', 'vote', 'fanout', 'wait', 'final'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export const OUTCOMES = ['approved', 'rejected', 'cancelled', 'completed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Events a definition can put on a stage transition. */
export const TRANSITION_EVENTS = [
  'submit',
  'approve',
  'return',
  'reject',
  'forward',
  'withdraw',
  'acknowledge',
  'close',
  'cancel',
  'reopen',
] as const;
export type TransitionEvent = (typeof TRANSITION_EVENTS)[number];

/** Where a role is held, relative to the item's unit. */
export type UnitSelector =
  | { kind: 'own' }
  | { kind: 'parent' }
  | { kind: 'ancestor_of_kind'; unitKind: string; includeSelf?: boolean }
  | { kind: 'fixed'; unitCode: string }
  | { kind: 'from_data'; field: string };

/** Who gets the work at a stage when mode is `direct`. */
export type DirectPerson =
  | { kind: 'submitter' }
  | { kind: 'same_as_stage'; stage: string }
  | { kind: 'from_data'; field: string };

export type Assignment = { mode: 'offer' } | { mode: 'direct'; person: DirectPerson } | AllocateAssignment | RoleFromDataAssignment;

export interface StageActor {
  role: Role;
  unit: UnitSelector;
  /** Default `{ mode: 'offer' }`: every holder sees it and may claim it. */
  assignment?: Assignment;
  /**
   * Work counts as started without a `start` event: `on_creation` when the stage is entered with a holder (named,
   * allocated or chained), `on_allocation` also whenever someone later takes it (claim, hand-over).
   */
  start?: StartMode;
  /** Chained execution: the person whose action entered this stage gets it (started) when they may act here. */
  chained?: boolean;
}

/** Who may fire a transition: the stage's assignee (default), the item's submitter, or a role at a unit. */
export type TransitionBy = 'assignee' | 'submitter' | { role: Role; unit: UnitSelector };

export interface TransitionSpec {
  on: TransitionEvent;
  /** For `return`, defaults to the initial stage; other events need it. */
  target?: string;
  guard?: Expression;
  by?: TransitionBy;
  label?: LocalizedText;
  /** For `return`: whether the event may name any earlier stage (default true). */
  allowEarlierTarget?: boolean;
}

export type DayCalendar = 'calendar' | 'working';
export const ESCALATION_ACTIONS = ['notify', 'reassign_upward', 'reassign', 'auto_return', 'auto_approve'] as const;
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number];

/**
 * Who an escalation step (`action: 'reassign'`) hands the work to, in the routing's own vocabulary: a role at a unit
 * selector (offered there, like a stage actor), the chair of the unit a selector resolves to (recorded on the unit),
 * or a named person (by username; checked at publish). A chair or a named person gets it by name with `role` (default
 * the stage's role) at the unit the work is then held at: the chair's unit, or the unit already holding the work.
 */
export type EscalationTarget =
  | { role: Role; unit: UnitSelector }
  | { chairOf: UnitSelector; role?: Role }
  | { person: { username: string }; role?: Role };

export interface EscalationSpec {
  afterDays: number;
  action: EscalationAction;
  /** Only with `action: 'reassign'` (and required there). */
  to?: EscalationTarget;
}

export interface DeadlineSpec {
  days: number;
  calendar: DayCalendar;
  /** A data field (integer) that, when it holds a positive whole number, gives the days instead of `days` (e.g. a due period set per item). */
  daysField?: string;
  /** Reminders, in days (same calendar) before the deadline. */
  reminders?: number[];
  /** Escalations, each `afterDays` (same calendar) after the deadline. */
  escalations?: EscalationSpec[];
}

export interface VoteSpec {
  voters: { role: Role; unit: UnitSelector };
  /** Share of eligible voters who must take part (abstaining counts), 0..1. */
  quorum: number;
  /** Share of yes votes needed, 0..1, over the votes cast (default) or over the eligible voters. */
  passRatio: number;
  passBasis?: 'cast' | 'eligible';
  ballot: 'secret' | 'open';
  /** Applies when yes and no are equal and the ratio alone would not pass. */
  tie: 'fail' | 'pass' | 'chair_decides';
  /** Who may close the vote (besides the system). Default council_secretary at the voters' unit. */
  closeBy?: { role: Role; unit: UnitSelector };
}

export type ChildSelector =
  | { kind: 'descendants_of_kind'; unitKind: string }
  | { kind: 'children_of_kind'; unitKind?: string };

export type JoinRule = { kind: 'all' } | { kind: 'count'; n: number } | { kind: 'share'; share: number };

export interface FanoutSpec {
  childWorkflow: string;
  /** Root of the subtree children are chosen from; default the item's own unit. */
  root?: UnitSelector;
  children: ChildSelector;
  join: JoinRule;
  onJoin: 'cancel_remaining' | 'close_remaining' | 'leave_open';
  /** Whether children still open after the join may still submit. */
  lateSubmissions: boolean;
  /** What happens to the child item of a unit moved out of (or dissolved in) the subtree. */
  movedOut: 'cancel' | 'carry_over';
  /** Stage entered when the join rule is met. */
  next: string;
}

export interface WaitSpec {
  days: number;
  calendar: DayCalendar;
  target: string;
}

export interface DocumentNumberSpec {
  docType: string;
  series?: string;
  /** Issuing unit; default the stage actor's unit, else the item's unit. */
  issuer?: UnitSelector;
}

/** When a stage hook runs: as the item enters the stage or as it leaves it. */
export const HOOK_MOMENTS = ['enter', 'leave'] as const;
export type HookMoment = (typeof HOOK_MOMENTS)[number];

/**
 * A named stage hook: domain code registered under `name` runs inside the step's own transaction when an item
 * enters (or leaves) the stage. Domain code binds to a definition only through hook names and `tags`.
 */
export interface StageHookRef {
  name: string;
  on: HookMoment;
}

export interface StageSpec {
  kind: StageKind;
  name: LocalizedText;
  actor?: StageActor;
  /** Data this stage fills; checked on the events that move the item forward. */
  fields?: FieldSpec[];
  transitions?: TransitionSpec[];
  deadline?: DeadlineSpec;
  /** The person acting here may not have acted at any of these stages (and vice versa). */
  distinctFrom?: string[];
  /** Events that need a comment here (`return` always does). */
  requiresCommentOn?: TransitionEvent[];
  /** Runtime flag: data may be amended while the parent collection is open. */
  allowsAmendWhileOpen?: boolean;
  /** A document number is allocated when the item enters this stage. */
  documentNumber?: DocumentNumberSpec;
  vote?: VoteSpec;
  /** Targets of a vote stage's results. */
  outcomes?: { passed: string; failed: string; no_quorum: string };
  fanout?: FanoutSpec;
  wait?: WaitSpec;
  /** For final stages. */
  outcome?: Outcome;
  /** Named hooks run by the runtime on entering/leaving this stage (see HookCatalogue). */
  hooks?: StageHookRef[];
  /** Plain labels domain code may look a stage up by (e.g. `campaign.plan_approved`). */
  tags?: string[];
  /**
   * Who holds each privilege at this stage (overrides the definition's `privileges` for it). Checked at the unit
   * that holds this stage's work, not at the item's unit.
   */
  privileges?: Partial<Record<Privilege, Role[]>>;
  /** What each role sees of this stage's items that someone else holds (overrides the definition's `visibility`). */
  visibility?: HeldVisibility;
  /** Early and late offering of a task stage's work (offering.ts, docs/workflow-definitions.md "Offering"). */
  offering?: OfferingSpec;
  /** Help and co-sign requests of a task stage: whether the holder may ask colleagues, and what the decision waits for (help-requests.ts). */
  help?: StageHelpSpec;
}

export type ViewerVisibility = 'none' | 'count' | 'titles' | 'all';

export interface WorkflowDefinition {
  schemaVersion: typeof DEFINITION_SCHEMA_VERSION;
  key: string;
  version: number;
  name: LocalizedText;
  description?: LocalizedText;
  initialStage: string;
  /** Stages by id; the path of a problem names the id (`stages.review.transitions[0].target`). */
  stages: Record<string, StageSpec>;
  /** Data fields not filled at any stage (e.g. set when the item is created). */
  dataFields?: FieldSpec[];
  privileges?: Partial<Record<Privilege, Role[]>>;
  separationOfDuties?: { submitterCannotApprove?: boolean };
  viewerVisibility?: ViewerVisibility;
  /**
   * What each role sees of items in its unit or subtree that someone else holds: none (default, but admin: all),
   * count, titles or all. Stages may override it per role.
   */
  visibility?: HeldVisibility;
  /** In-flight items of a unit that moves: routed again in the new tree (default) or left where they are. */
  inFlightOnMove?: 'follow_tree' | 'stay';
}
