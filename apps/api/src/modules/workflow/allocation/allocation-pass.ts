import { afterAllocation, type AllocationInput, type CompiledWorkflow, type Effect, type StepContext, type WorkItemSnapshot } from '@thidua/workflow-core';
import type { EntityManager } from 'typeorm';
import { allocationKeyOf, AllocationRepository, type AllocationKey, type AllocationMade } from './allocation.repository';

/** Whether a step entered a stage whose work a strategy allocates and nobody holds it yet (no inputs were read). */
export function needsAllocation(compiled: CompiledWorkflow, before: WorkItemSnapshot | null, after: WorkItemSnapshot): boolean {
  const a = after.assignment;
  if (!a || a.userId !== undefined || a.claimedBy !== undefined || after.status === 'final') return false;
  if (before && before.seq === after.seq) return false;
  return compiled.definition.stages[after.stage]?.actor?.assignment?.mode === 'allocate';
}

/**
 * The seed of the random strategy for an item being created (it has no id yet): a fan-out child is the only child of
 * its parent at its unit; any other new item adds the time and its place in the batch.
 */
export function creationSeed(parentItemId: string | null, unitId: string, now: Date, index: number): string {
  return parentItemId ? `${parentItemId}:${unitId}` : `new:${unitId}:${now.toISOString()}:${index}`;
}

/** The (stage, unit, role) a step that needs allocation entered. */
export function allocationKey(after: WorkItemSnapshot): AllocationKey {
  const a = after.assignment as NonNullable<WorkItemSnapshot['assignment']>;
  return { stage: after.stage, unitId: a.unitId, role: a.role };
}

/**
 * One allocation pass inside a transaction: the cursor rows of every (stage, unit) of the pass locked and their
 * inputs read (two statements for any number of items), then each step allocates with the inputs as the decisions
 * before it left them (`afterAllocation`), and the pass's allocations are recorded in one statement.
 */
export class AllocationPass {
  private readonly made: AllocationMade[] = [];

  private constructor(private readonly inputs: Map<string, Omit<AllocationInput, 'seed'>>) {}

  static async open(repo: AllocationRepository, m: EntityManager, workflowKey: string, keys: readonly AllocationKey[]): Promise<AllocationPass> {
    await repo.lock(m, workflowKey, keys);
    return new AllocationPass(await repo.inputsFor(m, workflowKey, keys));
  }

  /** The inputs of one (stage, unit, role) now, with the seed of the random strategy. */
  inputOf(key: AllocationKey, seed: string): AllocationInput | undefined {
    const i = this.inputs.get(allocationKeyOf(key));
    return i ? { ...i, seed } : undefined;
  }

  /** `StepContext.allocation` for one item's step. */
  provider(seed: string): NonNullable<StepContext['allocation']> {
    return (stage, unitId, role) => this.inputOf({ stage, unitId, role }, seed);
  }

  /** Takes a decision into account: later decisions of the pass see it. */
  took(key: AllocationKey, userId: string, at: string): void {
    const k = allocationKeyOf(key);
    const i = this.inputs.get(k);
    if (i) this.inputs.set(k, afterAllocation({ ...i, seed: '' }, userId, at));
    this.made.push({ stage: key.stage, unitId: key.unitId, userId });
  }

  /** Takes a step's `record_allocation` effects into account. */
  tookEffects(effects: readonly Effect[], at: string): void {
    for (const e of effects) if (e.type === 'record_allocation') this.took({ stage: e.stage, unitId: e.unitId, role: e.role }, e.userId, at);
  }

  /** What the pass allocated, in order (for `AllocationRepository.record`). */
  allocations(): readonly AllocationMade[] {
    return this.made;
  }
}
