import type { UnitRef, UnitView } from '@thidua/contracts';
import type { UnitRecord } from './unit.repository';

export function toUnitView(u: UnitRecord): UnitView {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    kind: u.kind,
    sector: u.sector,
    memberCount: u.memberCount,
    status: u.status,
    mergedIntoId: u.mergedIntoId,
    parentId: u.parentId,
    path: u.path,
    depth: u.depth,
    chairUserId: u.chairUserId ?? null,
    createdAt: new Date(u.createdAt).toISOString(),
    updatedAt: new Date(u.updatedAt).toISOString(),
  };
}

export function toUnitRef(u: Pick<UnitRecord, 'id' | 'code' | 'name' | 'kind'>): UnitRef {
  return { id: u.id, code: u.code, name: u.name, kind: u.kind };
}
