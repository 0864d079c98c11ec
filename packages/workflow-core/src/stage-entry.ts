import type { WorkflowMachineSnapshot } from './compile';
import type { StageSpec } from './definition-types';
import type { JsonObject } from './json';
import { persistMachine } from './machine-move';
import { allocate, isAssignableRole } from './allocation';
import { excludedUserIds } from './offer';
import { refuse } from './refusal';
import { ROLES, type Role } from './roles';
import type { RunState } from './run-state';
import type { CurrentAssignment } from './snapshot-types';
import { cancelStageTimers, scheduleStageTimers } from './timers';
import { commitmentOutcome, isEarlyOffered, lateOfferTiming, upcomingOffers } from './offering';
import { resolveUnit } from './units';

function holds(run: RunState, userId: string, role: Role, unitId: string): boolean {
  return run.ctx.holdsRole ? run.ctx.holdsRole(userId, role, unitId) : true;
}

function resolveStageUnit(run: RunState, stageId: string, selector: Parameters<typeof resolveUnit>[0]): string {
  const unit = resolveUnit(selector, run.ctx.item.unitId, run.ctx.tree, run.ctx.item.data);
  if (!unit) refuse('INVALID_TARGET', `no unit matches the selector of stage ${stageId}`, { stage: stageId, selector: { ...selector } });
  return unit.id;
}

/**
 * Who gets the stage: a direct person (if they still hold the role), the person whose action entered it (chained),
 * one of the role's holders chosen by an allocation strategy, the person who returned it, or an offer — to the
 * stage's role, or to the role named in the data (`role_from_data`). `start` marks the work started at once.
 */
export function computeAssignment(run: RunState, stageId: string, stage: StageSpec): CurrentAssignment | null {
  const assigned = chooseAssignment(run, stageId, stage);
  const start = stage.kind === 'vote' ? undefined : stage.actor?.start;
  if (assigned && start && (assigned.userId ?? assigned.claimedBy) !== undefined && assigned.startedAt === undefined) assigned.startedAt = run.ctx.now;
  return assigned;
}

function chooseAssignment(run: RunState, stageId: string, stage: StageSpec): CurrentAssignment | null {
  const actor = stage.kind === 'vote' && stage.vote ? { ...stage.vote.voters, assignment: undefined, chained: undefined } : stage.actor;
  if (!actor) return null;
  const unitId = resolveStageUnit(run, stageId, actor.unit);
  const a = actor.assignment;
  const named = a?.mode === 'role_from_data' ? run.ctx.item.data[a.field] : undefined;
  const role: Role = isAssignableRole(named, ROLES) ? named : actor.role;
  const base: CurrentAssignment = { unitId, role, mode: 'offer' };
  // Separation of duties holds when offering too: a barred person is never given the stage, by name or by return.
  const barred = new Set(excludedUserIds(run.def, run.snap, stageId));
  if (a?.mode === 'direct') {
    const p = a.person;
    const raw = p.kind === 'submitter' ? run.snap.submitterId : p.kind === 'same_as_stage' ? run.snap.acted[p.stage]?.userId : run.ctx.item.data[p.field];
    if (typeof raw === 'string' && !barred.has(raw) && holds(run, raw, role, unitId)) return { ...base, mode: 'direct', userId: raw };
    return base;
  }
  // Chained execution: the next stage of the same case goes on with the same person, started, when they may act.
  const me = run.ctx.actor.userId;
  if (actor.chained && run.eventType !== 'create' && !run.ctx.actor.isSystem && !barred.has(me) && holds(run, me, role, unitId)) {
    return { ...base, claimedBy: me, startedAt: run.ctx.now };
  }
  // Early offering: the person who committed to the stage gets it as it opens, when they may still act there.
  const committed = isEarlyOffered(stage) ? run.ctx.commitment?.(stageId) : undefined;
  if (committed !== undefined) {
    const outcome = commitmentOutcome(run.def, run.snap, stageId, committed, holds(run, committed, role, unitId));
    const at = { fromStage: run.snap.trail.at(-2) ?? null, toStage: stageId };
    run.effects.push({ type: 'consume_commitment', stage: stageId, userId: committed });
    if (outcome.honoured) {
      run.effects.push({ type: 'audit', action: 'offering.commitment_honoured', ...at, details: { stage: stageId, userId: committed } });
      return { ...base, claimedBy: committed, committed: true };
    }
    run.effects.push({ type: 'audit', action: 'offering.commitment_skipped', ...at, details: { stage: stageId, userId: committed, reason: outcome.reason } });
  }
  const returner = run.snap.returnedBy[stageId];
  if (stage.kind !== 'vote' && returner !== undefined && !barred.has(returner) && holds(run, returner, role, unitId)) return { ...base, claimedBy: returner };
  if (a?.mode === 'allocate') {
    const input = run.ctx.allocation?.(stageId, unitId, role);
    // No inputs: the runtime has not read them yet (it steps again with them); the stage is offered meanwhile.
    if (!input) return base;
    const decision = allocate(a, input, barred);
    const at = { fromStage: run.snap.trail.at(-2) ?? null, toStage: stageId };
    if ('fallback' in decision) {
      run.effects.push({ type: 'audit', action: 'allocation.fallback', ...at, details: { stage: stageId, strategy: decision.strategy, reason: decision.fallback, offeredTo: role } });
      return base;
    }
    run.effects.push({ type: 'audit', action: 'allocation.allocated', ...at, details: { stage: stageId, strategy: decision.strategy, userId: decision.userId, considered: decision.considered } });
    run.effects.push({ type: 'record_allocation', stage: stageId, unitId, role, userId: decision.userId, strategy: decision.strategy });
    return { ...base, claimedBy: decision.userId };
  }
  return base;
}

export function assignmentTarget(a: CurrentAssignment): { userId: string } | { unitId: string; role: Role } {
  const user = a.userId ?? a.claimedBy;
  return user ? { userId: user } : { unitId: a.unitId, role: a.role };
}

/** Emits the assign effect for the current assignment. */
export function emitAssign(run: RunState, template: string, params: JsonObject = {}): void {
  const a = run.snap.assignment;
  if (!a) return;
  const user = a.userId ?? a.claimedBy;
  run.effects.push(user ? { type: 'assign', unitId: a.unitId, role: a.role, mode: a.mode, userId: user } : { type: 'assign', unitId: a.unitId, role: a.role, mode: a.mode });
  // Late offering: an offer shown later is not announced now (the inbox shows it when it opens).
  if (!user && a.offeredFrom !== undefined && Date.parse(a.offeredFrom) > Date.parse(run.ctx.now)) return;
  const to = assignmentTarget(a);
  const except = 'role' in to ? excludedUserIds(run.def, run.snap, run.snap.stage) : [];
  run.effects.push({ type: 'notify', to: except.length > 0 ? { ...to, except } : to, template, params: { stage: run.snap.stage, ...params } });
}

function fireHooks(run: RunState, stageId: string, stage: StageSpec, on: 'enter' | 'leave'): void {
  for (const h of stage.hooks ?? []) if (h.on === on) run.hooks.push({ name: h.name, on, stage: stageId, event: run.eventType });
}

/** Leaves the current stage: timers cancelled, children closed or left open, vote and claim dropped. */
export function leaveStage(run: RunState, how: 'join' | 'close' | 'cancel' | 'other'): void {
  const stage = run.def.stages[run.snap.stage];
  fireHooks(run, run.snap.stage, stage, 'leave');
  cancelStageTimers(run);
  if (stage.kind === 'fanout' && stage.fanout && run.snap.fanout) {
    const mode = how === 'join' ? stage.fanout.onJoin : how === 'close' ? 'close_remaining' : 'cancel_remaining';
    if (mode === 'leave_open') run.snap.childrenOpen = true;
    else run.effects.push({ type: 'close_children', mode: mode === 'cancel_remaining' ? 'cancel' : 'close', reason: how === 'join' ? 'join_met' : how === 'close' ? 'collection_closed' : 'parent_left_stage' });
  }
  run.snap.vote = null;
  run.snap.fanout = null;
  run.snap.assignment = null;
}

/** Enters a stage: assignment, timers, vote or fan-out state, document number, final outcome. */
export function enterStage(run: RunState, stageId: string, machine: WorkflowMachineSnapshot): void {
  const snap = run.snap;
  const stage = run.def.stages[stageId];
  snap.seq += 1;
  snap.stage = stageId;
  snap.enteredAt = run.ctx.now;
  snap.machine = persistMachine(run.compiled, machine);
  const at = snap.trail.indexOf(stageId);
  if (at >= 0) snap.trail = snap.trail.slice(0, at + 1);
  else snap.trail.push(stageId);
  snap.assignment = computeAssignment(run, stageId, stage);
  const a = snap.assignment;
  if (a && a.mode === 'offer' && a.userId === undefined && a.claimedBy === undefined) Object.assign(a, lateOfferTiming(stage, run.ctx.now, { holidays: run.ctx.holidays, utcOffsetMinutes: run.ctx.utcOffsetMinutes }));
  setUpcoming(run, stageId);
  fireHooks(run, stageId, stage, 'enter');
  if (stage.documentNumber) {
    const dn = stage.documentNumber;
    const issuer = dn.issuer ? resolveStageUnit(run, stageId, dn.issuer) : (snap.assignment?.unitId ?? run.ctx.item.unitId);
    run.effects.push(dn.series ? { type: 'allocate_document_number', docType: dn.docType, issuerUnitId: issuer, series: dn.series } : { type: 'allocate_document_number', docType: dn.docType, issuerUnitId: issuer });
  }
  if (stage.kind === 'final') {
    snap.status = 'final';
    snap.outcome = stage.outcome;
    snap.deadline = null;
    if (stage.outcome === 'cancelled' && snap.childrenOpen) {
      run.effects.push({ type: 'close_children', mode: 'cancel', reason: 'parent_cancelled' });
      snap.childrenOpen = false;
    }
    if (snap.submitterId) run.effects.push({ type: 'notify', to: { userId: snap.submitterId }, template: 'item.final', params: { stage: stageId, outcome: stage.outcome ?? null } });
    return;
  }
  if (stage.kind === 'vote') snap.vote = { eligible: run.ctx.eligibleVoterIds ? [...run.ctx.eligibleVoterIds] : null, voters: [], tally: { yes: 0, no: 0, abstain: 0 }, ...(stage.vote?.ballot === 'open' ? { ballots: {} } : {}) };
  if (stage.kind === 'fanout' && stage.fanout) {
    const f = stage.fanout;
    const rootUnitId = resolveStageUnit(run, stageId, f.root ?? { kind: 'own' });
    snap.fanout = { rootUnitId, childWorkflow: f.childWorkflow, progress: null };
    run.effects.push({ type: 'spawn_children', childWorkflow: f.childWorkflow, selector: { ...f.children }, rootUnitId });
  }
  if (snap.assignment?.committed) emitAssign(run, 'offering.commitment_allocated', { stageName: { ...stage.name } });
  else emitAssign(run, 'item.assigned');
  scheduleStageTimers(run, stageId, stage);
}

/** Early offering: the stages now upcoming from `stageId` (none once final), and an effect when the list changed. */
function setUpcoming(run: RunState, stageId: string): void {
  const snap = run.snap;
  // A draft (the initial stage) announces nothing: it may never be submitted.
  const offers = snap.status === 'final' || run.def.stages[stageId]?.kind === 'final' || stageId === run.def.initialStage ? [] : upcomingOffers(run.def, snap, stageId, run.ctx.item, run.ctx.tree);
  const before = snap.upcoming ?? [];
  if (offers.length === 0) delete snap.upcoming;
  else snap.upcoming = offers;
  if (offers.length > 0 || before.length > 0) run.effects.push({ type: 'set_upcoming', offers });
}
