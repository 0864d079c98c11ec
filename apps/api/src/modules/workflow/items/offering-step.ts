import { stageWaitsForHelpers, type CompiledWorkflow, type StepResult, type WorkItemEvent, type WorkItemSnapshot } from '@thidua/workflow-core';
import type { EntityManager } from 'typeorm';
import type { ActingAs } from '../engine/actor';
import type { OfferingRepository } from './offering.repository';

/** What the step reads of early commitments, co-sign requests and the actor's load (issue 15, line 6). */
export interface OfferingExtras {
  commitments?: Record<string, string[]>;
  pendingCosigns?: number;
  openWorkCount?: number;
}

const CLAIMING = new Set<WorkItemEvent['type']>(['claim', 'start', 'save_draft']);

/** Reads only what applies: commitments when a stage is upcoming, co-signs under `helpers.wait`, load under `whenLoadBelow`. */
export async function offeringExtras(repo: OfferingRepository, itemId: string, snapshot: WorkItemSnapshot | null, compiled: CompiledWorkflow, event: WorkItemEvent, acting: ActingAs, m?: EntityManager): Promise<OfferingExtras> {
  const out: OfferingExtras = {};
  if (!snapshot) return out;
  if ((snapshot.upcoming ?? []).length > 0) out.commitments = await repo.activeByStage(itemId, m);
  if (stageWaitsForHelpers(compiled.definition.stages[snapshot.stage])) out.pendingCosigns = await repo.pendingCosigns(itemId, snapshot.seq, m);
  const a = snapshot.assignment;
  if (acting.kind === 'user' && a?.loadBelow !== undefined && a.claimedBy === undefined && a.userId === undefined && CLAIMING.has(event.type)) out.openWorkCount = await repo.openWorkCount(acting.principal.userId, m);
  return out;
}

/** The stage whose commitments this step settles (it entered a stage someone committed to), if any. */
export function commitmentsToSettle(extras: OfferingExtras | undefined, before: WorkItemSnapshot | null, result: Extract<StepResult, { ok: true }>): { stage: string; allocatedTo: string | null } | null {
  const snap = result.snapshot;
  if (!extras?.commitments || !before || snap.seq === before.seq) return null;
  if ((extras.commitments[snap.stage] ?? []).length === 0) return null;
  const a = snap.assignment;
  return { stage: snap.stage, allocatedTo: a?.committed ? (a.claimedBy ?? null) : null };
}
