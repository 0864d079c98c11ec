import type { DefinitionView } from '@thidua/contracts';
import type { HeldVisibility, HeldVisibilityLevel, HeldVisibilityRole, Privilege, Problem, Role, StageSpec, WorkflowDefinition } from '@thidua/workflow-core';

/**
 * Pure helpers of the workflow designer: grouping versions, attaching validation problems to stages, and immutable
 * edits of a definition. No React, no I/O; tested in definition-model.spec.ts.
 */

export interface WorkflowVersions {
  key: string;
  name: DefinitionView['name'];
  /** Newest version first. */
  versions: DefinitionView[];
  published: DefinitionView | null;
  draft: DefinitionView | null;
}

/** Definitions grouped by key, each with its versions newest first and its current published version and draft. */
export function groupVersions(views: readonly DefinitionView[], compare: (a: string, b: string) => number): WorkflowVersions[] {
  const byKey = new Map<string, DefinitionView[]>();
  for (const v of views) byKey.set(v.key, [...(byKey.get(v.key) ?? []), v]);
  const groups = [...byKey.entries()].map(([key, list]) => {
    const versions = [...list].sort((a, b) => b.version - a.version);
    const published = versions.find((v) => v.status === 'published') ?? null;
    const draft = versions.find((v) => v.status === 'draft') ?? null;
    return { key, name: (published ?? versions[0])!.name, versions, published, draft };
  });
  return groups.sort((a, b) => compare(a.name.vi, b.name.vi));
}

/** The key used for problems that belong to the definition as a whole rather than one stage. */
export const WHOLE_DEFINITION = '';

/** `stages.review.transitions[1].target` → `review`; anything else belongs to the whole definition. */
export function stageOfPath(path: string): string {
  const match = /^stages\.([^.[\]]+)/.exec(path);
  return match?.[1] ?? WHOLE_DEFINITION;
}

/** Problems by stage id (WHOLE_DEFINITION for the rest), each list in the order given. */
export function problemsByStage(problems: readonly Problem[]): Map<string, Problem[]> {
  const out = new Map<string, Problem[]>();
  for (const p of problems) {
    const stage = stageOfPath(p.path);
    out.set(stage, [...(out.get(stage) ?? []), p]);
  }
  return out;
}

/** The part of a problem path inside its stage: `stages.review.deadline.days` → `deadline.days`. */
export function pathInsideStage(path: string): string {
  return path.replace(/^stages\.[^.[\]]+\.?/, '');
}

/** `'3, 1'` → `[3, 1]`; blanks ignored; null when some entry is not a number ≥ 0. */
export function parseDayList(text: string): number[] | null {
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  const numbers = parts.map(Number);
  return numbers.every((n) => Number.isFinite(n) && n >= 0) ? numbers : null;
}

export function withStage(def: WorkflowDefinition, id: string, stage: StageSpec): WorkflowDefinition {
  return { ...def, stages: { ...def.stages, [id]: stage } };
}

/** Drops the keys whose value is undefined, so an emptied form field leaves no `"key": null` behind. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A stage id not used yet: `stage_2`, `stage_3`… */
export function freshStageId(def: WorkflowDefinition, base = 'stage'): string {
  let n = Object.keys(def.stages).length + 1;
  while (def.stages[`${base}_${n}`]) n += 1;
  return `${base}_${n}`;
}

export function addStage(def: WorkflowDefinition, id: string, name: string): WorkflowDefinition {
  return withStage(def, id, {
    kind: 'task',
    name: { vi: name },
    actor: { role: 'officer', unit: { kind: 'own' } },
    transitions: [],
  });
}

/** Grants or withdraws one privilege of one role at a stage; an emptied map is dropped (the definition's rules apply). */
export function withStagePrivilege(stage: StageSpec, privilege: Privilege, role: Role, isGranted: boolean, inherited: readonly Role[]): StageSpec {
  const current = stage.privileges?.[privilege] ?? inherited;
  const roles = isGranted ? [...new Set([...current, role])] : current.filter((r) => r !== role);
  const privileges = { ...stage.privileges, [privilege]: roles };
  return compact({ ...stage, privileges });
}

/** Adds or removes a stage from `distinctFrom` ("whoever acted there may not act here"). */
export function withDistinctFrom(stage: StageSpec, other: string, isDistinct: boolean): StageSpec {
  const list = (stage.distinctFrom ?? []).filter((s) => s !== other);
  if (isDistinct) list.push(other);
  return compact({ ...stage, distinctFrom: list.length > 0 ? list : undefined });
}

/** Removes a stage; references to it stay, so validation shows each one where it is. */
export function removeStage(def: WorkflowDefinition, id: string): WorkflowDefinition {
  const stages = { ...def.stages };
  delete stages[id];
  return { ...def, stages };
}

/** Stage ids of `oldDef` that `newDef` no longer has (each needs a mapping to migrate items out of it). */
export function stagesNeedingMapping(oldDef: WorkflowDefinition, newDef: WorkflowDefinition): string[] {
  return Object.entries(oldDef.stages)
    .filter(([id, s]) => s.kind !== 'final' && (!newDef.stages[id] || newDef.stages[id]?.kind !== s.kind))
    .map(([id]) => id);
}

/** A definition as the API stores it, typed for the designer (the API has validated its shape when it saved it). */
export function asDefinition(view: DefinitionView): WorkflowDefinition {
  return view.definition as unknown as WorkflowDefinition;
}

/**
 * Sets (or, with '', clears) one role's level in a `visibility` map (what the role sees of items others hold); an
 * emptied map is dropped, so the enclosing rules (the workflow's, then the default: administrators only) apply.
 */
export function withHeldVisibility(map: HeldVisibility | undefined, role: HeldVisibilityRole, level: HeldVisibilityLevel | ''): HeldVisibility | undefined {
  const next: HeldVisibility = { ...map };
  if (level === '') delete next[role];
  else next[role] = level;
  return Object.keys(next).length > 0 ? next : undefined;
}

/**
 * What a person reads for each stage in the designer's lists: its name in the language on screen (Vietnamese when
 * the stage has no English name), never its key; a name two stages share gets "(2)", "(3)"… in definition order, and
 * a stage without a name reads `unnamed(n)` (the caller's sentence "Bước chưa đặt tên n").
 */
export function stageNames(stages: WorkflowDefinition['stages'], language: 'vi' | 'en', unnamed: (n: number) => string): Record<string, string> {
  const out: Record<string, string> = {};
  const seen = new Map<string, number>();
  let blank = 0;
  for (const [id, s] of Object.entries(stages)) {
    const name = ((language === 'en' ? s.name?.en : undefined) || s.name?.vi || '').trim();
    if (!name) {
      blank += 1;
      out[id] = unnamed(blank);
      continue;
    }
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    out[id] = n === 1 ? name : `${name} (${n})`;
  }
  return out;
}
