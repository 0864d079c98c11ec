import { setup, type SnapshotFrom } from 'xstate';
import type { WorkflowDefinition } from './definition-types';
import type { Expression } from './expression-types';
import { evaluate, type EvaluationScope } from './expression';
import type { FieldSpec, Problem } from './field-types';
import { reachableFrom, stageEdges } from './graph';
import { declaredFields, validateDefinition } from './validate-definition';

/** Events the compiled machine understands: definition events, system moves and `engine.goto`. */
export interface MachineEvent {
  type: string;
  scope?: EvaluationScope;
  /** For `engine.goto` (return to a named stage, redo, skip, migration). */
  target?: string;
}

const EMPTY_SCOPE: EvaluationScope = { data: {}, context: {} };

function buildSetup() {
  return setup({
    types: { context: {} as Record<string, never>, events: {} as MachineEvent },
    guards: {
      expr: ({ event }, params: { expr: Expression }) => evaluate(params.expr, event.scope ?? EMPTY_SCOPE),
      targetIs: ({ event }, params: { stage: string }) => event.target === params.stage,
    },
  });
}

type MachineSetup = ReturnType<typeof buildSetup>;
type MachineConfig = Parameters<MachineSetup['createMachine']>[0];
type StatesConfig = NonNullable<MachineConfig['states']>;
type StateConfig = StatesConfig[string];
type TransitionConfigs = Array<{ target: string; guard?: { type: 'expr'; params: { expr: Expression } } | { type: 'targetIs'; params: { stage: string } } }>;

export type WorkflowMachine = ReturnType<MachineSetup['createMachine']>;
export type WorkflowMachineSnapshot = SnapshotFrom<WorkflowMachine>;

export interface CompiledWorkflow {
  definition: WorkflowDefinition;
  machine: WorkflowMachine;
  /** Every declared data field. */
  fields: FieldSpec[];
  /** For each stage, the stages reachable from it going forward (redo resets these). */
  downstream: Record<string, string[]>;
  /** For each stage, the earlier stages an item there may be returned to. */
  earlier: Record<string, string[]>;
}

export class DefinitionInvalidError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`invalid workflow definition: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
}

/** Builds the XState machine: one flat state per stage, final stages are `type: 'final'`. */
export function buildMachine(def: WorkflowDefinition): WorkflowMachine {
  const states: StatesConfig = {};
  const stageIds = Object.keys(def.stages);
  for (const id of stageIds) {
    const stage = def.stages[id];
    if (stage.kind === 'final') {
      states[id] = { type: 'final' };
      continue;
    }
    const on: Record<string, TransitionConfigs> = {};
    for (const e of stageEdges(def, id)) {
      const list = (on[e.event] ??= []);
      const t = e.transitionIndex !== undefined ? stage.transitions?.[e.transitionIndex] : undefined;
      list.push(t?.guard ? { target: e.target, guard: { type: 'expr', params: { expr: t.guard } } } : { target: e.target });
    }
    on['engine.goto'] = stageIds.map((s) => ({ target: s, guard: { type: 'targetIs', params: { stage: s } } }));
    const config: StateConfig = { on };
    states[id] = config;
  }
  return buildSetup().createMachine({ id: def.key, initial: def.initialStage, context: {}, states });
}

/** Validates (without workflow lookups) and compiles a definition; throws DefinitionInvalidError. */
export function compileDefinition(def: WorkflowDefinition): CompiledWorkflow {
  const problems = validateDefinition(def);
  if (problems.length > 0) throw new DefinitionInvalidError(problems);
  const downstream: Record<string, string[]> = {};
  const earlier: Record<string, string[]> = {};
  const ids = Object.keys(def.stages);
  for (const id of ids) {
    const fwd = reachableFrom(def, id, true);
    fwd.delete(id);
    downstream[id] = [...fwd];
    earlier[id] = [];
  }
  for (const id of ids) {
    if (def.stages[id].kind === 'final') continue;
    for (const later of downstream[id]) if (later !== id) earlier[later].push(id);
  }
  return { definition: def, machine: buildMachine(def), fields: declaredFields(def), downstream, earlier };
}
