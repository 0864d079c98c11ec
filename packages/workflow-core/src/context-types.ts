import type { JsonObject } from './json';
import type { Role } from './roles';
import type { AllocationInput } from './allocation';
import type { CoSignState } from './help-requests';

export interface UnitView {
  id: string;
  code: string;
  kind: string;
  parentId: string | null;
}

/** The unit tree as the runtime preloaded it; every call is synchronous. */
export interface TreeView {
  /** A unit by id or by code. */
  unit(idOrCode: string): UnitView | undefined;
  /** Units from the root down to the parent of `unitId` (empty for the root). */
  ancestors(unitId: string): UnitView[];
  /** Whether `unitId` is `rootUnitId` or below it. */
  isWithin(unitId: string, rootUnitId: string): boolean;
}

export interface RoleGrant {
  role: Role;
  unitId: string;
  /** Workflow keys this grant applies to; null or absent means every workflow. */
  workflows?: string[] | null;
  /** Set when the grant is a delegation: the user acts on behalf of this user. */
  onBehalfOf?: string | null;
}

export interface Actor {
  userId: string;
  roles: RoleGrant[];
  /** Timers, cascades and other runtime-originated events. */
  isSystem?: boolean;
}

export interface StepContext {
  actor: Actor;
  /** The clock, ISO 8601. */
  now: string;
  item: { id: string; unitId: string; data: JsonObject; submitterId: string | null };
  tree: TreeView;
  /** Public holidays, `YYYY-MM-DD`, skipped by working-day deadlines. */
  holidays?: string[];
  /** Offset of local time from UTC used to decide calendar days; default +420 (Vietnam). */
  utcOffsetMinutes?: number;
  /** At vote stages: the user ids eligible to vote (holders of the voter role at the voter unit). */
  eligibleVoterIds?: string[];
  /**
   * Whether a user still holds a role at a unit. Used for continuity (back to the person who returned it),
   * "same person as stage X" and handovers. When absent, the named person is assumed to still hold it.
   */
  holdsRole?: (userId: string, role: Role, unitId: string) => boolean;
  /** The chair recorded on a unit (an escalation to `{chairOf}`); preloaded by the runtime when a step may need it. */
  chairOf?: (unitId: string) => string | undefined;
  /** The user id of an active account by username (an escalation to a named person). */
  userIdOf?: (username: string) => string | undefined;
  /**
   * Allocation stages (`assignment.mode: 'allocate'`): the holders of the stage's role at its unit with their counts
   * and history, read by the runtime in one query. Absent: the stage is offered (the runtime reads the inputs and
   * steps again when an allocation stage is entered).
   */
  allocation?: (stageId: string, unitId: string, role: Role) => AllocationInput | undefined;
  /**
   * Early offering: the person committed to an early-offered stage of this item, if any. Absent: the runtime has not
   * read the commitment yet (it steps again with it when an early-offered stage is entered).
   */
  commitment?: (stageId: string) => string | undefined;
  /**
   * Late offering by load (`offering.late.whenQueueBelow`): how many open items the acting person holds, read by the
   * runtime only when they take an unheld offer that sets a limit. Absent: not read (the step does not check it).
   */
  actorQueueLength?: number;
  /**
   * The co-sign requests of the current stage entry (signed, unanswered), counted by the runtime where the stage
   * waits for co-signatures (`help.coSign`). Absent there: nothing is signed, so the decision waits.
   */
  coSign?: CoSignState;
}
