import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { GeneratedUnit } from './national-tree';
import { UnitRepository, type NewUnitRow } from './unit.repository';
import { childPath } from './unit-path';

/**
 * Loads a generated tree fast: path keys reserved from the sequence in one query, ids and paths
 * computed in memory, then multi-row INSERTs of 1,000 units (and their parent links) in one
 * transaction. Rows must come parent first (generateNationalTree does). For tests and benchmarks;
 * the product imports files through OrgImportService, which checks every row.
 */
export async function bulkLoadUnits(dataSource: DataSource, units: readonly GeneratedUnit[], validFrom = new Date()): Promise<Map<string, string>> {
  const repo = new UnitRepository(dataSource);
  return dataSource.transaction(async (m) => {
    const keys = await repo.nextPathKeys(units.length, m);
    const byCode = new Map<string, NewUnitRow>();
    const existingParents = new Map(
      (await repo.findByCodes([...new Set(units.map((u) => u.parentCode).filter((c): c is string => !!c))], m)).map((u) => [u.code, u]),
    );
    const rows = units.map((u, i): NewUnitRow => {
      const parent = u.parentCode ? (byCode.get(u.parentCode) ?? existingParents.get(u.parentCode)) : undefined;
      if (u.parentCode && !parent) throw new Error(`parent ${u.parentCode} of ${u.code} not loaded before it`);
      const row: NewUnitRow = {
        id: randomUUID(),
        code: u.code,
        name: u.name,
        kind: u.kind,
        sector: u.sector,
        memberCount: u.memberCount,
        parentId: parent?.id ?? null,
        pathKey: keys[i]!,
        path: childPath(parent?.path ?? null, keys[i]!),
        depth: parent ? parent.depth + 1 : 0,
      };
      byCode.set(u.code, row);
      return row;
    });
    await repo.insertMany(rows, validFrom, m);
    return new Map(rows.map((r) => [r.code, r.id]));
  });
}
