import { Injectable } from '@nestjs/common';
import { notePrincipalsChanged } from '../../common/auth/principal-changes';
import type { UnitKind, UnitStatus } from '@thidua/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { scopeSqlFilter, type UnitScope } from './access-scope';
import { returnedRows, setClause } from './sql-result';
import { encodePathKey, subtreePattern } from './unit-path';
import { escapeLike, searchTerms, unitSearchText } from './unit-search';
import { containsPattern } from '../../common/search/search-fold';
import { pathWithinSql } from '../../common/auth/scope-sql';

export interface UnitRecord {
  id: string;
  code: string;
  pathKey: string;
  name: string;
  kind: UnitKind;
  sector: string | null;
  memberCount: number | null;
  status: UnitStatus;
  mergedIntoId: string | null;
  parentId: string | null;
  path: string;
  depth: number;
  createdAt: Date;
  updatedAt: Date;
  /** The unit's chair (an escalation step `{chairOf}` hands work to them). */
  chairUserId: string | null;
}

export const UNIT_COLUMNS = `u.id, u.code, u.path_key AS "pathKey", u.name, u.kind, u.sector, u.member_count AS "memberCount",
  u.status, u.merged_into_id AS "mergedIntoId", u.parent_id AS "parentId", u.path, u.depth,
  u.created_at AS "createdAt", u.updated_at AS "updatedAt", u.chair_user_id AS "chairUserId"`;

export interface NewUnitRow {
  /** Chosen by the caller (randomUUID) so children can name their parent in the same batch. */
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  sector: string | null;
  memberCount: number | null;
  parentId: string | null;
  pathKey: string;
  path: string;
  depth: number;
}

export interface UnitListFilter {
  scopes: UnitScope[];
  kind?: UnitKind;
  status?: UnitStatus;
  parentId?: string;
  rootPath?: string;
  q?: string;
  afterCode?: string;
  limit: number;
}

export interface LinkRow {
  unitId: string;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  path: string;
}

/** The only class that queries `unit` and `unit_parent_link`. Every method takes an optional manager (transaction). */
@Injectable()
export class UnitRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async findById(id: string, manager?: EntityManager, lock = false): Promise<UnitRecord | null> {
    const rows: UnitRecord[] = await this.m(manager).query(`SELECT ${UNIT_COLUMNS} FROM unit u WHERE u.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ?? null;
  }

  async findByCode(code: string, manager?: EntityManager): Promise<UnitRecord | null> {
    const rows: UnitRecord[] = await this.m(manager).query(`SELECT ${UNIT_COLUMNS} FROM unit u WHERE u.code = $1`, [code]);
    return rows[0] ?? null;
  }

  async findByIds(ids: readonly string[], manager?: EntityManager): Promise<UnitRecord[]> {
    if (ids.length === 0) return [];
    return this.m(manager).query(`SELECT ${UNIT_COLUMNS} FROM unit u WHERE u.id = ANY($1::uuid[])`, [ids]);
  }

  async findByCodes(codes: readonly string[], manager?: EntityManager): Promise<UnitRecord[]> {
    if (codes.length === 0) return [];
    return this.m(manager).query(`SELECT ${UNIT_COLUMNS} FROM unit u WHERE u.code = ANY($1::text[])`, [codes]);
  }

  async findByPathKeys(keys: readonly string[], manager?: EntityManager): Promise<UnitRecord[]> {
    if (keys.length === 0) return [];
    return this.m(manager).query(`SELECT ${UNIT_COLUMNS} FROM unit u WHERE u.path_key = ANY($1::text[]) ORDER BY u.depth`, [keys]);
  }

  /** Units (any status) in the subtree at `rootPath`, optionally of some kinds / active only. */
  async subtreeIds(rootPath: string, options: { kinds?: UnitKind[]; activeOnly?: boolean }, manager?: EntityManager): Promise<string[]> {
    const params: unknown[] = [subtreePattern(rootPath)];
    let sql = `SELECT id FROM unit WHERE ${pathWithinSql('path', '$1')}`;
    if (options.kinds?.length) {
      params.push(options.kinds);
      sql += ` AND kind = ANY($${params.length}::text[])`;
    }
    if (options.activeOnly !== false) sql += ` AND status = 'active'`;
    const rows: Array<{ id: string }> = await this.m(manager).query(sql, params);
    return rows.map((r) => r.id);
  }

  /** Units whose position at `asOf` was inside the subtree that had `rootPathAtTime` then. */
  async subtreeIdsAsOf(rootPathAtTime: string, asOf: Date, kinds: UnitKind[] | undefined, manager?: EntityManager): Promise<string[]> {
    const params: unknown[] = [subtreePattern(rootPathAtTime), asOf];
    let sql = `SELECT l.unit_id AS id FROM unit_parent_link l JOIN unit u ON u.id = l.unit_id
      WHERE ${pathWithinSql('l.path_at_time', '$1')} AND l.valid_from <= $2 AND (l.valid_to IS NULL OR l.valid_to > $2)`;
    if (kinds?.length) {
      params.push(kinds);
      sql += ` AND u.kind = ANY($3::text[])`;
    }
    const rows: Array<{ id: string }> = await this.m(manager).query(sql, params);
    return rows.map((r) => r.id);
  }

  async countSubtree(rootPath: string, manager?: EntityManager): Promise<{ total: number; active: number; byKind: Record<string, number> }> {
    const rows: Array<{ kind: string; total: string; active: string }> = await this.m(manager).query(
      `SELECT kind, count(*) AS total, count(*) FILTER (WHERE status = 'active') AS active FROM unit WHERE ${pathWithinSql('path', '$1')} GROUP BY kind`,
      [subtreePattern(rootPath)],
    );
    const byKind: Record<string, number> = {};
    let total = 0;
    let active = 0;
    for (const r of rows) {
      byKind[r.kind] = Number(r.active);
      total += Number(r.total);
      active += Number(r.active);
    }
    return { total, active, byKind };
  }

  /** The indexed count the benchmark measures: active units in a subtree. */
  async countActiveInSubtree(rootPath: string, manager?: EntityManager): Promise<number> {
    const rows: Array<{ n: string }> = await this.m(manager).query(`SELECT count(*) AS n FROM unit WHERE ${pathWithinSql('path', '$1')} AND status = 'active'`, [
      subtreePattern(rootPath),
    ]);
    return Number(rows[0]?.n ?? 0);
  }

  async pathAt(unitId: string, asOf: Date, manager?: EntityManager): Promise<string | null> {
    const rows: Array<{ path: string }> = await this.m(manager).query(
      `SELECT path_at_time AS path FROM unit_parent_link WHERE unit_id = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)
       ORDER BY valid_from DESC LIMIT 1`,
      [unitId, asOf],
    );
    return rows[0]?.path ?? null;
  }

  /** One page of the tree as it was at `asOf`, under the root's path at that time, in path order. */
  async treeAsOf(rootPathAtTime: string, asOf: Date, afterPath: string | null, limit: number, manager?: EntityManager): Promise<LinkRow[]> {
    return this.m(manager).query(
      `SELECT l.unit_id AS "unitId", u.code, u.name, u.kind, l.parent_id AS "parentId", l.path_at_time AS path
       FROM unit_parent_link l JOIN unit u ON u.id = l.unit_id
       WHERE ${pathWithinSql('l.path_at_time', '$1')} AND l.valid_from <= $2 AND (l.valid_to IS NULL OR l.valid_to > $2)
         AND ($3::text IS NULL OR l.path_at_time > $3)
       ORDER BY l.path_at_time COLLATE "C" LIMIT $4`,
      [subtreePattern(rootPathAtTime), asOf, afterPath, limit],
    );
  }

  /**
   * The whole subtree as it was at `asOf` (no paging): each unit with its parent and path of that
   * time, attributes of now. Answered by `idx_unit_link_path` (prefix on path_at_time).
   */
  async subtreeAsOf(rootPathAtTime: string, asOf: Date, manager?: EntityManager): Promise<Array<LinkRow & { memberCount: number | null; status: UnitStatus }>> {
    return this.m(manager).query(
      `SELECT l.unit_id AS "unitId", u.code, u.name, u.kind, l.parent_id AS "parentId", l.path_at_time AS path,
              u.member_count AS "memberCount", u.status
       FROM unit_parent_link l JOIN unit u ON u.id = l.unit_id
       WHERE ${pathWithinSql('l.path_at_time', '$1')} AND l.valid_from <= $2 AND (l.valid_to IS NULL OR l.valid_to > $2)
       ORDER BY l.path_at_time COLLATE "C"`,
      [subtreePattern(rootPathAtTime), asOf],
    );
  }

  async list(filter: UnitListFilter, manager?: EntityManager): Promise<UnitRecord[]> {
    const scope = scopeSqlFilter('u.path', filter.scopes, 1);
    const params: unknown[] = [...scope.params];
    const where = [scope.sql];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    if (filter.kind) add((n) => `u.kind = $${n}`, filter.kind);
    if (filter.status) add((n) => `u.status = $${n}`, filter.status);
    if (filter.parentId) add((n) => `u.parent_id = $${n}`, filter.parentId);
    if (filter.rootPath) add((n) => pathWithinSql('u.path', `$${n}`), subtreePattern(filter.rootPath));
    // Every word of q, folded like search_text, must occur in it (diacritic- and case-insensitive).
    for (const term of filter.q ? searchTerms(filter.q) : []) add((n) => `u.search_text LIKE $${n}`, `%${escapeLike(term)}%`);
    if (filter.afterCode) add((n) => `u.code COLLATE "C" > $${n}`, filter.afterCode);
    params.push(filter.limit);
    return this.m(manager).query(
      `SELECT ${UNIT_COLUMNS} FROM unit u WHERE ${where.join(' AND ')} ORDER BY u.code COLLATE "C" LIMIT $${params.length}`,
      params,
    );
  }

  /**
   * The search box's units (active, in the caller's scopes) whose folded code and name hold every term, shallowest
   * first; `LIKE '%term%'` on `search_text` walks its trigram index (idx_unit_search_trgm).
   */
  async search(filter: { scopes: UnitScope[]; terms: readonly string[]; limit: number }, manager?: EntityManager): Promise<Array<Pick<UnitRecord, 'id' | 'code' | 'name' | 'kind'>>> {
    const scope = scopeSqlFilter('u.path', filter.scopes, 1);
    const params: unknown[] = [...scope.params];
    const where = [scope.sql, `u.status = 'active'`];
    for (const term of filter.terms) {
      params.push(containsPattern(term));
      where.push(`u.search_text LIKE $${params.length}`);
    }
    params.push(filter.limit);
    return this.m(manager).query(
      `SELECT u.id, u.code, u.name, u.kind FROM unit u WHERE ${where.join(' AND ')} ORDER BY u.depth, u.code COLLATE "C" LIMIT $${params.length}`,
      params,
    );
  }

  async childCount(unitId: string, manager?: EntityManager): Promise<number> {
    const rows: Array<{ n: string }> = await this.m(manager).query(`SELECT count(*) AS n FROM unit WHERE parent_id = $1 AND status = 'active'`, [unitId]);
    return Number(rows[0]?.n ?? 0);
  }

  async activeChildren(unitId: string, manager?: EntityManager): Promise<UnitRecord[]> {
    return this.m(manager).query(`SELECT ${UNIT_COLUMNS} FROM unit u WHERE u.parent_id = $1 AND u.status = 'active' ORDER BY u.code`, [unitId]);
  }

  /** Reserves `n` path keys from the sequence. */
  async nextPathKeys(n: number, manager?: EntityManager): Promise<string[]> {
    if (n <= 0) return [];
    const rows: Array<{ k: string }> = await this.m(manager).query(`SELECT nextval('unit_key_seq') AS k FROM generate_series(1, $1)`, [n]);
    return rows.map((r) => encodePathKey(r.k));
  }

  /** Inserts units and their first (open) parent link, in multi-row statements; returns ids in order. */
  async insertMany(rows: readonly NewUnitRow[], validFrom: Date, manager: EntityManager): Promise<string[]> {
    const ids: string[] = [];
    const BATCH = 1000;
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      const params: unknown[] = [];
      const values = batch.map((r) => {
        params.push(r.id, r.code, r.name, r.kind, r.sector, r.memberCount, r.parentId, r.pathKey, r.path, r.depth, validFrom, unitSearchText(r.code, r.name));
        const b = params.length - 12;
        return `($${b + 1}::uuid, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}::int, $${b + 7}::uuid, $${b + 8}, $${b + 9}, $${b + 10}::int, $${b + 11}::timestamptz, $${b + 11}::timestamptz, $${b + 12})`;
      });
      const inserted: Array<{ id: string; parent_id: string | null; path: string }> = await manager.query(
        `INSERT INTO unit (id, code, name, kind, sector, member_count, parent_id, path_key, path, depth, created_at, updated_at, search_text)
         VALUES ${values.join(', ')} RETURNING id, parent_id, path`,
        params,
      );
      const linkParams: unknown[] = [validFrom];
      const linkValues = inserted.map((r) => {
        linkParams.push(r.id, r.parent_id, r.path);
        const b = linkParams.length - 3;
        return `($${b + 1}::uuid, $${b + 2}::uuid, $1::timestamptz, $${b + 3})`;
      });
      await manager.query(`INSERT INTO unit_parent_link (unit_id, parent_id, valid_from, path_at_time) VALUES ${linkValues.join(', ')}`, linkParams);
      ids.push(...inserted.map((r) => r.id));
    }
    return ids;
  }

  async updateAttributes(
    id: string,
    patch: { name?: string; code?: string; sector?: string | null; memberCount?: number | null; chairUserId?: string | null },
    manager: EntityManager,
  ): Promise<void> {
    const columns: Record<string, unknown> = { name: patch.name, code: patch.code, sector: patch.sector, member_count: patch.memberCount, chair_user_id: patch.chairUserId };
    if (Object.values(columns).every((v) => v === undefined)) return;
    if (patch.name !== undefined || patch.code !== undefined) {
      // The search text follows the code and name; whichever is not patched is read from the row.
      const current = patch.name !== undefined && patch.code !== undefined ? null : await this.findById(id, manager);
      columns.search_text = unitSearchText(patch.code ?? current?.code ?? '', patch.name ?? current?.name ?? '');
    }
    const { sql, params } = setClause(columns);
    await manager.query(`UPDATE unit SET ${sql}, updated_at = now() WHERE id = $1`, [id, ...params]);
  }

  /**
   * Rewrites the paths of every unit under `oldRoot` (itself included) to start with `newRoot`,
   * in one statement. Returns how many rows changed.
   */
  async repathSubtree(oldRoot: string, newRoot: string, depthDelta: number, manager: EntityManager, excludeRoot = false): Promise<number> {
    const res: unknown = await manager.query(
      `UPDATE unit SET path = $2 || substr(path, length($1) + 1), depth = depth + $3, updated_at = now()
       WHERE ${pathWithinSql('path', '$4')} ${excludeRoot ? 'AND path <> $1' : ''} RETURNING id`,
      [oldRoot, newRoot, depthDelta, subtreePattern(oldRoot)],
    );
    notePrincipalsChanged(manager);
    return returnedRows<{ id: string }>(res).length;
  }

  async setParent(ids: readonly string[], parentId: string | null, manager: EntityManager): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(`UPDATE unit SET parent_id = $2, updated_at = now() WHERE id = ANY($1::uuid[])`, [ids, parentId]);
  }

  async setStatus(id: string, status: UnitStatus, mergedIntoId: string | null, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE unit SET status = $2, merged_into_id = $3, updated_at = now() WHERE id = $1`, [id, status, mergedIntoId]);
    notePrincipalsChanged(manager);
  }

  /**
   * Closes the open links of the subtree now at `newRoot` and opens new ones with the current
   * parent and path, for units that were current (had an open link).
   */
  async relinkSubtree(newRoot: string, at: Date, manager: EntityManager): Promise<number> {
    const closed: unknown = await manager.query(
      `UPDATE unit_parent_link l SET valid_to = $2 FROM unit u
       WHERE l.unit_id = u.id AND l.valid_to IS NULL AND ${pathWithinSql('u.path', '$1')} RETURNING l.unit_id`,
      [subtreePattern(newRoot), at],
    );
    const ids = returnedRows<{ unit_id: string }>(closed).map((r) => r.unit_id);
    if (ids.length === 0) return 0;
    await manager.query(
      `INSERT INTO unit_parent_link (unit_id, parent_id, valid_from, path_at_time)
       SELECT id, parent_id, $2, path FROM unit WHERE id = ANY($1::uuid[])`,
      [ids, at],
    );
    return ids.length;
  }

  async closeLink(unitId: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE unit_parent_link SET valid_to = $2 WHERE unit_id = $1 AND valid_to IS NULL`, [unitId, at]);
  }

  /** Units merged into `unitId`, transitively (their history belongs to it). */
  async mergedSourceIds(unitId: string, manager?: EntityManager): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.m(manager).query(
      `WITH RECURSIVE src AS (SELECT id FROM unit WHERE merged_into_id = $1
         UNION SELECT u.id FROM unit u JOIN src ON u.merged_into_id = src.id)
       SELECT id FROM src`,
      [unitId],
    );
    return rows.map((r) => r.id);
  }

  /** Every unit (for exports): `path` order keeps parents before children. */
  async listForExport(rootPath: string, manager?: EntityManager): Promise<Array<UnitRecord & { parentCode: string | null }>> {
    return this.m(manager).query(
      `SELECT ${UNIT_COLUMNS}, p.code AS "parentCode" FROM unit u LEFT JOIN unit p ON p.id = u.parent_id
       WHERE ${pathWithinSql('u.path', '$1')} AND u.status = 'active' ORDER BY u.path COLLATE "C"`,
      [subtreePattern(rootPath)],
    );
  }
}
