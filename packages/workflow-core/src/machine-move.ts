import { transition } from 'xstate';
import type { CompiledWorkflow, MachineEvent, WorkflowMachineSnapshot } from './compile';
import type { PersistedMachineSnapshot } from './snapshot-types';

/** Restores the machine snapshot of a stage (the machine is flat with an empty context). */
export function restoreMachine(compiled: CompiledWorkflow, stage: string): WorkflowMachineSnapshot {
  return compiled.machine.resolveState({ value: stage, context: {} });
}

/** The persisted (JSON) form of a machine snapshot. */
export function persistMachine(compiled: CompiledWorkflow, snap: WorkflowMachineSnapshot): PersistedMachineSnapshot {
  const p = compiled.machine.getPersistedSnapshot(snap) as unknown as { status: string; value: string };
  return { status: p.status, value: p.value, context: {}, historyValue: {}, children: {} };
}

/**
 * Runs one event through the machine with XState's pure `transition`. Returns the next machine snapshot, or null
 * when no transition of the stage is enabled for the event (unknown event or every guard false).
 */
export function machineMove(compiled: CompiledWorkflow, stage: string, event: MachineEvent): WorkflowMachineSnapshot | null {
  const current = restoreMachine(compiled, stage);
  if (compiled.machine.getTransitionData(current, event).length === 0) return null;
  const [next] = transition(compiled.machine, current, event);
  return next;
}
