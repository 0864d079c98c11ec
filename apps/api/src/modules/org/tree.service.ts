import { Injectable } from '@nestjs/common';
import type { UnitKind } from '@thidua/contracts';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { UnitRepository, type UnitRecord } from './unit.repository';
import { isPathWithin, pathKeys } from './unit-path';

/** The fields of a unit that routing and display need. */
export interface UnitSummary {
  id: string;
  code: string;
  kind: UnitKind;
  name: string;
  path: string;
  parentId: string | null;
  depth: number;
  status: UnitRecord['status'];
}

/**
 * A synchronous view of part of the tree, preloaded from the database, for workflow-core's pure
 * step function (structurally a workflow-core `TreeView`).
 */
export interface PreloadedTree {
  unit(idOrCode: string): UnitSummary | undefined;
  /** Root → parent of `unitId`; empty for a root or an unknown unit. */
  ancestors(unitId: string): UnitSummary[];
  isWithin(unitId: string, rootUnitId: string): boolean;
}

/** A unit in a subtree as of a date: parent and path of then, attributes of now. */
export interface SubtreeNodeAsOf extends UnitSummary {
  memberCount: number | null;
}

export function toSummary(u: UnitRecord): UnitSummary {
  return { id: u.id, code: u.code, kind: u.kind, name: u.name, path: u.path, parentId: u.parentId, depth: u.depth, status: u.status };
}

/** Builds the synchronous view over a set of units (which must include the ancestors asked for). */
export function buildPreloadedTree(units: readonly UnitSummary[]): PreloadedTree {
  const byId = new Map<string, UnitSummary>();
  const byCode = new Map<string, UnitSummary>();
  const byKey = new Map<string, UnitSummary>();
  for (const u of units) {
    byId.set(u.id, u);
    byCode.set(u.code, u);
    const keys = pathKeys(u.path);
    byKey.set(keys[keys.length - 1]!, u);
  }
  return {
    unit: (idOrCode) => byId.get(idOrCode) ?? byCode.get(idOrCode),
    ancestors: (unitId) => {
      const u = byId.get(unitId);
      if (!u) return [];
      return pathKeys(u.path)
        .slice(0, -1)
        .map((k) => byKey.get(k))
        .filter((a): a is UnitSummary => a !== undefined);
    },
    isWithin: (unitId, rootUnitId) => {
      const u = byId.get(unitId);
      const r = byId.get(rootUnitId);
      return !!u && !!r && isPathWithin(u.path, r.path);
    },
  };
}

/**
 * Questions about the union tree, each answered by one indexed query on the materialised path
 * (current position) or on `unit_parent_link` (position at a past date). See README.md here.
 */
@Injectable()
export class TreeService {
  constructor(private readonly units: UnitRepository) {}

  async findUnit(id: string, manager?: EntityManager): Promise<UnitRecord | null> {
    if (!isUuid(id)) return null;
    return this.units.findById(id, manager);
  }

  /** The unit, or AppError NOT_FOUND. */
  async getUnit(id: string, manager?: EntityManager): Promise<UnitRecord> {
    const u = await this.findUnit(id, manager);
    if (!u) throw AppError.notFound('unit');
    return u;
  }

  async getUnitByCode(code: string, manager?: EntityManager): Promise<UnitRecord> {
    const u = await this.units.findByCode(code, manager);
    if (!u) throw AppError.notFound('unit');
    return u;
  }

  /** Root → parent (not the unit itself), by the keys of its current path: one query. */
  async ancestors(unitId: string, manager?: EntityManager): Promise<UnitSummary[]> {
    const u = await this.getUnit(unitId, manager);
    const keys = pathKeys(u.path).slice(0, -1);
    return (await this.units.findByPathKeys(keys, manager)).map(toSummary);
  }

  /** Whether `unitId` is `rootUnitId` or below it now. Unknown ids answer false. */
  async isWithin(unitId: string, rootUnitId: string, manager?: EntityManager): Promise<boolean> {
    if (!isUuid(unitId) || !isUuid(rootUnitId)) return false;
    const rows = await this.units.findByIds([unitId, rootUnitId], manager);
    const u = rows.find((r) => r.id === unitId);
    const r = rows.find((x) => x.id === rootUnitId);
    return !!u && !!r && isPathWithin(u.path, r.path);
  }

  /**
   * Ids of the units in the subtree (root included). Now: active units. With `asOf`: the units
   * that were in the root's subtree at that instant (by `unit_parent_link`), whatever their status now.
   */
  async subtreeUnitIds(rootUnitId: string, options: { kinds?: UnitKind[]; asOf?: Date } = {}, manager?: EntityManager): Promise<string[]> {
    if (options.asOf) {
      const rootPath = await this.pathOf(rootUnitId, options.asOf, manager);
      if (!rootPath) return [];
      return this.units.subtreeIdsAsOf(rootPath, options.asOf, options.kinds, manager);
    }
    const root = await this.getUnit(rootUnitId, manager);
    return this.units.subtreeIds(root.path, { kinds: options.kinds, activeOnly: true }, manager);
  }

  /** The unit's path now, or at `asOf` (null when it was not in the tree then). */
  async pathOf(unitId: string, asOf?: Date, manager?: EntityManager): Promise<string | null> {
    if (!asOf) return (await this.findUnit(unitId, manager))?.path ?? null;
    if (!isUuid(unitId)) return null;
    return this.units.pathAt(unitId, asOf, manager);
  }

  /**
   * The subtree of `rootUnitId` as it stood at `asOf` (root first, then in path order): every unit
   * with its parent and path of that time. Empty when the root was not in the tree then. Two indexed
   * queries on `unit_parent_link`; for `asOf` = now it is the current tree.
   */
  async subtreeAsOf(rootUnitId: string, asOf: Date, manager?: EntityManager): Promise<SubtreeNodeAsOf[]> {
    const rootPath = await this.pathOf(rootUnitId, asOf, manager);
    if (!rootPath) return [];
    const rows = await this.units.subtreeAsOf(rootPath, asOf, manager);
    return rows.map((r) => ({
      id: r.unitId,
      code: r.code,
      name: r.name,
      kind: r.kind,
      parentId: r.parentId,
      path: r.path,
      depth: pathKeys(r.path).length - 1,
      memberCount: r.memberCount,
      status: r.status,
    }));
  }

  /** Active units in the subtree, root included: the indexed prefix count the benchmark measures. */
  async countSubtree(rootUnitId: string, manager?: EntityManager): Promise<number> {
    const root = await this.getUnit(rootUnitId, manager);
    return this.units.countActiveInSubtree(root.path, manager);
  }

  /** Units merged into this one (transitively): their history is its history. */
  async mergedSourceIds(unitId: string, manager?: EntityManager): Promise<string[]> {
    return this.units.mergedSourceIds(unitId, manager);
  }

  /** Loads the units and all their ancestors (two queries) into a synchronous tree view. */
  async treeViewFor(unitIds: readonly string[], manager?: EntityManager): Promise<PreloadedTree> {
    const ids = [...new Set(unitIds.filter(isUuid))];
    const units = await this.units.findByIds(ids, manager);
    const have = new Set(units.map((u) => u.pathKey));
    const missingKeys = [...new Set(units.flatMap((u) => pathKeys(u.path)))].filter((k) => !have.has(k));
    const ancestors = await this.units.findByPathKeys(missingKeys, manager);
    return buildPreloadedTree([...units, ...ancestors].map(toSummary));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(s: string): boolean {
  return UUID.test(s);
}
