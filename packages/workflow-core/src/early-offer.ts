import type { StageSpec, WorkflowDefinition } from './definition-types';
import type { Role } from './roles';
import type { RunState } from './run-state';
import type { WorkItemSnapshot } from './snapshot-types';
import { excludedUserIds, exclusionOf } from './offer';
import { refuse } from './refusal';
import { resolveUnit } from './units';

/**
 * How a stage's offer is timed (issue 15, line 6): `early` lets the people who would be offered it see the item as
 * upcoming while it is still at an earlier stage and commit to it (the commitment becomes the allocation when the
 * stage opens); `delay` offers it only after hours/days (a durable timer); `whenLoadBelow` offers it to a person only
 * while their open work is below n.
 */
export interface OfferingSpec {
  early?: boolean;
  delay?: { hours?: number; days?: number };
  whenLoadBelow?: number;
}

/** A stage the item may reach next whose holders may commit early, with who they are. */
export interface UpcomingOffer {
  stage: string;
  unitId: string;
  role: Role;
}

/** Events that go back or end the item: their targets are not "what is coming". */
const BACKWARD = new Set(['return', 'withdraw', 'reject', 'cancel']);

function earlyOffered(stage: StageSpec | undefined): boolean {
  return !!stage && stage.kind === 'task' && stage.offering?.early === true && !!stage.actor && (stage.actor.assignment ?? { mode: 'offer' }).mode === 'offer';
}

/** The stages one forward move from `stageId` that are offered early (transitions, a wait's target, a fan-out's next). */
export function upcomingStages(def: WorkflowDefinition, stageId: string): string[] {
  const s = def.stages[stageId];
  if (!s) return [];
  const targets = new Set<string>();
  for (const t of s.transitions ?? []) if (!BACKWARD.has(t.on) && t.target) targets.add(t.target);
  if (s.wait) targets.add(s.wait.target);
  if (s.fanout) targets.add(s.fanout.next);
  targets.delete(stageId);
  return [...targets].filter((id) => earlyOffered(def.stages[id]));
}

/** Resolves the units and roles of the upcoming stages; a selector the tree cannot resolve is left out. */
export function computeUpcoming(run: RunState, stageId: string): UpcomingOffer[] {
  const out: UpcomingOffer[] = [];
  for (const id of upcomingStages(run.def, stageId)) {
    const actor = run.def.stages[id].actor;
    if (!actor) continue;
    const unit = resolveUnit(actor.unit, run.ctx.item.unitId, run.ctx.tree, run.ctx.item.data);
    if (unit) out.push({ stage: id, unitId: unit.id, role: actor.role });
  }
  return out;
}

/** Why `userId` may not commit to `stageId` of the item now, or null when they may (the role is the runtime's check). */
export function commitmentRefusal(def: WorkflowDefinition, snap: WorkItemSnapshot, stageId: string, userId: string): 'not_upcoming' | 'separation_of_duties' | null {
  if (snap.status === 'final' || !(snap.upcoming ?? []).some((u) => u.stage === stageId)) return 'not_upcoming';
  return exclusionOf(def, snap, stageId, userId) ? 'separation_of_duties' : null;
}

/**
 * The committed person who gets an offered stage as it opens: the first commitment (in `ctx.commitments`, oldest
 * first) whose person is not barred and still holds the role at the stage's unit.
 */
export function committedHolder(run: RunState, stageId: string, unitId: string, role: Role): string | undefined {
  if (!earlyOffered(run.def.stages[stageId])) return undefined;
  const barred = new Set(excludedUserIds(run.def, run.snap, stageId));
  const holds = (u: string): boolean => (run.ctx.holdsRole ? run.ctx.holdsRole(u, role, unitId) : true);
  return (run.ctx.commitments?.[stageId] ?? []).find((u) => !barred.has(u) && holds(u));
}

/** Milliseconds an offer waits (`delay.hours` + `delay.days`, calendar time). */
export function offerDelayMs(spec: OfferingSpec | undefined): number {
  const d = spec?.delay;
  if (!d) return 0;
  return ((d.hours ?? 0) + (d.days ?? 0) * 24) * 3_600_000;
}

export function offerTimerKey(stageId: string, seq: number): string {
  return `${stageId}#${seq}:offer:0`;
}

/**
 * On entering a stage: a plain offer (nobody named, claimed or committed) of a stage with `offering.delay` is held
 * back: `assignment.offerAt` is set and an `offer` timer scheduled; the inbox does not list it and claims are refused
 * until the timer fires. Returns whether the offer was held back (the caller then sends no "assigned" notice).
 * `whenLoadBelow` is copied onto the assignment for the inbox and the claim check.
 */
export function applyOfferTiming(run: RunState, stageId: string, stage: StageSpec): boolean {
  const a = run.snap.assignment;
  if (!a || stage.kind !== 'task') return false;
  if (stage.offering?.whenLoadBelow !== undefined && a.mode === 'offer') a.loadBelow = stage.offering.whenLoadBelow;
  const ms = offerDelayMs(stage.offering);
  if (ms <= 0 || a.mode !== 'offer' || a.claimedBy !== undefined) return false;
  a.offerAt = new Date(Date.parse(run.ctx.now) + ms).toISOString();
  run.effects.push({ type: 'schedule_timer', key: offerTimerKey(stageId, run.snap.seq), kind: 'offer', fireAt: a.offerAt, stage: stageId });
  return true;
}

/** The offer timer fired: the stage is offered now. Returns false when `key` is not this stage's offer timer. */
export function onOfferTimer(run: RunState, key: string, notify: () => void): boolean {
  const a = run.snap.assignment;
  if (key !== offerTimerKey(run.snap.stage, run.snap.seq) || !a?.offerAt) return false;
  delete a.offerAt;
  notify();
  return true;
}

/** Claims and starts are refused while the offer is held back (`OFFER_NOT_OPEN`) or the person's load is at the limit. */
export function requireOfferOpen(run: RunState): void {
  const a = run.snap.assignment;
  if (!a || run.ctx.actor.isSystem) return;
  if (a.offerAt) refuse('OFFER_NOT_OPEN', `the stage is offered from ${a.offerAt}`, { offerAt: a.offerAt });
  if (a.loadBelow !== undefined && a.claimedBy === undefined && a.userId === undefined && run.ctx.openWorkCount !== undefined && run.ctx.openWorkCount >= a.loadBelow) {
    refuse('OFFER_NOT_OPEN', `open work ${run.ctx.openWorkCount} is not below ${a.loadBelow}`, { loadBelow: a.loadBelow, openWork: run.ctx.openWorkCount });
  }
}

/** Suspending cancels every timer of the stage: the offer timer is rescheduled on resume, moved by the time suspended. */
export function resumeOfferTimer(run: RunState, suspendedAt: string): void {
  const a = run.snap.assignment;
  if (!a?.offerAt) return;
  const moved = Date.parse(a.offerAt) + Math.max(0, Date.parse(run.ctx.now) - Date.parse(suspendedAt));
  a.offerAt = new Date(moved).toISOString();
  run.effects.push({ type: 'schedule_timer', key: offerTimerKey(run.snap.stage, run.snap.seq), kind: 'offer', fireAt: a.offerAt, stage: run.snap.stage });
}

type Add = (path: string, code: string, message: string) => void;
const isRec = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNonNegative = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

/** Precise checks of a stage's `offering` (the schema walk reports unknown keys and types as well). */
export function checkOfferingShape(s: Record<string, unknown>, p: string, add: Add): void {
  const o = s.offering;
  if (o === undefined) return;
  const path = `${p}.offering`;
  if (!isRec(o)) return add(path, 'shape.offering', 'offering is {early?, delay?, whenLoadBelow?}');
  if (s.kind !== 'task') add(path, 'shape.offering_stage', 'only task stages are offered early or late');
  const actor = s.actor as { assignment?: { mode?: string } } | undefined;
  if (actor?.assignment?.mode === 'direct' && (o.early === true || o.delay !== undefined || o.whenLoadBelow !== undefined)) add(path, 'shape.offering_direct', 'a stage assigned to a named person is not offered');
  if (o.early !== undefined && typeof o.early !== 'boolean') add(`${path}.early`, 'shape.boolean', 'early is a boolean');
  if (o.delay !== undefined) {
    const d = o.delay;
    if (!isRec(d)) add(`${path}.delay`, 'shape.offering_delay', 'delay is {hours?, days?}');
    else {
      for (const k of ['hours', 'days'] as const) if (d[k] !== undefined && !isNonNegative(d[k])) add(`${path}.delay.${k}`, 'shape.range', `${k} is a number >= 0`);
      if (offerDelayMs({ delay: d as { hours?: number; days?: number } }) <= 0 && Object.values(d).every((v) => v === undefined || isNonNegative(v))) add(`${path}.delay`, 'shape.offering_delay', 'a delay needs hours or days above 0');
    }
  }
  if (o.whenLoadBelow !== undefined && !(Number.isInteger(o.whenLoadBelow) && (o.whenLoadBelow as number) >= 1)) add(`${path}.whenLoadBelow`, 'shape.range', 'whenLoadBelow is a whole number >= 1');
}
