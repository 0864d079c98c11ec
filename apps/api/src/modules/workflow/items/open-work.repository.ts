import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { WorkItemSnapshot } from '@thidua/workflow-core';
import { rowsOf } from '../engine/sql';
import { pathWithinSql, subtreePattern } from '../../../common/auth/scope-sql';

/** An open item as a reorganisation sees it (locked by `lockOpenAt` / `lockOpenAssignedAt`). */
export interface OpenWorkRow {
  id: string;
  version: number;
  stage: string;
  unitId: string;
  unitPath: string;
  parentItemId: string | null;
  assignedUnitId: string | null;
  assignedUnitPath: string | null;
  /** The item the target unit already has under the same parent item (collision), if any. */
  keptItemId: string | null;
  keptStatus: string | null;
}

const OPEN_COLUMNS = `w.id, w.version, w.stage, w.unit_id AS "unitId", w.unit_path AS "unitPath", w.parent_item_id AS "parentItemId",
  w.assigned_unit_id AS "assignedUnitId", w.assigned_unit_path AS "assignedUnitPath"`;

/** What a changed row looked like before and after (for its history row). */
export interface ChangedRow {
  id: string;
  version: number;
  stage: string;
  oldUnitPath: string;
  newUnitPath: string;
  oldAssignedPath: string | null;
  newAssignedPath: string | null;
}

/**
 * The SQL of moving open work when the tree changes (`MoveOpenWorkUseCase`). Each write bumps the
 * item's version, so a user acting on the version they saw before gets ITEM_CHANGED, not a
 * silent overwrite. Open = status <> 'final'.
 */
@Injectable()
export class OpenWorkRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(m?: EntityManager): DataSource | EntityManager {
    return m ?? this.dataSource;
  }

  async countOpenAt(unitId: string, m?: EntityManager): Promise<number> {
    const rows = rowsOf<{ n: string }>(
      await this.q(m).query(`SELECT count(*) AS n FROM work_item WHERE (unit_id = $1 OR assigned_unit_id = $1) AND status <> 'final'`, [unitId]),
    );
    return Number(rows[0]?.n ?? 0);
  }

  async listOpenAt(unitId: string, limit: number, m?: EntityManager): Promise<Array<{ id: string; status: string; title: string; workflowKey: string; stage: string }>> {
    return rowsOf(
      await this.q(m).query(
        `SELECT id::text AS id, status, title, workflow_key AS "workflowKey", stage FROM work_item
          WHERE (unit_id = $1 OR assigned_unit_id = $1) AND status <> 'final' ORDER BY id LIMIT $2`,
        [unitId, limit],
      ),
    );
  }

  /** Open items whose unit or assignment is inside a subtree (by the stored paths). */
  async countOpenUnder(rootPath: string, m?: EntityManager): Promise<number> {
    const rows = rowsOf<{ n: string }>(
      await this.q(m).query(
        `SELECT count(*) AS n FROM work_item WHERE status <> 'final' AND (${pathWithinSql('unit_path', '$1')} OR ${pathWithinSql('assigned_unit_path', '$1')})`,
        [`${rootPath}%`],
      ),
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Locks the open items of a unit, each with the item the target already holds under the same parent. */
  async lockOpenAt(m: EntityManager, unitId: string, targetUnitId: string): Promise<OpenWorkRow[]> {
    return rowsOf<OpenWorkRow>(
      await m.query(
        `SELECT ${OPEN_COLUMNS}, k.id AS "keptItemId", k.status AS "keptStatus"
           FROM work_item w
           LEFT JOIN work_item k ON w.parent_item_id IS NOT NULL AND k.parent_item_id = w.parent_item_id AND k.unit_id = $2
          WHERE w.unit_id = $1 AND w.status <> 'final'
          ORDER BY w.id
          FOR UPDATE OF w`,
        [unitId, targetUnitId],
      ),
    );
  }

  /** Locks open items of other units whose current assignment is at the unit. */
  async lockOpenAssignedAt(m: EntityManager, unitId: string): Promise<OpenWorkRow[]> {
    return rowsOf<OpenWorkRow>(
      await m.query(
        `SELECT ${OPEN_COLUMNS}, NULL::uuid AS "keptItemId", NULL::text AS "keptStatus"
           FROM work_item w WHERE w.assigned_unit_id = $1 AND w.unit_id <> $1 AND w.status <> 'final' ORDER BY w.id FOR UPDATE`,
        [unitId],
      ),
    );
  }

  /**
   * Items of `ids` take the unit `to` (when `moveUnit`) and, where their assignment was at `from`,
   * their assignment follows (snapshot and columns; a claim is released, the holder may not hold
   * the role at the new unit). Version + 1. Returns before/after for the history rows.
   */
  async moveTo(m: EntityManager, ids: readonly string[], from: string, to: { id: string; path: string }, moveUnit: boolean): Promise<ChangedRow[]> {
    if (ids.length === 0) return [];
    return rowsOf<ChangedRow>(
      await m.query(
        `UPDATE work_item w SET
            unit_id = CASE WHEN $5::boolean THEN $3::uuid ELSE w.unit_id END,
            unit_path = CASE WHEN $5::boolean THEN $4::text ELSE w.unit_path END,
            assigned_unit_id = CASE WHEN w.assigned_unit_id = $2::uuid THEN $3::uuid ELSE w.assigned_unit_id END,
            assigned_unit_path = CASE WHEN w.assigned_unit_id = $2 THEN $4 ELSE w.assigned_unit_path END,
            assigned_user_id = CASE WHEN w.assigned_unit_id = $2 THEN NULLIF(w.snapshot->'assignment'->>'userId', '')::uuid ELSE w.assigned_user_id END,
            snapshot = CASE WHEN w.assigned_unit_id = $2 AND jsonb_typeof(w.snapshot->'assignment') = 'object'
                            THEN jsonb_set(w.snapshot, '{assignment}'::text[], ((w.snapshot->'assignment') - 'claimedBy'::text) || jsonb_build_object('unitId', $3::text))
                            ELSE w.snapshot END,
            version = w.version + 1, updated_at = now()
          FROM (SELECT id, unit_path, assigned_unit_path FROM work_item WHERE id = ANY($1::uuid[])) o
         WHERE w.id = o.id
         RETURNING w.id, w.version, w.stage, o.unit_path AS "oldUnitPath", w.unit_path AS "newUnitPath",
                   o.assigned_unit_path AS "oldAssignedPath", w.assigned_unit_path AS "newAssignedPath"`,
        [ids, from, to.id, to.path, moveUnit],
      ),
    );
  }

  /** Closes open items as superseded (outcome column `superseded`, snapshot final/cancelled); version + 1. */
  async supersede(m: EntityManager, ids: readonly string[]): Promise<Array<{ id: string; version: number; stage: string }>> {
    if (ids.length === 0) return [];
    return rowsOf(
      await m.query(
        `UPDATE work_item SET status = 'final', outcome = 'superseded',
                snapshot = snapshot || jsonb_build_object('status', 'final', 'outcome', 'cancelled', 'assignment', NULL, 'deadline', NULL),
                assigned_unit_id = NULL, assigned_unit_path = NULL, assigned_role = NULL, assigned_user_id = NULL,
                version = version + 1, updated_at = now()
          WHERE id = ANY($1::uuid[]) AND status <> 'final'
          RETURNING id, version, stage`,
        [ids],
      ),
    );
  }

  /** Open children of `fromParentId` become children of `toParentId`; version + 1. */
  async reparentOpenChildren(m: EntityManager, fromParentId: string, toParentId: string): Promise<Array<{ id: string; version: number; stage: string }>> {
    return rowsOf(
      await m.query(
        `UPDATE work_item SET parent_item_id = $2, version = version + 1, updated_at = now()
          WHERE parent_item_id = $1 AND status <> 'final'
            AND NOT EXISTS (SELECT 1 FROM work_item k WHERE k.parent_item_id = $2 AND k.unit_id = work_item.unit_id)
          RETURNING id, version, stage`,
        [fromParentId, toParentId],
      ),
    );
  }

  /** Open items with an assignment whose unit lies in the subtree at `rootPath`, locked (a moved unit's in-flight work). */
  async lockAssignedUnder(m: EntityManager, rootPath: string): Promise<Array<{ id: string; version: number; stage: string; title: string; definitionId: string; unitId: string; data: Record<string, unknown>; snapshot: WorkItemSnapshot }>> {
    return rowsOf(
      await m.query(
        `SELECT id, version, stage, title, definition_id AS "definitionId", unit_id AS "unitId", data, snapshot FROM work_item
          WHERE status <> 'final' AND ${pathWithinSql('unit_path', '$1')} AND assigned_unit_id IS NOT NULL ORDER BY id FOR UPDATE`,
        [subtreePattern(rootPath)],
      ),
    );
  }

  /** The current stage's work goes to another unit (snapshot and inbox columns); version + 1. */
  async setAssignment(m: EntityManager, id: string, version: number, snapshot: WorkItemSnapshot, unit: { id: string; path: string }, userId: string | null): Promise<number | null> {
    const rows = rowsOf<{ version: number }>(
      await m.query(
        `UPDATE work_item SET snapshot = $3, assigned_unit_id = $4, assigned_unit_path = $5, assigned_user_id = $6, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 RETURNING version`,
        [id, version, JSON.stringify(snapshot), unit.id, unit.path, userId],
      ),
    );
    return rows[0]?.version ?? null;
  }

  /**
   * Open items whose unit path or assignment path lies under `oldRoot` take `newRoot` as prefix
   * (their unit moved with a subtree); version + 1. Closed items keep the path of their time.
   */
  async repath(m: EntityManager, oldRoot: string, newRoot: string): Promise<ChangedRow[]> {
    return rowsOf<ChangedRow>(
      await m.query(
        `UPDATE work_item w SET
            unit_path = CASE WHEN ${pathWithinSql('w.unit_path', '$3')} THEN $2 || substr(w.unit_path, length($1) + 1) ELSE w.unit_path END,
            assigned_unit_path = CASE WHEN ${pathWithinSql('w.assigned_unit_path', '$3')} THEN $2 || substr(w.assigned_unit_path, length($1) + 1) ELSE w.assigned_unit_path END,
            version = w.version + 1, updated_at = now()
          FROM (SELECT id, unit_path, assigned_unit_path FROM work_item
                 WHERE status <> 'final' AND (${pathWithinSql('unit_path', '$3')} OR ${pathWithinSql('assigned_unit_path', '$3')}) FOR UPDATE) o
         WHERE w.id = o.id
         RETURNING w.id, w.version, w.stage, o.unit_path AS "oldUnitPath", w.unit_path AS "newUnitPath",
                   o.assigned_unit_path AS "oldAssignedPath", w.assigned_unit_path AS "newAssignedPath"`,
        [oldRoot, newRoot, `${oldRoot}%`],
      ),
    );
  }
}
