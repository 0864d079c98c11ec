import type { TreeView, UnitView } from './context-types';

/** A TreeView over a list of unit rows (for tests, the designer's preview and small runtimes). */
export function memoryTree(units: readonly UnitView[]): TreeView {
  const byId = new Map<string, UnitView>();
  const byCode = new Map<string, UnitView>();
  for (const u of units) {
    byId.set(u.id, u);
    byCode.set(u.code, u);
  }
  const unit = (idOrCode: string): UnitView | undefined => byId.get(idOrCode) ?? byCode.get(idOrCode);
  const ancestors = (unitId: string): UnitView[] => {
    const out: UnitView[] = [];
    const seen = new Set<string>([unitId]);
    let cur = byId.get(unitId)?.parentId ?? null;
    while (cur !== null && !seen.has(cur)) {
      const u = byId.get(cur);
      if (!u) break;
      seen.add(cur);
      out.unshift(u);
      cur = u.parentId;
    }
    return out;
  };
  return {
    unit,
    ancestors,
    isWithin: (unitId, rootUnitId) => unitId === rootUnitId || ancestors(unitId).some((u) => u.id === rootUnitId),
  };
}
