import type { Actor, RoleGrant, StepContext, TreeView, UnitView } from '../context-types';
import type { JsonObject } from '../json';
import { memoryTree } from '../memory-tree';
import type { Role } from '../roles';

/** A small province: two upper unions, grassroots unions under them and one directly under the province. */
export const UNITS: UnitView[] = [
  { id: 'tld', code: 'TLD', kind: 'confederation', parentId: null },
  { id: 'prov', code: 'LDLD-NT', kind: 'province_federation', parentId: 'tld' },
  { id: 'up1', code: 'LDLD-PR', kind: 'upper_union', parentId: 'prov' },
  { id: 'up2', code: 'CD-GD', kind: 'upper_union', parentId: 'prov' },
  { id: 'g1', code: 'CDCS-1', kind: 'grassroots_union', parentId: 'up1' },
  { id: 'g2', code: 'CDCS-2', kind: 'grassroots_union', parentId: 'up1' },
  { id: 'g3', code: 'CDCS-3', kind: 'grassroots_union', parentId: 'up2' },
  { id: 'g4', code: 'CDCS-4', kind: 'grassroots_union', parentId: 'prov' },
  { id: 'sub1', code: 'TO-1', kind: 'sub_union', parentId: 'g1' },
];

export const tree: TreeView = memoryTree(UNITS);

export function user(userId: string, ...grants: Array<[Role, string] | RoleGrant>): Actor {
  return { userId, roles: grants.map((g) => (Array.isArray(g) ? { role: g[0], unitId: g[1] } : g)) };
}

export const SYSTEM: Actor = { userId: 'system', roles: [], isSystem: true };

export const officerG1 = user('off-g1', ['officer', 'g1']);
export const officerG2 = user('off-g2', ['officer', 'g2']);
export const supUp1 = user('sup-up1', ['supervisor', 'up1']);
export const supUp1b = user('sup-up1b', ['supervisor', 'up1']);
export const supUp2 = user('sup-up2', ['supervisor', 'up2']);
export const supProv = user('sup-prov', ['supervisor', 'prov']);
export const supProvB = user('sup-prov-b', ['supervisor', 'prov']);
export const officerProv = user('off-prov', ['officer', 'prov']);
export const adminProv = user('admin-prov', ['admin', 'prov']);
export const secretary = user('sec', ['council_secretary', 'prov']);
export const councillors = Array.from({ length: 9 }, (_, i) => user(`c${i + 1}`, ['council_member', 'prov']));

export function ctxFor(actor: Actor, now: string, unitId: string, data: JsonObject = {}, extra: Partial<StepContext> = {}): StepContext {
  return { actor, now, item: { id: 'item-1', unitId, data, submitterId: null }, tree, ...extra };
}
