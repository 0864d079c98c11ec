import { addDays, type CalendarOptions } from './calendar';
import type { DayCalendar, StageSpec, WorkflowDefinition } from './definition-types';
import { stageEdges } from './graph';
import type { JsonObject } from './json';
import { excludedUserIds, exclusionOf, type ExclusionRule } from './offer';
import { isAssignableRole } from './allocation';
import { ROLES, type Role } from './roles';
import type { TreeView } from './context-types';
import type { WorkItemSnapshot } from './snapshot-types';
import { resolveUnit } from './units';

/** How far ahead a stage is shown as upcoming at most (a stage's `early.stagesAhead` is 1..this). */
export const MAX_STAGES_AHEAD = 5;

/** Early offering: while the item is up to `stagesAhead` forward moves before this stage, its people see it and may commit to it. */
export interface EarlyOfferingSpec {
  /** Forward moves before the stage from which it is shown (default 1: only from the stage just before). */
  stagesAhead?: number;
}

/** Late offering: the offer is shown after a delay, and/or only to people whose queue is below a size. */
export interface LateOfferingSpec {
  /** Shown this long after the stage opens; `days` may be a fraction with the calendar `calendar` (0.25 = 6 hours). */
  after?: { days: number; calendar: DayCalendar };
  /** Shown to a person only while fewer than this many open items are held by them. */
  whenQueueBelow?: number;
}

/** When a task stage's work is offered (issue 15, line 6): early, late, or both. */
export interface OfferingSpec {
  early?: EarlyOfferingSpec;
  late?: LateOfferingSpec;
}

/** A stage the item may reach soon whose people may commit to it: the unit and role the stage will be offered to, and who is barred. */
export interface UpcomingOffer {
  stage: string;
  unitId: string;
  role: Role;
  /** Forward moves from the current stage (1 = next). */
  distance: number;
  /** People separation of duties bars from the stage as the item now is (the inbox list leaves them out). */
  excludedUserIds: string[];
}

/** Whether a stage is offered early: a task stage with an actor, offered to a role (not assigned to a named person). */
export function isEarlyOffered(stage: StageSpec | undefined): boolean {
  return !!stage && stage.kind === 'task' && !!stage.actor && stage.offering?.early !== undefined && stage.actor.assignment?.mode !== 'direct';
}

/**
 * The early-offered stages an item at `fromStage` may reach in forward moves (transitions that do not return or
 * withdraw, vote outcomes, a fan-out's next stage, a wait's target), each no further than its own `stagesAhead`.
 * The current stage itself is never upcoming.
 */
export function upcomingStages(def: WorkflowDefinition, fromStage: string): Array<{ stage: string; distance: number }> {
  const out: Array<{ stage: string; distance: number }> = [];
  const seen = new Set<string>([fromStage]);
  let frontier = [fromStage];
  for (let distance = 1; distance <= MAX_STAGES_AHEAD && frontier.length > 0; distance += 1) {
    const next: string[] = [];
    for (const s of frontier) {
      if (def.stages[s]?.kind === 'final') continue;
      for (const e of stageEdges(def, s)) {
        if (e.isReturn || seen.has(e.target) || !def.stages[e.target]) continue;
        seen.add(e.target);
        next.push(e.target);
        const target = def.stages[e.target];
        if (isEarlyOffered(target) && distance <= (target.offering?.early?.stagesAhead ?? 1)) out.push({ stage: e.target, distance });
      }
    }
    frontier = next;
  }
  return out;
}

/**
 * Who would be offered each upcoming stage of an item at `fromStage`: the same unit selector and role the stage's
 * offer will use when it opens (the role named in the data for `role_from_data`), resolved on today's tree. A
 * selector the tree cannot resolve leaves the stage out (it is not shown rather than shown to the wrong people).
 */
export function upcomingOffers(def: WorkflowDefinition, snap: Pick<WorkItemSnapshot, 'submitterId' | 'acted'>, fromStage: string, item: { unitId: string; data: JsonObject }, tree: TreeView): UpcomingOffer[] {
  const out: UpcomingOffer[] = [];
  for (const { stage, distance } of upcomingStages(def, fromStage)) {
    const actor = def.stages[stage].actor;
    if (!actor) continue;
    const unit = resolveUnit(actor.unit, item.unitId, tree, item.data);
    if (!unit) continue;
    const named = actor.assignment?.mode === 'role_from_data' ? item.data[actor.assignment.field] : undefined;
    const role: Role = isAssignableRole(named, ROLES) ? named : actor.role;
    out.push({ stage, unitId: unit.id, role, distance, excludedUserIds: excludedUserIds(def, snap, stage) });
  }
  return out;
}

/** Why a person may not commit to an upcoming stage now (the role at the unit is the caller's scope check). */
export type CommitmentRefusal = 'not_upcoming' | 'separation_of_duties';

export function commitmentRefusal(def: WorkflowDefinition, snap: Pick<WorkItemSnapshot, 'status' | 'stage' | 'upcoming' | 'submitterId' | 'acted'>, stageId: string, userId: string): CommitmentRefusal | null {
  if (snap.status !== 'active' || !(snap.upcoming ?? []).some((u) => u.stage === stageId)) return 'not_upcoming';
  return exclusionOf(def, snap, stageId, userId) ? 'separation_of_duties' : null;
}

/** What happens to a commitment as its stage opens: the committed person gets the work, or is skipped with the reason. */
export type CommitmentOutcome = { honoured: true } | { honoured: false; reason: 'no_role' | ExclusionRule };

/**
 * A commitment is honoured when the committed person may still act at the stage as it opens: not barred by
 * separation of duties (with the acts recorded up to now) and still holding the role at the stage's unit.
 */
export function commitmentOutcome(def: WorkflowDefinition, snap: Pick<WorkItemSnapshot, 'submitterId' | 'acted'>, stageId: string, userId: string, holdsRole: boolean): CommitmentOutcome {
  const barred = exclusionOf(def, snap, stageId, userId);
  if (barred) return { honoured: false, reason: barred.rule };
  return holdsRole ? { honoured: true } : { honoured: false, reason: 'no_role' };
}

/** The late-offering columns of an offer entered at `enteredAt`: when it is shown from, and the queue size it is shown below. */
export interface LateOfferTiming {
  offeredFrom?: string;
  queueBelow?: number;
}

export function lateOfferTiming(stage: StageSpec | undefined, enteredAt: string, opts: CalendarOptions = {}): LateOfferTiming {
  const late = stage?.kind === 'task' ? stage.offering?.late : undefined;
  if (!late) return {};
  const out: LateOfferTiming = {};
  if (late.after && late.after.days > 0) out.offeredFrom = addDays(enteredAt, late.after.days, late.after.calendar, opts);
  if (late.whenQueueBelow !== undefined) out.queueBelow = late.whenQueueBelow;
  return out;
}

/**
 * Whether an offer is shown to a person now: not before `offeredFrom`, and only while the person holds fewer open
 * items than `queueBelow`. The inbox applies the same rule in SQL (inbox.repository.ts); this is its reference.
 */
export function isOfferedNow(timing: LateOfferTiming, now: string, queueLength: number): boolean {
  if (timing.offeredFrom !== undefined && Date.parse(now) < Date.parse(timing.offeredFrom)) return false;
  return timing.queueBelow === undefined || queueLength < timing.queueBelow;
}

type Add = (path: string, code: string, message: string) => void;
const isRec = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Checks of a stage's `offering` beyond the schema walk (which reports unknown keys and wrong types). */
export function checkOfferingShape(s: Record<string, unknown>, p: string, add: Add): void {
  const o = s.offering;
  if (o === undefined) return;
  const path = `${p}.offering`;
  if (!isRec(o)) return add(path, 'shape.offering', 'offering is {early?, late?}');
  if (s.kind !== 'task') add(path, 'shape.offering_stage', 'only task stages are offered early or late');
  const mode = isRec(s.actor) && isRec(s.actor.assignment) ? s.actor.assignment.mode : undefined;
  if (mode === 'direct') add(path, 'shape.offering_direct', 'a stage assigned to a named person is not offered');
  if (o.early !== undefined) {
    const e = o.early;
    if (!isRec(e)) add(`${path}.early`, 'shape.offering_early', 'early is {stagesAhead?}');
    else if (e.stagesAhead !== undefined && !(Number.isInteger(e.stagesAhead) && (e.stagesAhead as number) >= 1 && (e.stagesAhead as number) <= MAX_STAGES_AHEAD)) {
      add(`${path}.early.stagesAhead`, 'shape.range', `stagesAhead is a whole number from 1 to ${MAX_STAGES_AHEAD}`);
    }
  }
  if (o.late !== undefined) {
    const l = o.late;
    if (!isRec(l)) return add(`${path}.late`, 'shape.offering_late', 'late is {after?, whenQueueBelow?}');
    if (l.after === undefined && l.whenQueueBelow === undefined) add(`${path}.late`, 'shape.offering_late', 'late needs after or whenQueueBelow');
    if (l.after !== undefined) {
      const a = l.after;
      if (!isRec(a) || typeof a.days !== 'number' || !Number.isFinite(a.days) || a.days <= 0) add(`${path}.late.after.days`, 'shape.range', 'after.days is a number above 0');
      if (!isRec(a) || (a.calendar !== 'calendar' && a.calendar !== 'working')) add(`${path}.late.after.calendar`, 'shape.calendar', 'after.calendar is calendar or working');
      else if (a.calendar === 'working' && typeof a.days === 'number' && !Number.isInteger(a.days)) add(`${path}.late.after.days`, 'shape.range', 'working days are whole days');
    }
    if (l.whenQueueBelow !== undefined && !(Number.isInteger(l.whenQueueBelow) && (l.whenQueueBelow as number) >= 1)) add(`${path}.late.whenQueueBelow`, 'shape.range', 'whenQueueBelow is a whole number >= 1');
  }
}
