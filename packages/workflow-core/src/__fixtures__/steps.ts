import type { CompiledWorkflow } from '../compile';
import type { StepContext } from '../context-types';
import type { WorkItemEvent } from '../event-types';
import type { RefusalCode } from '../refusal';
import type { WorkItemSnapshot } from '../snapshot-types';
import { step, type StepResult } from '../step';

export type StepOk = Extract<StepResult, { ok: true }>;

export function ok(r: StepResult): StepOk {
  if (!r.ok) throw new Error(`refused: ${r.refusal.code} ${r.refusal.message}`);
  return r;
}

export function runner(compiled: CompiledWorkflow) {
  return {
    go: (snap: WorkItemSnapshot | null, event: WorkItemEvent, ctx: StepContext): StepOk => ok(step(compiled, snap, event, ctx)),
    refused: (snap: WorkItemSnapshot | null, event: WorkItemEvent, ctx: StepContext): RefusalCode => {
      const r = step(compiled, snap, event, ctx);
      if (r.ok) throw new Error(`expected a refusal, got stage ${r.toStage}`);
      return r.refusal.code;
    },
  };
}
