import { Injectable } from '@nestjs/common';
import { type Role, type TreeView, type UnitView } from '@thidua/workflow-core';
import { DataSource, type EntityManager } from 'typeorm';
import { returnedRows as rowsOf } from './sql-result';
import { isWithin } from '../../common/auth/scope';
import { pathIsAncestorSql } from '../../common/auth/scope-sql';

export interface UnitRow extends UnitView {
  path: string;
  status: string;
  name: string;
}

export interface Holding {
  userId: string;
  role: Role;
  unitId: string;
  unitPath: string;
}

/**
 * What the runtime reads of the organisation: units with their paths, who holds which role where.
 * Read-only, by plain indexed SQL on the org module's tables (`unit`, `role_assignment`,
 * `delegation`), because the runtime needs it synchronously inside a step (a TreeView) and in bulk
 * (cascades over 126,000 units). Everything that changes the tree stays in modules/org.
 */
@Injectable()
export class OrgGateway {
  constructor(private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager): DataSource | EntityManager {
    return manager ?? this.dataSource;
  }

  async unit(id: string, manager?: EntityManager): Promise<UnitRow | undefined> {
    const rows = rowsOf<UnitRow>(await this.q(manager).query(`SELECT id, code, kind, name, status, parent_id AS "parentId", path FROM unit WHERE id = $1`, [id]));
    return rows[0];
  }

  async units(ids: readonly string[], manager?: EntityManager): Promise<UnitRow[]> {
    if (ids.length === 0) return [];
    return rowsOf<UnitRow>(await this.q(manager).query(`SELECT id, code, kind, name, status, parent_id AS "parentId", path FROM unit WHERE id = ANY($1::uuid[])`, [ids]));
  }

  /**
   * A synchronous TreeView holding the given units, all their ancestors and the units named by code.
   * Ancestors come in one query: a unit's path is the list of its ancestors' path keys.
   */
  async treeViewFor(unitIds: readonly string[], codes: readonly string[] = [], manager?: EntityManager): Promise<TreeView & { pathOf(id: string): string | undefined }> {
    const rows = rowsOf<UnitRow>(
      await this.q(manager).query(
        `WITH base AS (SELECT path FROM unit WHERE id = ANY($1::uuid[]))
         SELECT u.id, u.code, u.kind, u.name, u.status, u.parent_id AS "parentId", u.path
           FROM unit u
          WHERE u.path_key IN (SELECT unnest(string_to_array(trim(both '/' from b.path), '/')) FROM base b)
             OR u.code = ANY($2::text[])`,
        [unitIds, codes],
      ),
    );
    return buildTreeView(rows);
  }

  /** Current role holders (not delegations) among the given users. */
  async holdingsOf(userIds: readonly string[], manager?: EntityManager): Promise<Holding[]> {
    if (userIds.length === 0) return [];
    return rowsOf<Holding>(
      await this.q(manager).query(
        `SELECT ra.user_id AS "userId", ra.role, ra.unit_id AS "unitId", u.path AS "unitPath"
           FROM role_assignment ra JOIN unit u ON u.id = ra.unit_id
           JOIN app_user au ON au.id = ra.user_id AND au.status = 'active'
          WHERE ra.user_id = ANY($1::uuid[]) AND ra.valid_from <= now() AND (ra.valid_to IS NULL OR ra.valid_to > now())`,
        [userIds],
      ),
    );
  }

  /**
   * Users who may act as `role` at the unit: holders at the unit itself, and for subtree roles at an
   * ancestor; plus their active delegates. Used to address notifications and list eligible voters.
   */
  async usersHoldingRole(role: Role, unitId: string, options: { includeAncestors?: boolean } = {}, manager?: EntityManager): Promise<string[]> {
    const subtree = options.includeAncestors ?? false;
    const rows = rowsOf<{ userId: string }>(
      await this.q(manager).query(
        `WITH target AS (SELECT path FROM unit WHERE id = $2),
         holders AS (
           SELECT ra.user_id FROM role_assignment ra JOIN unit u ON u.id = ra.unit_id, target t
            WHERE ra.role = $1 AND ra.valid_from <= now() AND (ra.valid_to IS NULL OR ra.valid_to > now())
              AND (ra.unit_id = $2 OR ($3 AND ${pathIsAncestorSql('u.path', 't.path')})))
         SELECT DISTINCT au.id AS "userId" FROM app_user au
          WHERE au.status = 'active' AND (au.id IN (SELECT user_id FROM holders)
             OR au.id IN (SELECT d.to_user_id FROM delegation d
                           WHERE d.from_user_id IN (SELECT user_id FROM holders)
                             AND d.revoked_at IS NULL AND d.valid_from <= now() AND d.valid_to > now()))
          ORDER BY 1`,
        [role, unitId, subtree],
      ),
    );
    return rows.map((r) => r.userId);
  }

  /** The chairs recorded on these units (units without one are left out). */
  async chairsOf(unitIds: readonly string[], manager?: EntityManager): Promise<Map<string, string>> {
    if (unitIds.length === 0) return new Map();
    const rows = rowsOf<{ id: string; chair: string }>(
      await this.q(manager).query(`SELECT u.id, u.chair_user_id AS chair FROM unit u JOIN app_user au ON au.id = u.chair_user_id AND au.status = 'active' WHERE u.id = ANY($1::uuid[])`, [unitIds]),
    );
    return new Map(rows.map((r) => [r.id, r.chair]));
  }

  /** Active accounts by username (named receivers in definitions; a disabled account is left out). */
  async activeUserIdsByUsername(usernames: readonly string[], manager?: EntityManager): Promise<Map<string, string>> {
    if (usernames.length === 0) return new Map();
    const rows = rowsOf<{ id: string; username: string }>(
      await this.q(manager).query(`SELECT id, username FROM app_user WHERE username = ANY($1::text[]) AND status = 'active'`, [usernames]),
    );
    return new Map(rows.map((r) => [r.username, r.id]));
  }

  async userLabel(userId: string): Promise<{ id: string; username: string; fullName: string } | undefined> {
    const rows = rowsOf<{ id: string; username: string; fullName: string }>(
      await this.dataSource.query(`SELECT id, username, full_name AS "fullName" FROM app_user WHERE id = $1`, [userId]),
    );
    return rows[0];
  }

  async userEmails(userIds: readonly string[]): Promise<Array<{ id: string; email: string | null; fullName: string }>> {
    if (userIds.length === 0) return [];
    return rowsOf(await this.dataSource.query(`SELECT id, email, full_name AS "fullName" FROM app_user WHERE id = ANY($1::uuid[])`, [userIds]));
  }
}

export function buildTreeView(rows: readonly UnitRow[]): TreeView & { pathOf(id: string): string | undefined; add(rows: readonly UnitRow[]): void } {
  const byId = new Map<string, UnitRow>();
  const byCode = new Map<string, UnitRow>();
  const add = (list: readonly UnitRow[]): void => {
    for (const r of list) {
      byId.set(r.id, r);
      byCode.set(r.code, r);
    }
  };
  add(rows);
  const view = (r: UnitRow | undefined): UnitView | undefined => (r ? { id: r.id, code: r.code, kind: r.kind, parentId: r.parentId } : undefined);
  return {
    add,
    unit: (idOrCode) => view(byId.get(idOrCode) ?? byCode.get(idOrCode)),
    ancestors(unitId) {
      const out: UnitView[] = [];
      let cur = byId.get(unitId)?.parentId ?? null;
      const seen = new Set<string>();
      while (cur && !seen.has(cur)) {
        seen.add(cur);
        const u = byId.get(cur);
        if (!u) break;
        out.unshift(view(u) as UnitView);
        cur = u.parentId;
      }
      return out;
    },
    isWithin(unitId, rootUnitId) {
      if (unitId === rootUnitId) return true;
      const u = byId.get(unitId);
      const root = byId.get(rootUnitId);
      return !!u && !!root && isWithin(u.path, root.path);
    },
    pathOf: (id) => byId.get(id)?.path,
  };
}
