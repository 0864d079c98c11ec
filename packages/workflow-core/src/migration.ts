import type { CompiledWorkflow } from './compile';
import type { WorkflowDefinition } from './definition-types';
import type { Problem } from './field-types';
import { persistMachine, restoreMachine } from './machine-move';
import type { WorkItemSnapshot } from './snapshot-types';

/** Old stage id → new stage id. Final stages need no entry (final items are not migrated). */
export type StageMapping = Record<string, string>;

export type MigrationRefusalCode = 'WRONG_VERSION' | 'ITEM_FINAL' | 'UNMAPPED_STAGE' | 'TARGET_MISSING' | 'VOTE_IN_PROGRESS' | 'KIND_CHANGED';

export type MigrationResult =
  | { ok: true; snapshot: WorkItemSnapshot; needsReassignment: boolean }
  | { ok: false; reason: { code: MigrationRefusalCode; message: string } };

/** Problems of a mapping between two versions of a workflow. */
export function validateMigration(oldDef: WorkflowDefinition, newDef: WorkflowDefinition, mapping: StageMapping): Problem[] {
  const out: Problem[] = [];
  if (oldDef.key !== newDef.key) out.push({ path: 'key', code: 'different_workflow', message: `cannot migrate ${oldDef.key} to ${newDef.key}` });
  if (newDef.version <= oldDef.version) out.push({ path: 'version', code: 'version_not_newer', message: 'the new version must be higher' });
  for (const [from, to] of Object.entries(mapping)) {
    if (!oldDef.stages[from]) out.push({ path: `mapping.${from}`, code: 'unknown_stage', message: `${from} is not a stage of version ${oldDef.version}` });
    if (!newDef.stages[to]) out.push({ path: `mapping.${from}`, code: 'target_missing', message: `${to} is not a stage of version ${newDef.version}` });
    else if (oldDef.stages[from]) {
      const a = oldDef.stages[from].kind;
      const b = newDef.stages[to].kind;
      if (a !== b && (a === 'vote' || a === 'fanout' || b === 'final')) out.push({ path: `mapping.${from}`, code: 'kind_changed', message: `${from} (${a}) cannot become ${to} (${b})` });
    }
  }
  for (const [id, s] of Object.entries(oldDef.stages)) {
    if (s.kind === 'final' || mapping[id] !== undefined) continue;
    if (newDef.stages[id] && newDef.stages[id].kind === s.kind) continue;
    out.push({ path: `mapping.${id}`, code: 'unmapped_stage', message: `stage ${id} has no counterpart in version ${newDef.version}` });
  }
  return out;
}

function mapKeys<T>(rec: Record<string, T>, map: (s: string) => string | undefined): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(rec)) {
    const m = map(k);
    if (m !== undefined) out[m] = v;
  }
  return out;
}

/**
 * Moves a running item to a new version. Stages keep their id unless mapped; history (acted, skipped, returners,
 * vote results, trail) follows the mapping and drops what has no counterpart.
 */
export function migrateSnapshot(oldCompiled: CompiledWorkflow, newCompiled: CompiledWorkflow, snapshot: WorkItemSnapshot, mapping: StageMapping): MigrationResult {
  const oldDef = oldCompiled.definition;
  const newDef = newCompiled.definition;
  const fail = (code: MigrationRefusalCode, message: string): MigrationResult => ({ ok: false, reason: { code, message } });
  if (snapshot.workflow !== oldDef.key || snapshot.version !== oldDef.version) return fail('WRONG_VERSION', `the item is at ${snapshot.workflow} v${snapshot.version}`);
  if (snapshot.status === 'final') return fail('ITEM_FINAL', 'final items keep the version they ended in');
  const map = (s: string): string | undefined => mapping[s] ?? (newDef.stages[s] ? s : undefined);
  const target = mapping[snapshot.stage] ?? snapshot.stage;
  if (mapping[snapshot.stage] === undefined && !newDef.stages[snapshot.stage]) return fail('UNMAPPED_STAGE', `stage ${snapshot.stage} is not mapped`);
  const newStage = newDef.stages[target];
  if (!newStage) return fail('TARGET_MISSING', `stage ${target} does not exist in version ${newDef.version}`);
  const oldStage = oldDef.stages[snapshot.stage];
  if (snapshot.vote && snapshot.vote.voters.length > 0 && (newStage.kind !== 'vote' || JSON.stringify(newStage.vote) !== JSON.stringify(oldStage.vote))) {
    return fail('VOTE_IN_PROGRESS', 'ballots were cast under the old vote rules; close the vote first');
  }
  if (oldStage.kind !== newStage.kind && (oldStage.kind === 'vote' || oldStage.kind === 'fanout' || newStage.kind !== 'task')) {
    return fail('KIND_CHANGED', `stage ${snapshot.stage} (${oldStage.kind}) cannot become ${target} (${newStage.kind})`);
  }
  const next: WorkItemSnapshot = structuredClone(snapshot);
  next.version = newDef.version;
  next.stage = target;
  next.machine = persistMachine(newCompiled, restoreMachine(newCompiled, target));
  next.trail = snapshot.trail.map(map).filter((s): s is string => s !== undefined);
  if (!next.trail.includes(target)) next.trail.push(target);
  next.acted = mapKeys(snapshot.acted, map);
  next.skipped = mapKeys(snapshot.skipped, map);
  next.returnedBy = mapKeys(snapshot.returnedBy, map);
  next.voteResults = mapKeys(snapshot.voteResults, map);
  const a = (s: typeof oldStage) => JSON.stringify(s.kind === 'vote' ? s.vote?.voters : s.actor);
  return { ok: true, snapshot: next, needsReassignment: a(oldStage) !== a(newStage) };
}
