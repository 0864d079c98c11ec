import { Injectable } from '@nestjs/common';
import type { Role, UserStatus } from '@thidua/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { scopeSqlFilter, type UnitScope } from './access-scope';
import { returnedRows, setClause } from './sql-result';
import { pathWithinSql } from '../../common/auth/scope-sql';
import { notePrincipalsChanged } from '../../common/auth/principal-changes';
import { containsPattern, foldedSql } from '../../common/search/search-fold';

export interface UserRecord {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  status: UserStatus;
  homeUnitId: string | null;
  homeUnitCode: string | null;
  homeUnitName: string | null;
  homeUnitPath: string | null;
  passwordHash: string;
  failedLoginCount: number;
  lockedUntil: Date | null;
  passwordChangedAt: Date;
  capabilities: string[];
  createdAt: Date;
}

const USER_COLUMNS = `a.id, a.username, a.full_name AS "fullName", a.email, a.status, a.home_unit_id AS "homeUnitId",
  h.code AS "homeUnitCode", h.name AS "homeUnitName", h.path AS "homeUnitPath", a.password_hash AS "passwordHash",
  a.failed_login_count AS "failedLoginCount", a.locked_until AS "lockedUntil", a.password_changed_at AS "passwordChangedAt",
  a.capabilities, a.created_at AS "createdAt"`;
const USER_FROM = `app_user a LEFT JOIN unit h ON h.id = a.home_unit_id`;

/** A role usable at `at`: held directly, or through a delegation (then `onBehalfOf` is the delegator). */
export interface EffectiveRoleRow {
  role: Role;
  unitId: string;
  unitPath: string;
  unitCode: string;
  unitName: string;
  workflows: string[] | null;
  onBehalfOf: string | null;
  onBehalfOfUsername: string | null;
  onBehalfOfFullName: string | null;
}

export interface RoleAssignmentRow {
  id: string;
  userId: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  unitPath: string;
  role: Role;
  validFrom: Date;
  validTo: Date | null;
}

export interface DelegationRow {
  id: string;
  fromUserId: string;
  fromUsername: string;
  toUserId: string;
  toUsername: string;
  workflows: string[] | null;
  validFrom: Date;
  validTo: Date;
  revokedAt: Date | null;
  reason: string;
  createdAt: Date;
}

/** A person holding a role at a unit at some instant, or based there (home unit). */
export interface UnitPersonRow {
  userId: string;
  username: string;
  fullName: string;
  status: UserStatus;
  homeUnitId: string | null;
  homeUnitCode: string | null;
  homeUnitName: string | null;
  homeUnitKind: string | null;
  homeUnitPath: string | null;
}

export interface ActiveDelegationRow {
  id: string;
  fromUserId: string;
  fromUsername: string;
  fromFullName: string;
  fromHomePath: string | null;
  toUserId: string;
  toUsername: string;
  toFullName: string;
  toHomePath: string | null;
  workflows: string[] | null;
  validFrom: Date;
  validTo: Date;
  reason: string;
}

export interface RoleHolderRow {
  userId: string;
  onBehalfOf: string | null;
  workflows: string[] | null;
}

const ACTIVE_AT = (alias: string, p: string) => `${alias}.valid_from <= ${p} AND (${alias}.valid_to IS NULL OR ${alias}.valid_to > ${p})`;

/** The only class that queries `app_user`, `role_assignment` and `delegation`. */
@Injectable()
export class PeopleRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  // ---------- users ----------

  async findUserById(id: string, manager?: EntityManager, lock = false): Promise<UserRecord | null> {
    const rows: UserRecord[] = await this.m(manager).query(
      `SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE a.id = $1${lock ? ' FOR UPDATE OF a' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findUserByUsername(username: string, manager?: EntityManager, lock = false): Promise<UserRecord | null> {
    const rows: UserRecord[] = await this.m(manager).query(
      `SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE a.username = $1${lock ? ' FOR UPDATE OF a' : ''}`,
      [username],
    );
    return rows[0] ?? null;
  }

  /** Users whose e-mail is `email`, compared case-insensitively (the column is not unique: callers decide on several). */
  async findUsersByEmail(email: string, manager?: EntityManager): Promise<UserRecord[]> {
    return this.m(manager).query(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE lower(a.email) = lower($1) ORDER BY a.username COLLATE "C" LIMIT 2`, [email]);
  }

  async findUsersByUsernames(usernames: readonly string[], manager?: EntityManager): Promise<UserRecord[]> {
    if (usernames.length === 0) return [];
    return this.m(manager).query(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE a.username = ANY($1::text[])`, [usernames]);
  }

  async listUsers(
    filter: { scopes: UnitScope[]; status?: UserStatus; rootPath?: string; q?: string; afterUsername?: string; limit: number },
    manager?: EntityManager,
  ): Promise<UserRecord[]> {
    const scope = scopeSqlFilter('h.path', filter.scopes, 1);
    const params: unknown[] = [...scope.params];
    const where = [scope.sql];
    const add = (sql: (n: number) => string, v: unknown) => {
      params.push(v);
      where.push(sql(params.length));
    };
    if (filter.status) add((n) => `a.status = $${n}`, filter.status);
    if (filter.rootPath) add((n) => pathWithinSql('h.path', `$${n}`), `${filter.rootPath}%`);
    if (filter.q) add((n) => `(a.username ILIKE $${n} OR a.full_name ILIKE $${n})`, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (filter.afterUsername) add((n) => `a.username COLLATE "C" > $${n}`, filter.afterUsername);
    params.push(filter.limit);
    return this.m(manager).query(
      `SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE ${where.join(' AND ')} ORDER BY a.username COLLATE "C" LIMIT $${params.length}`,
      params,
    );
  }

  /**
   * The search box's people: active users whose home unit is in the caller's scopes and whose folded full name and
   * username hold every term, by name. The folded expression is the one idx_app_user_search_trgm is built on.
   */
  async searchUsers(filter: { scopes: UnitScope[]; terms: readonly string[]; limit: number }, manager?: EntityManager): Promise<Array<{ id: string; username: string; fullName: string; homeUnitName: string | null }>> {
    const scope = scopeSqlFilter('h.path', filter.scopes, 1);
    const params: unknown[] = [...scope.params];
    const where = [scope.sql, `a.status = 'active'`];
    const folded = foldedSql(`a.full_name || ' ' || a.username`);
    for (const term of filter.terms) {
      params.push(containsPattern(term));
      where.push(`${folded} LIKE $${params.length}`);
    }
    params.push(filter.limit);
    return this.m(manager).query(
      `SELECT a.id, a.username, a.full_name AS "fullName", h.name AS "homeUnitName" FROM ${USER_FROM} WHERE ${where.join(' AND ')}
        ORDER BY a.full_name, a.username COLLATE "C" LIMIT $${params.length}`,
      params,
    );
  }

  /** Users of a subtree for export, in username order. */
  async usersForExport(rootPath: string, manager?: EntityManager): Promise<UserRecord[]> {
    return this.m(manager).query(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE ${pathWithinSql('h.path', '$1')} ORDER BY a.username COLLATE "C"`, [`${rootPath}%`]);
  }

  async insertUser(
    row: { username: string; fullName: string; email: string | null; homeUnitId: string | null; passwordHash: string; status?: UserStatus },
    manager: EntityManager,
  ): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO app_user (username, full_name, email, home_unit_id, password_hash, status) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [row.username, row.fullName, row.email, row.homeUnitId, row.passwordHash, row.status ?? 'active'],
    );
    return rows[0]!.id;
  }

  async updateUser(
    id: string,
    patch: { fullName?: string; email?: string | null; status?: UserStatus; homeUnitId?: string | null; capabilities?: string[] },
    manager: EntityManager,
  ): Promise<void> {
    const capabilities = patch.capabilities === undefined ? undefined : [...new Set(patch.capabilities.map((c) => c.trim()).filter((c) => c !== ''))];
    const { sql, params } = setClause({ full_name: patch.fullName, email: patch.email, status: patch.status, home_unit_id: patch.homeUnitId, capabilities });
    if (params.length === 0) return;
    await manager.query(`UPDATE app_user SET ${sql} WHERE id = $1`, [id, ...params]);
    if (patch.fullName !== undefined || patch.status !== undefined) notePrincipalsChanged(manager);
  }

  async setPassword(id: string, passwordHash: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE app_user SET password_hash = $2, password_changed_at = now(), failed_login_count = 0, locked_until = NULL WHERE id = $1`,
      [id, passwordHash],
    );
    notePrincipalsChanged(manager);
  }

  /** Same password, new hash parameters (rehash at sign-in): sessions stay valid. */
  async updatePasswordHash(id: string, passwordHash: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE app_user SET password_hash = $2 WHERE id = $1`, [id, passwordHash]);
  }

  async recordLoginFailure(id: string, maxFailures: number, lockUntil: Date, manager: EntityManager): Promise<{ locked: boolean }> {
    const rows = returnedRows<{ locked: boolean }>(
      await manager.query(
        `UPDATE app_user SET
           failed_login_count = CASE WHEN failed_login_count + 1 >= $2 THEN 0 ELSE failed_login_count + 1 END,
           locked_until = CASE WHEN failed_login_count + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
         WHERE id = $1 RETURNING (locked_until IS NOT NULL AND locked_until = $3::timestamptz) AS locked`,
        [id, maxFailures, lockUntil],
      ),
    );
    return { locked: rows[0]?.locked ?? false };
  }

  async recordLoginSuccess(id: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE app_user SET failed_login_count = 0, locked_until = NULL WHERE id = $1`, [id]);
  }

  /** Users whose home is `fromUnitId` now belong to `toUnitId` (merge, dissolve). */
  async moveHomeUnit(fromUnitId: string, toUnitId: string, manager: EntityManager): Promise<number> {
    return returnedRows(await manager.query(`UPDATE app_user SET home_unit_id = $2 WHERE home_unit_id = $1 RETURNING id`, [fromUnitId, toUnitId])).length;
  }

  /** The user's session version, which auth's access tokens carry (-1 for an unknown user). */
  async sessionVersion(userId: string, manager?: EntityManager): Promise<number> {
    const rows: Array<{ v: number }> = await this.m(manager).query(`SELECT session_version AS v FROM app_user WHERE id = $1`, [userId]);
    return rows[0]?.v ?? -1;
  }

  /** Ends every access token of the user (auth's sign-out everywhere); in the caller's transaction. */
  async bumpSessionVersion(userId: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE app_user SET session_version = session_version + 1 WHERE id = $1`, [userId]);
  }

  // ---------- roles ----------

  /** Roles usable by `userId` at `at`: own assignments and those delegated to them (not re-delegated). */
  async effectiveRoles(userId: string, at: Date, manager?: EntityManager): Promise<EffectiveRoleRow[]> {
    return this.m(manager).query(
      `SELECT ra.role, ra.unit_id AS "unitId", u.path AS "unitPath", u.code AS "unitCode", u.name AS "unitName",
              NULL::text[] AS workflows, NULL::uuid AS "onBehalfOf", NULL::text AS "onBehalfOfUsername", NULL::text AS "onBehalfOfFullName"
       FROM role_assignment ra JOIN unit u ON u.id = ra.unit_id
       WHERE ra.user_id = $1 AND ${ACTIVE_AT('ra', '$2')} AND u.status = 'active'
       UNION ALL
       SELECT ra.role, ra.unit_id, u.path, u.code, u.name, d.workflows, d.from_user_id, f.username, f.full_name
       FROM delegation d
         JOIN app_user f ON f.id = d.from_user_id AND f.status = 'active'
         JOIN role_assignment ra ON ra.user_id = d.from_user_id AND ${ACTIVE_AT('ra', '$2')}
         JOIN unit u ON u.id = ra.unit_id AND u.status = 'active'
       WHERE d.to_user_id = $1 AND d.revoked_at IS NULL AND d.valid_from <= $2 AND d.valid_to > $2
       ORDER BY 3, 1`,
      [userId, at],
    );
  }

  /**
   * The next moment after `at` when `userId`'s effective roles change by the calendar alone: one of their own
   * assignments, a delegation to them, or a delegator's assignment starting or ending (null: none). No row changes
   * then, so no session version is bumped: auth's principal cache keeps a principal only until this moment.
   */
  async nextRoleChangeAfter(userId: string, at: Date, manager?: EntityManager): Promise<Date | null> {
    const rows: Array<{ at: Date | null }> = await this.m(manager).query(
      `SELECT min(t) AS at FROM (
         SELECT CASE WHEN ra.valid_from > $2 THEN ra.valid_from ELSE ra.valid_to END AS t
           FROM role_assignment ra WHERE ra.user_id = $1 AND (ra.valid_from > $2 OR ra.valid_to > $2)
         UNION ALL
         SELECT CASE WHEN d.valid_from > $2 THEN d.valid_from ELSE d.valid_to END
           FROM delegation d WHERE d.to_user_id = $1 AND d.revoked_at IS NULL AND d.valid_to > $2
         UNION ALL
         SELECT CASE WHEN ra.valid_from > $2 THEN ra.valid_from ELSE ra.valid_to END
           FROM delegation d JOIN role_assignment ra ON ra.user_id = d.from_user_id
          WHERE d.to_user_id = $1 AND d.revoked_at IS NULL AND d.valid_to > $2 AND (ra.valid_from > $2 OR ra.valid_to > $2)
       ) x`,
      [userId, at],
    );
    return rows[0]?.at ? new Date(rows[0].at) : null;
  }

  /** Direct holders of `role` at `unitId`, plus the active delegates of each of them. Active users only. */
  async roleHolders(role: Role, unitId: string, at: Date, manager?: EntityManager): Promise<RoleHolderRow[]> {
    return this.m(manager).query(
      `SELECT ra.user_id AS "userId", NULL::uuid AS "onBehalfOf", NULL::text[] AS workflows
       FROM role_assignment ra JOIN app_user a ON a.id = ra.user_id AND a.status = 'active'
       WHERE ra.unit_id = $1 AND ra.role = $2 AND ${ACTIVE_AT('ra', '$3')}
       UNION ALL
       SELECT d.to_user_id, d.from_user_id, d.workflows
       FROM role_assignment ra
         JOIN app_user f ON f.id = ra.user_id AND f.status = 'active'
         JOIN delegation d ON d.from_user_id = ra.user_id AND d.revoked_at IS NULL AND d.valid_from <= $3 AND d.valid_to > $3
         JOIN app_user t ON t.id = d.to_user_id AND t.status = 'active'
       WHERE ra.unit_id = $1 AND ra.role = $2 AND ${ACTIVE_AT('ra', '$3')}`,
      [unitId, role, at],
    );
  }

  async roleAssignmentsOfUser(userId: string, manager?: EntityManager): Promise<RoleAssignmentRow[]> {
    return this.m(manager).query(
      `SELECT ra.id, ra.user_id AS "userId", ra.unit_id AS "unitId", u.code AS "unitCode", u.name AS "unitName", u.path AS "unitPath",
              ra.role, ra.valid_from AS "validFrom", ra.valid_to AS "validTo"
       FROM role_assignment ra JOIN unit u ON u.id = ra.unit_id WHERE ra.user_id = $1 ORDER BY ra.valid_from DESC, ra.id`,
      [userId],
    );
  }

  async findRoleAssignment(id: string, manager?: EntityManager): Promise<RoleAssignmentRow | null> {
    const rows: RoleAssignmentRow[] = await this.m(manager).query(
      `SELECT ra.id, ra.user_id AS "userId", ra.unit_id AS "unitId", u.code AS "unitCode", u.name AS "unitName", u.path AS "unitPath",
              ra.role, ra.valid_from AS "validFrom", ra.valid_to AS "validTo"
       FROM role_assignment ra JOIN unit u ON u.id = ra.unit_id WHERE ra.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Whether an open-ended or overlapping assignment of the same role at the same unit exists. */
  async hasOverlappingAssignment(userId: string, unitId: string, role: Role, from: Date, to: Date | null, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM role_assignment WHERE user_id = $1 AND unit_id = $2 AND role = $3
         AND (valid_to IS NULL OR valid_to > $4) AND ($5::timestamptz IS NULL OR valid_from < $5) LIMIT 1`,
      [userId, unitId, role, from, to],
    );
    return rows.length > 0;
  }

  async insertRoleAssignment(row: { userId: string; unitId: string; role: Role; validFrom: Date; validTo: Date | null }, manager: EntityManager): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO role_assignment (user_id, unit_id, role, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [row.userId, row.unitId, row.role, row.validFrom, row.validTo],
    );
    notePrincipalsChanged(manager);
    return rows[0]!.id;
  }

  async endRoleAssignment(id: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE role_assignment SET valid_to = $2 WHERE id = $1`, [id, at]);
    notePrincipalsChanged(manager);
  }

  /** People holding a role at the unit now (for dissolve's refusal list). */
  async currentHoldersAt(unitId: string, at: Date, manager?: EntityManager): Promise<Array<{ assignmentId: string; userId: string; username: string; fullName: string; role: Role }>> {
    return this.m(manager).query(
      `SELECT ra.id AS "assignmentId", a.id AS "userId", a.username, a.full_name AS "fullName", ra.role
       FROM role_assignment ra JOIN app_user a ON a.id = ra.user_id
       WHERE ra.unit_id = $1 AND ${ACTIVE_AT('ra', '$2')} ORDER BY a.username, ra.role`,
      [unitId, at],
    );
  }

  // ---------- people of a unit ----------

  /**
   * Users holding any role at `unitId` at `at`, plus users whose (current) home unit it is, by
   * username; at most `limit` rows.
   */
  async peopleOfUnit(unitId: string, at: Date, limit: number, manager?: EntityManager): Promise<UnitPersonRow[]> {
    return this.m(manager).query(
      `WITH ids AS (
         SELECT ra.user_id AS id FROM role_assignment ra WHERE ra.unit_id = $1 AND ${ACTIVE_AT('ra', '$2')}
         UNION SELECT id FROM app_user WHERE home_unit_id = $1)
       SELECT a.id AS "userId", a.username, a.full_name AS "fullName", a.status, a.home_unit_id AS "homeUnitId",
              h.code AS "homeUnitCode", h.name AS "homeUnitName", h.kind AS "homeUnitKind", h.path AS "homeUnitPath"
       FROM ids JOIN app_user a ON a.id = ids.id LEFT JOIN unit h ON h.id = a.home_unit_id
       ORDER BY a.username COLLATE "C" LIMIT $3`,
      [unitId, at, limit],
    );
  }

  /** Assignments at `unitId` valid at `at`, of these users. */
  async assignmentsAtUnit(unitId: string, userIds: readonly string[], at: Date, manager?: EntityManager): Promise<RoleAssignmentRow[]> {
    if (userIds.length === 0) return [];
    return this.m(manager).query(
      `SELECT ra.id, ra.user_id AS "userId", ra.unit_id AS "unitId", u.code AS "unitCode", u.name AS "unitName", u.path AS "unitPath",
              ra.role, ra.valid_from AS "validFrom", ra.valid_to AS "validTo"
       FROM role_assignment ra JOIN unit u ON u.id = ra.unit_id
       WHERE ra.unit_id = $1 AND ra.user_id = ANY($2::uuid[]) AND ${ACTIVE_AT('ra', '$3')}
       ORDER BY ra.role, ra.valid_from`,
      [unitId, userIds, at],
    );
  }

  /** Delegations from or to these users that were in force at `at` (within their period, not yet revoked then). */
  async delegationsActiveAt(userIds: readonly string[], at: Date, manager?: EntityManager): Promise<ActiveDelegationRow[]> {
    if (userIds.length === 0) return [];
    return this.m(manager).query(
      `SELECT d.id, d.from_user_id AS "fromUserId", f.username AS "fromUsername", f.full_name AS "fromFullName", fh.path AS "fromHomePath",
              d.to_user_id AS "toUserId", t.username AS "toUsername", t.full_name AS "toFullName", th.path AS "toHomePath",
              d.workflows, d.valid_from AS "validFrom", d.valid_to AS "validTo", d.reason
       FROM delegation d
         JOIN app_user f ON f.id = d.from_user_id LEFT JOIN unit fh ON fh.id = f.home_unit_id
         JOIN app_user t ON t.id = d.to_user_id LEFT JOIN unit th ON th.id = t.home_unit_id
       WHERE (d.from_user_id = ANY($1::uuid[]) OR d.to_user_id = ANY($1::uuid[]))
         AND d.valid_from <= $2 AND d.valid_to > $2 AND (d.revoked_at IS NULL OR d.revoked_at > $2)
       ORDER BY d.valid_from, d.id`,
      [userIds, at],
    );
  }

  // ---------- delegations ----------

  private readonly delegationSelect = `SELECT d.id, d.from_user_id AS "fromUserId", f.username AS "fromUsername", d.to_user_id AS "toUserId",
      t.username AS "toUsername", d.workflows, d.valid_from AS "validFrom", d.valid_to AS "validTo", d.revoked_at AS "revokedAt",
      d.reason, d.created_at AS "createdAt"
    FROM delegation d JOIN app_user f ON f.id = d.from_user_id JOIN app_user t ON t.id = d.to_user_id`;

  async findDelegation(id: string, manager?: EntityManager): Promise<DelegationRow | null> {
    const rows: DelegationRow[] = await this.m(manager).query(`${this.delegationSelect} WHERE d.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async listDelegations(
    filter: { userId: string; activeAt?: Date; before?: { createdAt: string; id: string }; limit: number },
    manager?: EntityManager,
  ): Promise<DelegationRow[]> {
    const params: unknown[] = [filter.userId];
    const where = ['(d.from_user_id = $1 OR d.to_user_id = $1)'];
    if (filter.activeAt) {
      params.push(filter.activeAt);
      where.push(`d.revoked_at IS NULL AND d.valid_from <= $${params.length} AND d.valid_to > $${params.length}`);
    }
    if (filter.before) {
      params.push(filter.before.createdAt, filter.before.id);
      where.push(`(d.created_at, d.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(filter.limit);
    return this.m(manager).query(
      `${this.delegationSelect} WHERE ${where.join(' AND ')} ORDER BY d.created_at DESC, d.id DESC LIMIT $${params.length}`,
      params,
    );
  }

  async insertDelegation(
    row: { fromUserId: string; toUserId: string; workflows: string[] | null; validFrom: Date; validTo: Date; reason: string },
    manager: EntityManager,
  ): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO delegation (from_user_id, to_user_id, workflows, valid_from, valid_to, reason) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [row.fromUserId, row.toUserId, row.workflows, row.validFrom, row.validTo, row.reason],
    );
    notePrincipalsChanged(manager);
    return rows[0]!.id;
  }

  async revokeDelegation(id: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE delegation SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [id, at]);
    notePrincipalsChanged(manager);
  }
}
