import type { TreeView } from './context-types';
import type { StageKind, WorkflowDefinition } from './definition-types';
import { happyNext } from './graph';
import type { Role } from './roles';
import { resolveUnit } from './units';

export interface RouteStop {
  stageId: string;
  stageName: string;
  kind: StageKind;
  /** The unit acting at the stage; null for stages nobody acts at (final) or when no unit matches. */
  unit: { id: string; code: string; kind: string } | null;
  role: Role | null;
}

/** The stages an item of `unitId` passes along the happy path (submit/approve/... unguarded first), to a final stage. */
export function previewRoute(def: WorkflowDefinition, unitId: string, tree: TreeView): RouteStop[] {
  const out: RouteStop[] = [];
  const seen = new Set<string>();
  let cur: string | undefined = def.initialStage;
  while (cur !== undefined && !seen.has(cur) && def.stages[cur]) {
    seen.add(cur);
    const stage = def.stages[cur];
    const who = stage.kind === 'vote' ? stage.vote?.voters : stage.kind === 'fanout' ? { role: null, unit: stage.fanout?.root ?? { kind: 'own' as const } } : stage.actor;
    const u = who ? resolveUnit(who.unit, unitId, tree) : undefined;
    out.push({ stageId: cur, stageName: stage.name.vi, kind: stage.kind, unit: u ? { id: u.id, code: u.code, kind: u.kind } : null, role: who?.role ?? null });
    cur = happyNext(def, cur);
  }
  return out;
}
