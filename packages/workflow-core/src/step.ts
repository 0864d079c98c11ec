import { initialTransition } from 'xstate';
import type { CompiledWorkflow } from './compile';
import type { StepContext } from './context-types';
import type { Outcome, TransitionEvent, TransitionSpec } from './definition-types';
import type { Effect } from './effect-types';
import type { TransitionEventInput, WorkItemEvent } from './event-types';
import type { FiredHook } from './hooks';
import { happyNext, transitionTarget } from './graph';
import type { JsonObject } from './json';
import { joinStatus } from './join-rule';
import { DECISION_EVENTS, exclusionOf } from './offer';
import { machineMove } from './machine-move';
import { requireRoleAt } from './permissions';
import { requireStagePrivilege } from './privileges';
import { RefusalError, refuse, type Refusal } from './refusal';
import { evaluationScope, type RunState } from './run-state';
import type { CurrentAssignment, WorkItemSnapshot, WorkState } from './snapshot-types';
import { assignmentTarget, emitAssign, enterStage, leaveStage } from './stage-entry';
import { resolveEscalationTarget } from './escalation';
import { pauseTimers, resumeTimers } from './timers';
import { resolveUnit } from './units';
import { validateData } from './validate-data';
import { tallyVote } from './vote';
import { requireCoSigned } from './help-requests';

export type StepResult =
  | { ok: true; snapshot: WorkItemSnapshot; effects: Effect[]; hooks: FiredHook[]; fromStage: string | null; toStage: string; outcome?: Outcome }
  | { ok: false; refusal: Refusal };

/** Events that move work forward: the stage's fields must be valid. */
const FORWARD_EVENTS: readonly TransitionEvent[] = ['submit', 'approve', 'acknowledge', 'forward'];

function audit(run: RunState, action: string, fromStage: string | null, details: JsonObject = {}): void {
  const actor = run.ctx.actor;
  run.effects.push({ type: 'audit', action, fromStage, toStage: run.snap.stage, details: { actorId: actor.isSystem ? null : actor.userId, system: actor.isSystem === true, ...details } });
}

/** Moves to `target` through the machine's `engine.goto` (return to a named stage, skip, redo, escalation). */
function goTo(run: RunState, target: string, how: 'join' | 'close' | 'cancel' | 'other'): void {
  const next = machineMove(run.compiled, run.snap.stage, { type: 'engine.goto', target });
  if (!next) return refuse('INVALID_TARGET', `stage ${target} does not exist`, { target });
  leaveStage(run, how);
  enterStage(run, String(next.value), next);
}

/** Moves along a definition or system event; refuses GUARD when no transition is enabled. */
function moveOn(run: RunState, machineEvent: string, how: 'join' | 'close' | 'cancel' | 'other'): void {
  const next = machineMove(run.compiled, run.snap.stage, { type: machineEvent, scope: evaluationScope(run) });
  if (!next) return refuse('GUARD', `no ${machineEvent} transition of stage ${run.snap.stage} applies to this item`, { event: machineEvent, stage: run.snap.stage });
  leaveStage(run, how);
  enterStage(run, String(next.value), next);
}

function requireAssignee(run: RunState): void {
  const a = run.snap.assignment;
  if (!a) return refuse('INVALID_EVENT', `stage ${run.snap.stage} has no assignee`);
  if (run.ctx.actor.isSystem) return;
  requireRoleAt(run.ctx, run.def.key, a.role, a.unitId);
  const holder = a.userId ?? a.claimedBy;
  if (holder !== undefined && holder !== run.ctx.actor.userId) refuse('NOT_CLAIMANT', `the item is with ${holder}`, { claimedBy: holder });
}

function requireSystem(run: RunState, type: string): void {
  if (!run.ctx.actor.isSystem) refuse('ROLE', `${type} is a system event`);
}

function checkSeparation(run: RunState, stageId: string, event: TransitionEvent): void {
  const me = run.ctx.actor.userId;
  if (run.ctx.actor.isSystem) return;
  if (DECISION_EVENTS.includes(event) && run.def.separationOfDuties?.submitterCannotApprove !== false && run.snap.submitterId === me) {
    refuse('SEPARATION_OF_DUTIES', 'the submitter cannot decide on their own item', { rule: 'submitter', event });
  }
  const barred = exclusionOf(run.def, run.snap, stageId, me);
  if (barred?.rule === 'distinctFrom') refuse('SEPARATION_OF_DUTIES', `you acted at stage ${barred.stage}; someone else must act here`, { rule: 'distinctFrom', stage: barred.stage ?? null });
}

/** Refuses SEPARATION_OF_DUTIES when `userId` is barred from the current stage (claim, hand-over, reassignment). */
function requireNotExcluded(run: RunState, userId: string, action: string): void {
  const barred = exclusionOf(run.def, run.snap, run.snap.stage, userId);
  if (!barred) return;
  const who = userId === run.ctx.actor.userId ? 'you are' : `${userId} is`;
  refuse('SEPARATION_OF_DUTIES', `${who} barred from stage ${run.snap.stage} (${barred.rule === 'submitter' ? 'the submitter cannot decide on their own item' : `acted at stage ${barred.stage}`})`, {
    rule: barred.rule,
    action,
    userId,
    ...(barred.stage ? { stage: barred.stage } : {}),
  });
}

function checkBy(run: RunState, t: TransitionSpec): void {
  const by = t.by ?? 'assignee';
  if (run.ctx.actor.isSystem) return;
  if (by === 'assignee') return requireAssignee(run);
  if (by === 'submitter') {
    if (run.snap.submitterId !== run.ctx.actor.userId) refuse('ROLE', 'only the submitter can do this');
    return;
  }
  const unit = resolveUnit(by.unit, run.ctx.item.unitId, run.ctx.tree, run.ctx.item.data);
  if (!unit) return refuse('SCOPE', 'no unit matches who may do this');
  requireRoleAt(run.ctx, run.def.key, by.role, unit.id);
}

function onTransitionEvent(run: RunState, event: TransitionEventInput): void {
  const stageId = run.snap.stage;
  const stage = run.def.stages[stageId];
  const candidates = (stage.transitions ?? []).filter((t) => t.on === event.type);
  if (candidates.length === 0 && event.type === 'cancel') return privilegedCancel(run, event.comment);
  if (candidates.length === 0) refuse('INVALID_EVENT', `${event.type} is not possible at stage ${stageId}`, { event: event.type, stage: stageId });
  checkBy(run, candidates[0]);
  checkSeparation(run, stageId, event.type);
  if (!run.ctx.actor.isSystem) requireCoSigned(run.def, run.snap, event.type, run.ctx.coSign);
  const comment = event.comment?.trim() ?? '';
  if ((event.type === 'return' || stage.requiresCommentOn?.includes(event.type)) && comment === '') refuse('COMMENT_REQUIRED', `${event.type} needs a comment`);
  if (FORWARD_EVENTS.includes(event.type)) {
    const problems = validateData(stage.fields ?? [], run.ctx.item.data);
    if (problems.length > 0) refuse('MISSING_FIELDS', 'some fields are missing or invalid', { problems: problems.map((p) => ({ ...p })) });
  }
  const actor = run.ctx.actor;
  const recordActed = (): void => {
    if (actor.isSystem) return;
    const grant = actor.roles.find((g) => g.onBehalfOf);
    run.snap.acted[stageId] = { userId: actor.userId, event: event.type, at: run.ctx.now, ...(grant?.onBehalfOf ? { onBehalfOf: grant.onBehalfOf } : {}) };
  };
  const how = event.type === 'cancel' ? 'cancel' : event.type === 'close' ? 'close' : 'other';
  if (event.type === 'return') {
    const to = event.toStage;
    if (to !== undefined && to !== transitionTarget(run.def, candidates[0])) {
      if (candidates[0].allowEarlierTarget === false || !run.compiled.earlier[stageId].includes(to)) refuse('INVALID_TARGET', `${to} is not an earlier stage of ${stageId}`, { toStage: to });
      recordActed();
      if (!actor.isSystem) run.snap.returnedBy[stageId] = actor.userId;
      run.snap.returnCount += 1;
      return goTo(run, to, how);
    }
    recordActed();
    if (!actor.isSystem) run.snap.returnedBy[stageId] = actor.userId;
    run.snap.returnCount += 1;
    return moveOn(run, 'return', how);
  }
  if (event.type === 'submit' && run.snap.submitterId === null && !actor.isSystem) run.snap.submitterId = actor.userId;
  const before = run.snap.acted[stageId];
  recordActed();
  try {
    moveOn(run, event.type, how);
  } catch (e) {
    if (before) run.snap.acted[stageId] = before;
    throw e;
  }
}

function onVoteCast(run: RunState, choice: 'yes' | 'no' | 'abstain'): void {
  const stage = run.def.stages[run.snap.stage];
  const v = run.snap.vote;
  if (stage.kind !== 'vote' || !stage.vote || !v || !run.snap.assignment) return refuse('INVALID_EVENT', 'there is no vote at this stage');
  const me = run.ctx.actor.userId;
  if (run.ctx.actor.isSystem) refuse('NOT_ELIGIBLE', 'the system does not vote');
  try {
    requireRoleAt(run.ctx, run.def.key, stage.vote.voters.role, run.snap.assignment.unitId);
  } catch (e) {
    if (e instanceof RefusalError) refuse('NOT_ELIGIBLE', `you are not a voter here: ${e.refusal.message}`, { reason: e.refusal.code });
    throw e;
  }
  if (v.eligible === null && run.ctx.eligibleVoterIds) v.eligible = [...run.ctx.eligibleVoterIds];
  if (v.eligible !== null && !v.eligible.includes(me)) refuse('NOT_ELIGIBLE', 'you are not on the list of eligible voters', { reason: 'list' });
  if (v.voters.includes(me)) refuse('ALREADY_VOTED', 'you have already voted; a vote cannot be changed');
  v.voters.push(me);
  v.tally[choice] += 1;
  if (v.ballots) v.ballots[me] = choice;
}

function closeVote(run: RunState, tieBreak: 'yes' | 'no' | undefined): void {
  const stage = run.def.stages[run.snap.stage];
  const v = run.snap.vote;
  if (stage.kind !== 'vote' || !stage.vote || !v) return refuse('INVALID_EVENT', 'there is no vote at this stage');
  if (v.eligible === null && run.ctx.eligibleVoterIds) v.eligible = [...run.ctx.eligibleVoterIds];
  if (v.eligible === null) return refuse('INVALID_EVENT', 'the eligible voters are not known: pass ctx.eligibleVoterIds');
  const result = tallyVote(stage.vote, v.tally, v.eligible.length, tieBreak);
  if (result === 'tie') return refuse('INVALID_EVENT', 'the vote is tied: the chair must decide (tieBreak)', { tally: { ...v.tally } });
  run.snap.voteResults[run.snap.stage] = { outcome: result, ...v.tally, eligible: v.eligible.length, ...(run.snap.assignment ? { unitId: run.snap.assignment.unitId } : {}) };
  moveOn(run, `vote.${result}`, 'other');
}

function onVoteClose(run: RunState, tieBreak: 'yes' | 'no' | undefined): void {
  const stage = run.def.stages[run.snap.stage];
  if (stage.kind !== 'vote' || !stage.vote || !run.snap.assignment) return refuse('INVALID_EVENT', 'there is no vote at this stage');
  if (!run.ctx.actor.isSystem) {
    const closeBy = stage.vote.closeBy ?? { role: 'council_secretary' as const, unit: stage.vote.voters.unit };
    const unit = resolveUnit(closeBy.unit, run.ctx.item.unitId, run.ctx.tree, run.ctx.item.data);
    requireRoleAt(run.ctx, run.def.key, closeBy.role, unit?.id ?? run.snap.assignment.unitId);
  }
  closeVote(run, tieBreak);
}

function onTimer(run: RunState, key: string): void {
  const d = run.snap.deadline;
  const timer = d?.timers.find((t) => t.key === key);
  if (!d || !timer) return refuse('INVALID_EVENT', `timer ${key} is not pending (the item moved on)`, { stale: true, key });
  d.timers = d.timers.filter((t) => t.key !== key);
  const stageId = run.snap.stage;
  const a = run.snap.assignment;
  const to = a ? assignmentTarget(a) : null;
  if (timer.kind === 'wait') return moveOn(run, 'timer.wait', 'other');
  if (timer.kind === 'reminder') {
    if (to) run.effects.push({ type: 'notify', to, template: 'deadline.reminder', params: { stage: run.snap.stage, dueAt: d.dueAt } });
    return;
  }
  // A chain's steps take effect in order: a later step found due while earlier ones are still pending (the scheduler
  // was down, or both fell due in one pass) first applies those, each once; their own timers then come stale.
  const earlier = d.timers.filter((t) => t.kind === 'escalation' && t.index < timer.index).sort((x, y) => x.index - y.index);
  d.timers = d.timers.filter((t) => !earlier.includes(t));
  const applied: JsonObject[] = [];
  for (const t of [...earlier, timer]) {
    if (run.snap.stage !== stageId || run.snap.status === 'final') break;
    applied.push(escalate(run, t.index));
  }
  run.auditExtra = { escalations: applied };
}

/** One escalation step of the current stage; returns what it did (for the audit row). */
function escalate(run: RunState, index: number): JsonObject {
  const stageId = run.snap.stage;
  const stage = run.def.stages[stageId];
  const d = run.snap.deadline;
  const spec = stage.deadline?.escalations?.[index];
  const action = spec?.action ?? 'notify';
  const a = run.snap.assignment;
  const params = { stage: stageId, dueAt: d?.dueAt ?? null, action, step: index };
  const holder = a ? assignmentTarget(a) : null;
  if (holder) run.effects.push({ type: 'notify', to: holder, template: 'deadline.overdue', params });
  const parent = a ? run.ctx.tree.unit(run.ctx.tree.unit(a.unitId)?.parentId ?? '') : undefined;
  const record: JsonObject = { step: index, action };
  if (action === 'notify') {
    if (parent) run.effects.push({ type: 'notify', to: { unitId: parent.id, role: 'supervisor' }, template: 'deadline.escalated', params });
    return record;
  }
  if (stage.kind === 'vote' && (action === 'auto_approve' || action === 'auto_return')) {
    closeVote(run, undefined);
    return record;
  }
  if (action === 'reassign_upward' || action === 'reassign') {
    if (!a) return { ...record, skipped: 'no_unit' };
    let next: CurrentAssignment;
    let receiver: JsonObject;
    if (action === 'reassign_upward') {
      if (!parent) return { ...record, skipped: 'no_unit' };
      next = { unitId: parent.id, role: a.role, mode: 'offer' };
      receiver = { unitId: parent.id, role: a.role };
    } else {
      const r = spec?.to ? resolveEscalationTarget(run.def, run.snap, run.ctx, spec.to) : ({ ok: false, reason: 'no_unit', details: {} } as const);
      if (!r.ok) {
        // The work stays where it is; the holder and the supervisors above are told the step could not be taken.
        if (parent) run.effects.push({ type: 'notify', to: { unitId: parent.id, role: 'supervisor' }, template: 'deadline.escalation_skipped', params: { ...params, reason: r.reason } });
        return { ...record, skipped: r.reason, ...r.details };
      }
      next = r.assignment;
      receiver = { ...r.receiver };
    }
    const from = assignmentTarget(a);
    run.snap.assignment = next;
    emitAssign(run, 'item.escalated', { action, step: index });
    // Whoever held it (a person, or the role it was offered to) is told it was taken away.
    const same = 'userId' in from ? next.userId === from.userId : next.mode === 'offer' && next.unitId === from.unitId && next.role === from.role;
    if (!same) run.effects.push({ type: 'notify', to: from, template: 'item.escalated_away', params });
    return { ...record, from: { ...from }, to: receiver };
  }
  if (stage.kind === 'fanout') {
    goTo(run, happyNext(run.def, run.snap.stage) as string, 'join');
    return record;
  }
  if (action === 'auto_return') {
    const ret = (stage.transitions ?? []).find((t) => t.on === 'return');
    run.snap.returnCount += 1;
    goTo(run, ret ? (transitionTarget(run.def, ret) as string) : run.def.initialStage, 'other');
    return record;
  }
  moveOn(run, 'approve', 'other');
  return record;
}

function onChildrenProgress(run: RunState, p: { total: number; settled: number; submitted: number }): void {
  const stage = run.def.stages[run.snap.stage];
  if (stage.kind !== 'fanout' || !stage.fanout || !run.snap.fanout) return refuse('INVALID_EVENT', 'this stage has no children');
  run.snap.fanout.progress = { total: p.total, settled: p.settled, submitted: p.submitted };
  const status = joinStatus(stage.fanout.join, p);
  if (status) {
    moveOn(run, 'children.joined', 'join');
  }
}

/** The current stage's work starts when someone takes it (`actor.start: 'on_allocation'`). */
function startsOnAllocation(run: RunState): boolean {
  return run.def.stages[run.snap.stage]?.actor?.start === 'on_allocation';
}

function onClaimLike(run: RunState, event: Extract<WorkItemEvent, { type: 'claim' | 'start' | 'release' | 'handover' | 'save_draft' }>): void {
  const a = run.snap.assignment;
  if (!a) return refuse('INVALID_EVENT', 'nothing to claim at this stage');
  const me = run.ctx.actor.userId;
  if (!run.ctx.actor.isSystem) requireRoleAt(run.ctx, run.def.key, a.role, a.unitId);
  const holder = a.userId ?? a.claimedBy;
  // Late offering: an offer shown later cannot be taken before it is shown.
  if (holder === undefined && !run.ctx.actor.isSystem && a.offeredFrom !== undefined && Date.parse(run.ctx.now) < Date.parse(a.offeredFrom) && event.type !== 'release') {
    refuse('OFFER_NOT_OPEN', `the stage is offered from ${a.offeredFrom}`, { offeredFrom: a.offeredFrom });
  }
  // Late offering by load: an offer shown only below a queue size cannot be taken by someone at or above it.
  if (holder === undefined && !run.ctx.actor.isSystem && a.queueBelow !== undefined && run.ctx.actorQueueLength !== undefined && run.ctx.actorQueueLength >= a.queueBelow && event.type !== 'release') {
    refuse('OFFER_NOT_OPEN', `the stage is offered to people holding fewer than ${a.queueBelow} open items`, { queueBelow: a.queueBelow, queueLength: run.ctx.actorQueueLength });
  }
  if (event.type === 'claim') {
    if (holder !== undefined && holder !== me) refuse('NOT_CLAIMANT', `already claimed by ${holder}`, { claimedBy: holder });
    if (!run.ctx.actor.isSystem) requireNotExcluded(run, me, 'claim');
    if (a.mode === 'offer') a.claimedBy = me;
    // Start on allocation: taking the work is starting it.
    if (startsOnAllocation(run)) a.startedAt ??= run.ctx.now;
    return;
  }
  if (holder !== undefined && holder !== me) refuse('NOT_CLAIMANT', `the item is with ${holder}`, { claimedBy: holder });
  if (event.type === 'start') {
    // Offered → (allocated →) started: starting an offered item claims it for the starter.
    if (a.startedAt) refuse('INVALID_EVENT', 'the work has already started', { startedAt: a.startedAt });
    if (!run.ctx.actor.isSystem) requireNotExcluded(run, me, 'start');
    if (a.mode === 'offer') a.claimedBy = me;
    a.startedAt = run.ctx.now;
    return;
  }
  if (event.type === 'save_draft') {
    if (!run.ctx.actor.isSystem) requireNotExcluded(run, me, 'save_draft');
    if (a.mode === 'offer') a.claimedBy = me;
    a.draft = event.draft;
    // Saving work in progress is starting it.
    a.startedAt ??= run.ctx.now;
    return;
  }
  if (event.type === 'release') {
    if (holder === undefined) refuse('INVALID_EVENT', 'the item is not claimed');
    run.snap.assignment = { unitId: a.unitId, role: a.role, mode: 'offer', ...(a.draft ? { draft: a.draft } : {}) };
    emitAssign(run, 'item.offered');
    return;
  }
  if (run.ctx.holdsRole && !run.ctx.holdsRole(event.toUserId, a.role, a.unitId)) refuse('ROLE', `${event.toUserId} does not hold ${a.role} here`, { toUserId: event.toUserId });
  requireNotExcluded(run, event.toUserId, 'handover');
  // Stateful (default): the draft goes with the work. Stateless (`keepDraft: false`): it is discarded, and the
  // history row records what was discarded. The new holder has not started yet either way.
  const stateless = event.keepDraft === false;
  const draft = stateless ? undefined : (event.draft ?? a.draft);
  if (stateless && a.draft && Object.keys(a.draft).length > 0) run.auditExtra = { keepDraft: false, discardedDraft: a.draft };
  else if (stateless) run.auditExtra = { keepDraft: false };
  const { draft: _old, startedAt: _started, ...rest } = a;
  run.snap.assignment = a.mode === 'direct' ? { ...rest, userId: event.toUserId, ...(draft ? { draft } : {}) } : { ...rest, claimedBy: event.toUserId, ...(draft ? { draft } : {}) };
  if (startsOnAllocation(run)) run.snap.assignment.startedAt = run.ctx.now;
  emitAssign(run, 'item.handed_over', { from: me });
}

/**
 * The state of the current stage's work (issue 15, line 5): `completed` once the item is final, `suspended` while
 * it is, `started` when the holder started it (the `start` event or a saved draft), `allocated` when a person holds
 * it (claimed, or assigned by name), else `offered`.
 */
export function workStateOf(snap: Pick<WorkItemSnapshot, 'status' | 'assignment'>): WorkState {
  if (snap.status === 'final') return 'completed';
  if (snap.status === 'suspended') return 'suspended';
  const a = snap.assignment;
  if (a?.startedAt) return 'started';
  if (a && (a.userId ?? a.claimedBy)) return 'allocated';
  return 'offered';
}

/**
 * `cancel` where the stage has no cancel transition: the `cancel` privilege (default admin) at the unit holding the
 * work ends the item at the definition's first final stage with outcome `cancelled`; a reason is required.
 */
function privilegedCancel(run: RunState, comment: string | undefined): void {
  requireStagePrivilege(run.ctx, run.def, run.snap, run.snap.stage, 'cancel');
  if (!comment || comment.trim() === '') refuse('COMMENT_REQUIRED', 'cancelling an item needs a reason');
  const target = Object.entries(run.def.stages).find(([, s]) => s.kind === 'final' && s.outcome === 'cancelled')?.[0];
  if (!target) return refuse('INVALID_EVENT', `workflow ${run.def.key} has no cancelled final stage`);
  goTo(run, target, 'cancel');
}

function onPrivileged(run: RunState, event: Extract<WorkItemEvent, { type: 'suspend' | 'resume' | 'skip' | 'redo' | 'reassign' }>): void {
  // Redo is a privilege over the stage redone; the others over the current stage.
  requireStagePrivilege(run.ctx, run.def, run.snap, event.type === 'redo' ? event.stage : run.snap.stage, event.type);
  const snap = run.snap;
  switch (event.type) {
    case 'suspend':
      pauseTimers(run);
      snap.status = 'suspended';
      snap.suspendedAt = run.ctx.now;
      return;
    case 'resume': {
      if (snap.status !== 'suspended') return refuse('INVALID_EVENT', 'the item is not suspended');
      const since = snap.suspendedAt ?? run.ctx.now;
      snap.status = 'active';
      delete snap.suspendedAt;
      resumeTimers(run, since);
      return;
    }
    case 'skip': {
      if (!event.reason || event.reason.trim() === '') refuse('COMMENT_REQUIRED', 'skipping a stage needs a reason');
      const next = happyNext(run.def, snap.stage);
      if (next === undefined) return refuse('INVALID_EVENT', `stage ${snap.stage} has no next stage to skip to`);
      snap.skipped[snap.stage] = { userId: run.ctx.actor.userId, reason: event.reason, at: run.ctx.now };
      return goTo(run, next, 'close');
    }
    case 'redo': {
      const idx = snap.trail.indexOf(event.stage);
      if (idx < 0 || idx === snap.trail.length - 1) refuse('INVALID_TARGET', `stage ${event.stage} is not a completed stage of this item`, { stage: event.stage });
      for (const s of snap.trail.slice(idx).filter((x) => x === event.stage || run.compiled.downstream[event.stage].includes(x))) {
        delete snap.acted[s];
        delete snap.skipped[s];
        delete snap.returnedBy[s];
        delete snap.voteResults[s];
      }
      return goTo(run, event.stage, 'cancel');
    }
    case 'reassign': {
      const a = snap.assignment;
      if (!a) return refuse('INVALID_EVENT', 'nothing is assigned at this stage');
      if (run.ctx.holdsRole && !run.ctx.holdsRole(event.toUserId, a.role, a.unitId)) refuse('ROLE', `${event.toUserId} does not hold ${a.role} here`, { toUserId: event.toUserId });
      requireNotExcluded(run, event.toUserId, 'reassign');
      snap.assignment = a.mode === 'direct' ? { ...a, userId: event.toUserId } : { ...a, claimedBy: event.toUserId };
      emitAssign(run, 'item.reassigned');
      return;
    }
  }
}

function createSnapshot(compiled: CompiledWorkflow, ctx: StepContext): RunState {
  const def = compiled.definition;
  const [initial] = initialTransition(compiled.machine);
  const submitterId = ctx.item.submitterId ?? (ctx.actor.isSystem ? null : ctx.actor.userId);
  const snap: WorkItemSnapshot = {
    schemaVersion: 1,
    workflow: def.key,
    version: def.version,
    stage: def.initialStage,
    status: 'active',
    submitterId,
    trail: [],
    seq: 0,
    enteredAt: ctx.now,
    returnCount: 0,
    acted: {},
    skipped: {},
    returnedBy: {},
    assignment: null,
    deadline: null,
    vote: null,
    voteResults: {},
    fanout: null,
    childrenOpen: false,
    machine: { status: 'active', value: def.initialStage, context: {}, historyValue: {}, children: {} },
  };
  const run: RunState = { compiled, def, ctx, snap, effects: [], hooks: [], eventType: 'create' };
  enterStage(run, def.initialStage, initial);
  const a = snap.assignment;
  if (a && !ctx.actor.isSystem) requireRoleAt(ctx, def.key, a.role, a.unitId);
  audit(run, 'create', null);
  return run;
}

function dispatch(run: RunState, event: WorkItemEvent): void {
  switch (event.type) {
    case 'create':
      return refuse('INVALID_EVENT', 'the item already exists');
    case 'claim':
    case 'start':
    case 'release':
    case 'handover':
    case 'save_draft':
      return onClaimLike(run, event);
    case 'suspend':
    case 'resume':
    case 'skip':
    case 'redo':
    case 'reassign':
      return onPrivileged(run, event);
    case 'timer.fired':
      requireSystem(run, event.type);
      return onTimer(run, event.key);
    case 'children.progress':
      requireSystem(run, event.type);
      return onChildrenProgress(run, event);
    case 'vote.cast':
      return onVoteCast(run, event.choice);
    case 'vote.close':
      return onVoteClose(run, event.tieBreak);
    default:
      return onTransitionEvent(run, event);
  }
}

function auditDetails(event: WorkItemEvent): JsonObject {
  switch (event.type) {
    case 'vote.cast':
      return {};
    case 'handover':
    case 'save_draft':
      return 'toUserId' in event ? { toUserId: event.toUserId } : {};
    case 'create':
    case 'claim':
    case 'start':
    case 'release':
    case 'resume':
    case 'vote.close':
      return {};
    default: {
      const { type: _type, ...rest } = event;
      return JSON.parse(JSON.stringify(rest)) as JsonObject;
    }
  }
}

/**
 * The pure step function: given a compiled definition, the item's persisted snapshot (null to create it), an event
 * and the context, returns the next snapshot and the effects to perform, or a typed refusal. Never does I/O and
 * never mutates its inputs.
 */
export function step(compiled: CompiledWorkflow, snapshot: WorkItemSnapshot | null, event: WorkItemEvent, ctx: StepContext): StepResult {
  try {
    let run: RunState;
    let fromStage: string | null;
    if (snapshot === null) {
      run = createSnapshot(compiled, ctx);
      fromStage = null;
      if (event.type === 'create') return { ok: true, snapshot: run.snap, effects: run.effects, hooks: run.hooks, fromStage, toStage: run.snap.stage };
      fromStage = run.snap.stage;
      run.eventType = event.type;
    } else {
      if (snapshot.workflow !== compiled.definition.key || snapshot.version !== compiled.definition.version) {
        refuse('INVALID_EVENT', `snapshot is for ${snapshot.workflow} v${snapshot.version}, not ${compiled.definition.key} v${compiled.definition.version}`);
      }
      run = { compiled, def: compiled.definition, ctx, snap: structuredClone(snapshot), effects: [], hooks: [], eventType: event.type };
      fromStage = snapshot.stage;
    }
    if (run.snap.status === 'final') refuse('ITEM_FINAL', 'the item is closed and accepts no event', { outcome: run.snap.outcome ?? null });
    if (run.snap.status === 'suspended' && event.type !== 'resume') refuse('SUSPENDED', 'the item is suspended');
    const stageBefore = run.snap.stage;
    dispatch(run, event);
    // A vote cast by a public ballot never leaks into the audit of a secret one.
    audit(run, event.type, stageBefore, { ...auditDetails(event), ...(run.auditExtra ?? {}) });
    const out: StepResult = { ok: true, snapshot: run.snap, effects: run.effects, hooks: run.hooks, fromStage, toStage: run.snap.stage };
    if (run.snap.outcome) out.outcome = run.snap.outcome;
    return out;
  } catch (e) {
    if (e instanceof RefusalError) return { ok: false, refusal: e.refusal };
    throw e;
  }
}
