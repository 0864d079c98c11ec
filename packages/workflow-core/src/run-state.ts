import type { JsonObject } from './json';
import type { CompiledWorkflow } from './compile';
import type { StepContext } from './context-types';
import type { WorkflowDefinition } from './definition-types';
import type { Effect } from './effect-types';
import type { FiredHook } from './hooks';
import type { EvaluationScope } from './expression';
import type { WorkItemSnapshot } from './snapshot-types';

/** The working state of one step: a private copy of the snapshot and the effects gathered so far. */
export interface RunState {
  compiled: CompiledWorkflow;
  def: WorkflowDefinition;
  ctx: StepContext;
  snap: WorkItemSnapshot;
  effects: Effect[];
  /** Stage hooks fired so far by this step, in order (leave of the stage left, enter of the stage entered). */
  hooks: FiredHook[];
  /** The event type of this step (`create` while creating). */
  eventType: string;
  /** Details the step's own audit row carries beyond the event's (e.g. the draft a stateless hand-over discarded). */
  auditExtra?: JsonObject;
}

/** What guards see: the item's data and the engine's context fields. */
export function evaluationScope(run: RunState): EvaluationScope {
  const unit = run.ctx.tree.unit(run.ctx.item.unitId);
  return {
    data: run.ctx.item.data,
    context: {
      unitKind: unit?.kind ?? null,
      unitCode: unit?.code ?? null,
      now: run.ctx.now,
      returnCount: run.snap.returnCount,
      submitterId: run.snap.submitterId,
      actorId: run.ctx.actor.userId,
    },
  };
}
