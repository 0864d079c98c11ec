import type { WorkItemEventView, WorkItemView } from '@thidua/contracts';
import type { CompiledWorkflow } from '@thidua/workflow-core';
import type { ItemEventRecord } from './work-item-event.repository';
import type { WorkItemRecord } from './work-item.repository';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function toItemView(item: WorkItemRecord, compiled?: CompiledWorkflow, now = new Date()): WorkItemView {
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
      ? { unitId: a.unitId, unitPath: item.assignedUnitPath ?? '', role: a.role, mode: a.mode, userId: a.userId ?? a.claimedBy ?? null, claimedBy: a.claimedBy ?? null }
      : null,
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
  };
}

export function toEventView(e: ItemEventRecord): WorkItemEventView {
  return {
    id: e.id,
    occurredAt: new Date(e.occurredAt).toISOString(),
    event: e.event,
    actorUserId: e.actorUserId,
    onBehalfOfUserId: e.onBehalfOfUserId,
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
