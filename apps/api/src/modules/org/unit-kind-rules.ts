import type { UnitKind } from '@thidua/contracts';

/**
 * Levels of the union system (docs/hierarchy.md). A unit's parent must be of a higher level
 * (lower rank); levels may be skipped (a grassroots union directly under the province).
 */
export const UNIT_KIND_RANK: Record<UnitKind, number> = {
  confederation: 0,
  province_federation: 1,
  upper_union: 2,
  grassroots_union: 3,
  sub_union: 4,
};

export function canBeParentOf(parentKind: UnitKind, childKind: UnitKind): boolean {
  return UNIT_KIND_RANK[parentKind] < UNIT_KIND_RANK[childKind];
}
