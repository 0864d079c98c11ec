import type { Outcome, StageKind, StageHookRef, WorkflowDefinition, HookMoment } from './definition-types';
import type { Problem } from './field-types';

/** A hook fired by one step: the hooks of the stage left (`leave`) and of the stage entered (`enter`), in order. */
export interface FiredHook {
  name: string;
  on: HookMoment;
  /** The stage whose hook this is. */
  stage: string;
  /** The event type of the step that fired it (`create` for the initial stage of a new item). */
  event: string;
}

/** What a registered hook needs from the stage that carries it. Every constraint is optional. */
export interface HookContract {
  /** Moments the hook may be attached at (default both). */
  on?: HookMoment[];
  /** Stage kinds the hook may be attached to. */
  stageKinds?: StageKind[];
  /** For final stages: the outcomes the hook may be attached to (a non-final stage fails this check). */
  outcomes?: Outcome[];
  /** Data fields the definition must declare (anywhere: dataFields or a stage's fields). */
  requiresFields?: string[];
}

/** A hook some workflows must carry: `workflow` is a key or a prefix ending in `*`. */
export interface RequiredHook {
  workflow: string;
  hook: string;
  /** Minimum number of stages carrying the hook (default 1). */
  min?: number;
  /** Maximum number of stages carrying the hook (default unbounded). */
  max?: number;
}

/** The hooks the runtime knows (registered by domain modules), and those some workflows must carry. */
export interface HookCatalogue {
  contracts: Record<string, HookContract>;
  required?: RequiredHook[];
}

/** Problem codes of hook checks (stable, for clients). */
export const HOOK_PROBLEM_CODES = [
  'shape.hooks',
  'shape.tags',
  'hook.unknown',
  'hook.duplicate',
  'hook.wrong_moment',
  'hook.wrong_stage_kind',
  'hook.wrong_outcome',
  'hook.missing_fields',
  'hook.required_missing',
  'hook.too_many',
] as const;

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Whether a required-hook rule applies to a workflow key (`evaluation_*` matches `evaluation_abc`). */
export function workflowMatches(pattern: string, key: string): boolean {
  return pattern.endsWith('*') ? key.startsWith(pattern.slice(0, -1)) : pattern === key;
}

/** Shape of `hooks` and `tags` of one stage (checked with or without a catalogue). */
export function checkStageHookShape(s: Rec, path: string, add: (path: string, code: string, message: string) => void): void {
  if (s.hooks !== undefined) {
    if (!Array.isArray(s.hooks)) add(`${path}.hooks`, 'shape.hooks', 'hooks must be a list of {name, on}');
    else
      s.hooks.forEach((h, i) => {
        if (!isRec(h) || typeof h.name !== 'string' || h.name.length === 0 || (h.on !== 'enter' && h.on !== 'leave')) {
          add(`${path}.hooks[${i}]`, 'shape.hooks', 'a hook is {name: string, on: enter|leave}');
        }
      });
  }
  if (s.tags !== undefined && (!Array.isArray(s.tags) || !s.tags.every((t) => typeof t === 'string' && t.length > 0))) {
    add(`${path}.tags`, 'shape.tags', 'tags must be a list of non-empty strings');
  }
}

/** Every hook problem of a definition against a catalogue, each with its path and a stable code. */
export function checkHooks(def: WorkflowDefinition, catalogue: HookCatalogue): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, code: string, message: string): void => void problems.push({ path, code, message });
  const declared = new Set<string>();
  for (const f of def.dataFields ?? []) if (isRec(f) && typeof f.name === 'string') declared.add(f.name);
  for (const s of Object.values(def.stages)) for (const f of s.fields ?? []) if (isRec(f) && typeof f.name === 'string') declared.add(f.name);
  const counts = new Map<string, number>();
  for (const [id, s] of Object.entries(def.stages)) {
    if (!Array.isArray(s.hooks)) continue;
    const seen = new Set<string>();
    s.hooks.forEach((h: StageHookRef, i) => {
      if (!isRec(h) || typeof h.name !== 'string') return;
      const p = `stages.${id}.hooks[${i}]`;
      const contract = catalogue.contracts[h.name];
      if (!contract) return add(`${p}.name`, 'hook.unknown', `no module registers a hook named ${h.name}`);
      const k = `${h.name}|${h.on}`;
      if (seen.has(k)) add(p, 'hook.duplicate', `hook ${h.name} is attached twice on ${h.on}`);
      seen.add(k);
      counts.set(h.name, (counts.get(h.name) ?? 0) + 1);
      if (contract.on && !contract.on.includes(h.on)) add(`${p}.on`, 'hook.wrong_moment', `hook ${h.name} runs on ${contract.on.join(' or ')}, not on ${h.on}`);
      if (contract.stageKinds && !contract.stageKinds.includes(s.kind)) add(p, 'hook.wrong_stage_kind', `hook ${h.name} belongs on a ${contract.stageKinds.join(' or ')} stage, not on a ${s.kind} stage`);
      if (contract.outcomes && (s.kind !== 'final' || !s.outcome || !contract.outcomes.includes(s.outcome))) {
        add(p, 'hook.wrong_outcome', `hook ${h.name} belongs on a final stage with outcome ${contract.outcomes.join(' or ')}`);
      }
      const missing = (contract.requiresFields ?? []).filter((f) => !declared.has(f));
      if (missing.length > 0) add(p, 'hook.missing_fields', `hook ${h.name} needs the data field(s) ${missing.join(', ')}, which the definition does not declare`);
    });
  }
  for (const r of catalogue.required ?? []) {
    if (typeof def.key !== 'string' || !workflowMatches(r.workflow, def.key)) continue;
    const n = counts.get(r.hook) ?? 0;
    const min = r.min ?? 1;
    if (n < min) add('stages', 'hook.required_missing', `workflow ${def.key} needs hook ${r.hook} on at least ${min} stage(s); found ${n}`);
    if (r.max !== undefined && n > r.max) add('stages', 'hook.too_many', `workflow ${def.key} may carry hook ${r.hook} on at most ${r.max} stage(s); found ${n}`);
  }
  return problems;
}

/** Ids of the stages carrying a tag, in definition order. */
export function stagesTagged(def: WorkflowDefinition, tag: string): string[] {
  return Object.entries(def.stages)
    .filter(([, s]) => s.tags?.includes(tag))
    .map(([id]) => id);
}

/** Ids of the stages carrying a hook (on any moment unless given), in definition order. */
export function stagesWithHook(def: WorkflowDefinition, name: string, on?: HookMoment): string[] {
  return Object.entries(def.stages)
    .filter(([, s]) => s.hooks?.some((h) => h.name === name && (on === undefined || h.on === on)))
    .map(([id]) => id);
}
