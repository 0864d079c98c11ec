import type { ChildSelector, UnitSelector } from './definition-types';
import type { RoleGrant, TreeView, UnitView } from './context-types';
import type { JsonValue } from './json';
import { roleCoverage } from './scope';

/** Resolves a unit selector relative to the item's unit; undefined when no such unit exists. */
export function resolveUnit(
  selector: UnitSelector,
  itemUnitId: string,
  tree: TreeView,
  data: { [key: string]: JsonValue } = {},
): UnitView | undefined {
  const own = tree.unit(itemUnitId);
  switch (selector.kind) {
    case 'own':
      return own;
    case 'parent':
      return own?.parentId ? tree.unit(own.parentId) : undefined;
    case 'ancestor_of_kind': {
      if (selector.includeSelf && own?.kind === selector.unitKind) return own;
      const chain = tree.ancestors(itemUnitId);
      for (let i = chain.length - 1; i >= 0; i -= 1) if (chain[i].kind === selector.unitKind) return chain[i];
      return undefined;
    }
    case 'fixed':
      return tree.unit(selector.unitCode);
    case 'from_data': {
      const v = data[selector.field];
      return typeof v === 'string' ? tree.unit(v) : undefined;
    }
  }
}

/** Whether a grant at `grantUnitId` lets its holder act at `unitId`: scope.ts's `act` rule, on a TreeView. */
export function grantCovers(grant: RoleGrant, unitId: string, tree: TreeView): boolean {
  if (grant.unitId === unitId) return true;
  return roleCoverage(grant.role, 'act') === 'subtree' && tree.isWithin(unitId, grant.unitId);
}

/** Whether a grant applies to a workflow key. */
export function grantAppliesTo(grant: RoleGrant, workflow: string): boolean {
  return grant.workflows === undefined || grant.workflows === null || grant.workflows.includes(workflow);
}

/** Whether `unitId` is chosen by a fan-out child selector under `rootUnitId`. */
export function matchesChildSelector(selector: ChildSelector, unitId: string, rootUnitId: string, tree: TreeView): boolean {
  if (unitId === rootUnitId) return false;
  const unit = tree.unit(unitId);
  if (!unit || !tree.isWithin(unitId, rootUnitId)) return false;
  if (selector.kind === 'children_of_kind') return unit.parentId === rootUnitId && (selector.unitKind === undefined || unit.kind === selector.unitKind);
  return unit.kind === selector.unitKind;
}

/** Idempotent child planning: one child per unit, whatever the inputs repeat. */
export function planChildren(
  existingChildUnitIds: readonly string[],
  selectedUnitIds: readonly string[],
): { spawn: string[]; keep: string[]; movedOut: string[] } {
  const existing = new Set(existingChildUnitIds);
  const selected = new Set(selectedUnitIds);
  return {
    spawn: [...selected].filter((u) => !existing.has(u)),
    keep: [...selected].filter((u) => existing.has(u)),
    movedOut: [...existing].filter((u) => !selected.has(u)),
  };
}
