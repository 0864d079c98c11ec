import type { FanoutSpec, WorkflowDefinition } from './definition-types';
import type { WorkItemSnapshot } from './snapshot-types';

/**
 * Fan-out rules the runtime applies around the engine's step (issue 15, line 7). Pure: the runtime reads the parent
 * and the children, these say what may happen.
 */

/** The fan-out stage of `parentDef` that spawns `childWorkflow` (the first one, in definition order). */
export function spawningFanout(parentDef: WorkflowDefinition, childWorkflow: string): { stage: string; fanout: FanoutSpec } | undefined {
  for (const [stage, s] of Object.entries(parentDef.stages)) if (s.kind === 'fanout' && s.fanout?.childWorkflow === childWorkflow) return { stage, fanout: s.fanout };
  return undefined;
}

/** Whether the parent is still collecting: at its fan-out stage, not final. */
export function isCollecting(parentSnap: Pick<WorkItemSnapshot, 'status' | 'fanout'>): boolean {
  return parentSnap.status !== 'final' && parentSnap.fanout !== null;
}

/**
 * Whether a child's first submission comes too late: its parent has stopped collecting (the join was met, the
 * collection closed, the parent ended) and the fan-out says `lateSubmissions: false`. The runtime refuses it with
 * LATE_SUBMISSION. A parent that never was a fan-out of this child's workflow refuses nothing.
 */
export function isLateSubmission(parentDef: WorkflowDefinition, parentSnap: Pick<WorkItemSnapshot, 'status' | 'fanout'>, childWorkflow: string): boolean {
  if (isCollecting(parentSnap)) return false;
  const spawning = spawningFanout(parentDef, childWorkflow);
  return spawning !== undefined && spawning.fanout.lateSubmissions === false;
}

/** Which open children a `close_children` effect finishes. */
export interface ChildrenToFinish {
  /** Only children that have not submitted yet (at the first level; below a finished child, everything goes). */
  onlyUnsubmitted: boolean;
  /** Also the children of children (nested cascades). */
  descendants: boolean;
}

/**
 * Closing a collection finishes the children that have not submitted; "cancel the rest" when the join is met
 * likewise never cancels a child that already submitted (its work is in and under review); cancelling the parent
 * (or it leaving the stage otherwise) cancels everything below it.
 */
export function childrenToFinish(mode: 'cancel' | 'close', reason: string): ChildrenToFinish {
  if (mode === 'close') return { onlyUnsubmitted: true, descendants: false };
  if (reason === 'join_met') return { onlyUnsubmitted: true, descendants: true };
  return { onlyUnsubmitted: false, descendants: true };
}
