import type { NominationStatus } from '@thidua/contracts';
import type { WorkflowDefinition, WorkItemSnapshot } from '@thidua/workflow-core';

/** What the derivation reads of a nomination's work item. */
export interface NominationItemState {
  stage: string;
  status: 'active' | 'suspended' | 'final';
  outcome: string | null;
  assignedUnitId: string | null;
  snapshot: Pick<WorkItemSnapshot, 'returnCount' | 'vote' | 'voteResults'>;
}

/** The item's last history event (enough to tell what the last step did). */
export interface LastEvent {
  event: string;
  fromStage: string | null;
  toStage: string | null;
}

/**
 * Where a nomination stands, derived from its work item alone (never stored beside it), by the shape of
 * the definition — its initial stage, vote stages and their results, final outcomes — and by which unit
 * holds it, never by stage ids, so a definition with renamed stages derives the same statuses:
 * - final: approved → awarded; cancelled → withdrawn; rejected → failed when the last step closed a
 *   vote that failed, otherwise rejected;
 * - at a vote stage with its vote open → in_vote;
 * - the last step closed a vote (left a vote stage) → that vote's result: passed or no_quorum;
 * - at the initial stage → draft, or returned once it has been sent back;
 * - held by the nominating unit itself (its own committee deciding) or its parent → submitted;
 * - held further up → forwarded.
 */
export function nominationStatus(
  def: Pick<WorkflowDefinition, 'initialStage' | 'stages'>,
  item: NominationItemState,
  nomination: { nominatingUnitId: string; nominatingParentId: string | null },
  last: LastEvent | null,
): { status: NominationStatus; atUnitId: string | null } {
  const results = item.snapshot.voteResults ?? {};
  const closedVote = last && last.fromStage && last.fromStage !== last.toStage && def.stages[last.fromStage]?.kind === 'vote' ? results[last.fromStage] : undefined;
  if (item.status === 'final') {
    if (item.outcome === 'approved') return { status: 'awarded', atUnitId: null };
    if (item.outcome === 'cancelled') return { status: 'withdrawn', atUnitId: null };
    return { status: closedVote?.outcome === 'failed' ? 'failed' : 'rejected', atUnitId: null };
  }
  const at = item.assignedUnitId;
  if (def.stages[item.stage]?.kind === 'vote' && item.snapshot.vote) return { status: 'in_vote', atUnitId: at };
  if (closedVote?.outcome === 'passed') return { status: 'passed', atUnitId: at };
  if (closedVote?.outcome === 'no_quorum') return { status: 'no_quorum', atUnitId: at };
  if (item.stage === def.initialStage) return { status: item.snapshot.returnCount > 0 ? 'returned' : 'draft', atUnitId: at };
  if (at === nomination.nominatingUnitId || at === nomination.nominatingParentId) return { status: 'submitted', atUnitId: at };
  return { status: 'forwarded', atUnitId: at };
}
