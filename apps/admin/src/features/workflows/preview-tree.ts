import type { UnitDetail, UnitView as OrgUnitView } from '@thidua/contracts';
import { memoryTree, type TreeView, type UnitSelector, type WorkflowDefinition } from '@thidua/workflow-core';

/** Unit codes named by `fixed` selectors anywhere in a definition: the route preview must load them too. */
export function fixedUnitCodes(def: WorkflowDefinition): string[] {
  const codes = new Set<string>();
  const visit = (u: UnitSelector | undefined) => {
    if (u?.kind === 'fixed' && u.unitCode) codes.add(u.unitCode);
  };
  for (const stage of Object.values(def.stages)) {
    visit(stage.actor?.unit);
    visit(stage.vote?.voters.unit);
    visit(stage.vote?.closeBy?.unit);
    visit(stage.fanout?.root);
    visit(stage.documentNumber?.issuer);
    for (const tr of stage.transitions ?? []) if (typeof tr.by === 'object') visit(tr.by.unit);
  }
  return [...codes].sort();
}

/**
 * A workflow-core TreeView over what the org API said about the chosen unit: the unit, its chain of ancestors (root
 * first, so each one's parent is the one before it) and the units named by code.
 */
export function previewTreeOf(unit: UnitDetail, fixedUnits: readonly Pick<OrgUnitView, 'id' | 'code' | 'kind' | 'parentId'>[]): TreeView {
  const rows = unit.ancestors.map((a, i) => ({ id: a.id, code: a.code, kind: a.kind, parentId: unit.ancestors[i - 1]?.id ?? null }));
  rows.push({ id: unit.id, code: unit.code, kind: unit.kind, parentId: unit.parentId });
  const known = new Set(rows.map((r) => r.id));
  for (const f of fixedUnits) if (!known.has(f.id)) rows.push({ id: f.id, code: f.code, kind: f.kind, parentId: f.parentId });
  return memoryTree(rows);
}
