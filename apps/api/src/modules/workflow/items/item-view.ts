import type { ItemVoteView, WorkItemEventView, WorkItemView } from '@thidua/contracts';
import { workStateOf, type CompiledWorkflow } from '@thidua/workflow-core';
import type { ItemEventRecord } from './work-item-event.repository';
import type { WorkItemRecord } from './work-item.repository';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** What the vote part of an item's view needs to know about the caller (see `ItemViewer` in items.service). */
export interface VoteViewer {
  userId: string;
  /** Whether the caller reads the item's ballot (eligible voter, secretary, supervisor/admin of the deciding unit). */
  reads: boolean;
  /** Vote stages the caller voted in (needed only for a closed vote: the snapshot forgets the voters on close). */
  votedStages?: ReadonlySet<string>;
  /** Eligible voters of the open vote when the snapshot has not fixed them yet. */
  eligibleNow?: number;
}

/**
 * The vote of the current vote stage (open: counts of who voted, no tally), otherwise the item's last closed vote
 * (its counts and outcome). Votes never expose a choice per voter; a secret ballot keeps none.
 */
export function voteView(item: WorkItemRecord, compiled: CompiledWorkflow | undefined, viewer?: VoteViewer): ItemVoteView | null {
  if (!compiled || !viewer?.reads) return null;
  const stages = compiled.definition.stages;
  const snap = item.snapshot;
  const current = stages[item.stage];
  if (item.status !== 'final' && current?.kind === 'vote' && current.vote && snap.vote) {
    const v = snap.vote;
    return {
      stage: item.stage,
      status: 'open',
      ballot: current.vote.ballot,
      eligible: v.eligible?.length ?? viewer?.eligibleNow ?? 0,
      cast: v.voters.length,
      hasVoted: v.voters.includes(viewer.userId),
      tally: null,
      outcome: null,
    };
  }
  const results = snap.voteResults ?? {};
  const closedStage = [...(snap.trail ?? [])].reverse().find((s) => results[s]) ?? Object.keys(results).pop();
  const r = closedStage ? results[closedStage] : undefined;
  if (!closedStage || !r) return null;
  return {
    stage: closedStage,
    status: 'closed',
    ballot: stages[closedStage]?.vote?.ballot ?? 'secret',
    eligible: r.eligible,
    cast: r.yes + r.no + r.abstain,
    hasVoted: viewer.votedStages?.has(closedStage) ?? false,
    tally: { yes: r.yes, no: r.no, abstain: r.abstain },
    outcome: r.outcome,
  };
}

/** Whether the view of this item needs the caller's votes read from the history (a closed vote). */
export function needsVotedStages(item: WorkItemRecord): boolean {
  return Object.keys(item.snapshot.voteResults ?? {}).length > 0;
}

export function toItemView(item: WorkItemRecord, compiled?: CompiledWorkflow, now = new Date(), viewer?: VoteViewer): WorkItemView {
  const a = item.snapshot.assignment;
  const stageSpec = compiled?.definition.stages[item.stage];
  const dueAt = iso(item.dueAt);
  return {
    id: item.id,
    workflow: item.workflowKey,
    workflowVersion: item.workflowVersion,
    definitionId: item.definitionId,
    title: item.title,
    unitId: item.unitId,
    unitPath: item.unitPath,
    campaignId: item.campaignId,
    parentItemId: item.parentItemId,
    stage: item.stage,
    stageName: stageSpec ? stageSpec.name : null,
    status: item.status,
    outcome: item.outcome,
    data: item.data,
    assignment: a
      ? { unitId: a.unitId, unitPath: item.assignedUnitPath ?? '', role: a.role, mode: a.mode, userId: a.userId ?? a.claimedBy ?? null, claimedBy: a.claimedBy ?? null, startedAt: a.startedAt ?? null }
      : null,
    workState: workStateOf(item.snapshot),
    draft: (a?.draft as Record<string, unknown> | undefined) ?? null,
    dueAt,
    isOverdue: item.status === 'active' && dueAt !== null && Date.parse(dueAt) < now.getTime(),
    submitterId: item.submitterId,
    version: item.version,
    createdAt: iso(item.createdAt) as string,
    updatedAt: iso(item.updatedAt) as string,
    cascade: item.cascade
      ? { status: item.cascade.status, reached: item.cascade.reached, total: item.cascade.total, submitted: item.cascade.submitted, settled: item.cascade.settled }
      : null,
    vote: voteView(item, compiled, viewer),
  };
}

export function toEventView(e: ItemEventRecord): WorkItemEventView {
  return {
    id: e.id,
    occurredAt: new Date(e.occurredAt).toISOString(),
    event: e.event,
    actorUserId: e.actorUserId,
    actorName: e.actorName ?? null,
    onBehalfOfUserId: e.onBehalfOfUserId,
    onBehalfOfName: e.onBehalfOfName ?? null,
    actorUnitPath: e.actorUnitPath,
    fromStage: e.fromStage,
    toStage: e.toStage,
    comment: e.comment,
    changes: e.changes as WorkItemEventView['changes'],
    details: e.details,
    itemVersion: e.itemVersion,
  };
}

/** Field → {from, to} for every top-level field whose value changed. */
export function diffData(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = { from: before[k] ?? null, to: after[k] ?? null };
  }
  return out;
}
