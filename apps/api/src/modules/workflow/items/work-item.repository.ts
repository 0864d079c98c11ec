import { Injectable } from '@nestjs/common';
import type { ItemStatus, Role } from '@thidua/contracts';
import type { HeldVisibility, WorkItemSnapshot } from '@thidua/workflow-core';
import { DataSource, type EntityManager } from 'typeorm';
import { affectedOf, rowsOf } from '../engine/sql';
import { OrgSql, type UnitRow } from '../../org/index';
import type { NewItemEvent } from './work-item-event.repository';
import { pathWithinSql } from '../../../common/auth/scope-sql';
import { containsPattern, foldedSql } from '../../../common/search/search-fold';

export interface WorkItemRecord {
  id: string;
  definitionId: string;
  workflowKey: string;
  workflowVersion: number;
  unitId: string;
  unitPath: string;
  campaignId: string | null;
  parentItemId: string | null;
  title: string;
  stage: string;
  status: ItemStatus;
  outcome: string | null;
  data: Record<string, unknown>;
  snapshot: WorkItemSnapshot;
  assignedUnitId: string | null;
  assignedUnitPath: string | null;
  assignedRole: Role | null;
  assignedUserId: string | null;
  dueAt: Date | null;
  submitterId: string | null;
  submittedAt: Date | null;
  cascade: CascadeState | null;
  createdBy: string | null;
  /** What each role sees of the item while someone else holds it (workflow-core `heldVisibilityAt`). */
  heldVisibility: HeldVisibility;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Progress of a fan-out parent's cascade; `afterUnitId` makes it resumable. */
export interface CascadeState {
  status: 'pending' | 'running' | 'done' | 'closed' | 'withdrawn';
  childWorkflow: string;
  rootUnitId: string;
  rootPath: string;
  selector: Record<string, unknown>;
  reached: number;
  total: number | null;
  submitted: number;
  settled: number;
  afterUnitId: string | null;
  /** Subtrees whose cascade was withdrawn: no child is created there. */
  withdrawnPaths: string[];
  /** Children of units that left the subtree and were kept open (movedOut: carry_over). */
  carriedOver?: string[];
  startedAt: string;
  finishedAt: string | null;
}

export const ITEM_COLUMNS = `i.id, i.definition_id AS "definitionId", i.workflow_key AS "workflowKey", i.workflow_version AS "workflowVersion",
  i.unit_id AS "unitId", i.unit_path AS "unitPath", i.campaign_id AS "campaignId", i.parent_item_id AS "parentItemId", i.title,
  i.stage, i.status, i.outcome, i.data, i.snapshot, i.assigned_unit_id AS "assignedUnitId", i.assigned_unit_path AS "assignedUnitPath",
  i.assigned_role AS "assignedRole", i.assigned_user_id AS "assignedUserId", i.due_at AS "dueAt", i.submitter_id AS "submitterId",
  i.submitted_at AS "submittedAt", i.cascade, i.created_by AS "createdBy", i.held_visibility AS "heldVisibility", i.version, i.created_at AS "createdAt", i.updated_at AS "updatedAt"`;

/**
 * Late offering: `offered_from` and `offer_queue_below` mirror the snapshot's assignment (workflow-core offering.ts),
 * set from the snapshot parameter in the same UPDATE, so every save path keeps them in step with the snapshot.
 */
const LATE_OFFER_COLUMNS = (snapshotParam: string): string =>
  `offered_from = (${snapshotParam}::jsonb #>> '{assignment,offeredFrom}')::timestamptz, offer_queue_below = (${snapshotParam}::jsonb #>> '{assignment,queueBelow}')::int`;

/** The columns denormalised from a snapshot on every save. */
export interface ItemStateColumns {
  stage: string;
  status: ItemStatus;
  outcome: string | null;
  data: Record<string, unknown>;
  snapshot: WorkItemSnapshot;
  assignedUnitId: string | null;
  assignedUnitPath: string | null;
  assignedRole: Role | null;
  assignedUserId: string | null;
  /** Who separation of duties bars from the current stage (workflow-core `excludedUserIds`). */
  excludedUserIds: string[];
  /** What each role sees of the item while someone else holds it (workflow-core `heldVisibilityAt`). */
  heldVisibility: HeldVisibility;
  dueAt: string | null;
  submitterId: string | null;
  markSubmitted: boolean;
}

export interface NewItemRow extends Omit<ItemStateColumns, 'markSubmitted'> {
  id?: string;
  definitionId: string;
  workflowKey: string;
  workflowVersion: number;
  unitId: string;
  unitPath: string;
  campaignId: string | null;
  parentItemId: string | null;
  title: string;
  createdBy: string | null;
  submittedAt?: string | null;
  cascade?: CascadeState | null;
}

@Injectable()
export class WorkItemRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(m?: EntityManager): DataSource | EntityManager {
    return m ?? this.dataSource;
  }

  async byId(id: string, m?: EntityManager): Promise<WorkItemRecord | undefined> {
    return rowsOf<WorkItemRecord>(await this.q(m).query(`SELECT ${ITEM_COLUMNS} FROM work_item i WHERE i.id = $1`, [id]))[0];
  }

  /**
   * The item and, in the same statement, the tree slice its step will most likely need (issue 17, line 1): the
   * item's unit, its assigned unit, its fan-out root and `unitIds` (the actor's role units), each with all its
   * ancestors — what `OrgGateway.treeViewFor` reads for them, through org's read view. The caller checks that the
   * slice covers what the definition's selectors name (StepContextFactory.covers) and reads the rest otherwise.
   */
  async byIdWithTree(id: string, unitIds: readonly string[]): Promise<{ item: WorkItemRecord; units: UnitRow[] } | undefined> {
    const rows = rowsOf<WorkItemRecord & { sliceUnits: UnitRow[] }>(
      await this.dataSource.query(
        `WITH it AS (SELECT ${ITEM_COLUMNS} FROM work_item i WHERE i.id = $1),
              base AS (SELECT u.path FROM ${OrgSql.units('u')}
                        WHERE u.id = ANY($2::uuid[])
                           OR u.id IN (SELECT "unitId" FROM it UNION ALL SELECT "assignedUnitId" FROM it
                                       UNION ALL SELECT (snapshot->'fanout'->>'rootUnitId')::uuid FROM it))
         SELECT it.*,
                (SELECT coalesce(json_agg(json_build_object('id', s.id, 'code', s.code, 'kind', s.kind, 'name', s.name, 'status', s.status, 'parentId', s.parent_id, 'path', s.path)), '[]'::json)
                   FROM ${OrgSql.units('s')}
                  WHERE s.path_key IN (SELECT unnest(string_to_array(trim(both '/' from b.path), '/')) FROM base b)) AS "sliceUnits"
           FROM it`,
        [id, unitIds],
      ),
    );
    const row = rows[0];
    if (!row) return undefined;
    const { sliceUnits, ...item } = row;
    return { item: item as WorkItemRecord, units: sliceUnits };
  }

  async byIds(ids: readonly string[], m?: EntityManager): Promise<WorkItemRecord[]> {
    if (ids.length === 0) return [];
    return rowsOf<WorkItemRecord>(await this.q(m).query(`SELECT ${ITEM_COLUMNS} FROM work_item i WHERE i.id = ANY($1::uuid[])`, [ids]));
  }

  async insert(m: EntityManager, rows: readonly NewItemRow[], options: { ignoreDuplicateChild?: boolean } = {}): Promise<Array<{ id: string; unitId: string }>> {
    if (rows.length === 0) return [];
    const cols = [
      'id', 'definition_id', 'workflow_key', 'workflow_version', 'unit_id', 'unit_path', 'campaign_id', 'parent_item_id', 'title',
      'stage', 'status', 'outcome', 'data', 'snapshot', 'assigned_unit_id', 'assigned_unit_path', 'assigned_role', 'assigned_user_id',
      'due_at', 'submitter_id', 'submitted_at', 'cascade', 'created_by', 'excluded_user_ids', 'held_visibility', 'offered_from', 'offer_queue_below',
    ];
    const params: unknown[] = [];
    const tuples = rows.map((r) => {
      const values = [
        r.id ?? null, r.definitionId, r.workflowKey, r.workflowVersion, r.unitId, r.unitPath, r.campaignId, r.parentItemId, r.title,
        r.stage, r.status, r.outcome, JSON.stringify(r.data), JSON.stringify(r.snapshot), r.assignedUnitId, r.assignedUnitPath,
        r.assignedRole, r.assignedUserId, r.dueAt, r.submitterId, r.submittedAt ?? null, r.cascade ? JSON.stringify(r.cascade) : null, r.createdBy,
        r.excludedUserIds, JSON.stringify(r.heldVisibility), r.snapshot.assignment?.offeredFrom ?? null, r.snapshot.assignment?.queueBelow ?? null,
      ];
      const placeholders = values.map((v) => {
        params.push(v);
        return `$${params.length}`;
      });
      placeholders[0] = `COALESCE(${placeholders[0]}::uuid, gen_random_uuid())`;
      return `(${placeholders.join(', ')})`;
    });
    const conflict = options.ignoreDuplicateChild ? 'ON CONFLICT ON CONSTRAINT uq_work_item_parent_unit DO NOTHING' : '';
    return rowsOf<{ id: string; unitId: string }>(
      await m.query(`INSERT INTO work_item (${cols.join(', ')}) VALUES ${tuples.join(', ')} ${conflict} RETURNING id, unit_id AS "unitId"`, params),
    );
  }

  /** Saves a step's outcome if nobody changed the item since `expectedVersion`; false on a lost race. */
  async saveState(m: EntityManager, id: string, expectedVersion: number, s: ItemStateColumns): Promise<boolean> {
    const res = await m.query(
      `UPDATE work_item SET stage = $3, status = $4, outcome = $5, data = $6, snapshot = $7, assigned_unit_id = $8,
              assigned_unit_path = $9, assigned_role = $10, assigned_user_id = $11, due_at = $12, submitter_id = $13,
              submitted_at = CASE WHEN $14 THEN COALESCE(submitted_at, now()) ELSE submitted_at END,
              excluded_user_ids = $15::uuid[], held_visibility = $16::jsonb, ${LATE_OFFER_COLUMNS('$7')}, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING id`,
      [
        id, expectedVersion, s.stage, s.status, s.outcome, JSON.stringify(s.data), JSON.stringify(s.snapshot), s.assignedUnitId,
        s.assignedUnitPath, s.assignedRole, s.assignedUserId, s.dueAt, s.submitterId, s.markSubmitted, s.excludedUserIds, JSON.stringify(s.heldVisibility),
      ],
    );
    return affectedOf(res) === 1;
  }

  /**
   * Saves a step as ONE statement: the item update with its version check, the history row and the
   * outbox rows, as data-modifying CTEs that only insert when the update matched. Returns the outbox
   * rows, or null when the version moved (nothing was written).
   */
  async saveStepAtomically(
    id: string,
    expectedVersion: number,
    s: ItemStateColumns,
    e: NewItemEvent,
    messages: ReadonlyArray<{ topic: string; payload: Record<string, unknown> }>,
  ): Promise<Array<{ id: string; topic: string; payload: Record<string, unknown> }> | null> {
    const rows = rowsOf<{ updated: number; outbox: Array<{ id: string; topic: string; payload: Record<string, unknown> }> | null }>(
      await this.dataSource.query(
        `WITH u AS (
           UPDATE work_item SET stage = $3, status = $4, outcome = $5, data = $6, snapshot = $7, assigned_unit_id = $8,
                  assigned_unit_path = $9, assigned_role = $10, assigned_user_id = $11, due_at = $12, submitter_id = $13,
                  submitted_at = CASE WHEN $14 THEN COALESCE(submitted_at, now()) ELSE submitted_at END,
                  excluded_user_ids = $27::uuid[], held_visibility = $28::jsonb, ${LATE_OFFER_COLUMNS('$7')}, version = version + 1, updated_at = now()
            WHERE id = $1 AND version = $2 RETURNING id),
         ev AS (
           INSERT INTO work_item_event (item_id, item_version, event, actor_user_id, on_behalf_of_user_id, actor_unit_path, from_stage, to_stage, comment, changes, details, request_id)
           SELECT u.id, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25 FROM u),
         ob AS (
           INSERT INTO outbox (topic, payload)
           SELECT m.topic, m.payload FROM u, jsonb_to_recordset($26::jsonb) AS m(topic text, payload jsonb)
           RETURNING id, topic, payload)
         SELECT (SELECT count(*) FROM u)::int AS updated, (SELECT json_agg(ob) FROM ob) AS outbox`,
        [
          id, expectedVersion, s.stage, s.status, s.outcome, JSON.stringify(s.data), JSON.stringify(s.snapshot), s.assignedUnitId,
          s.assignedUnitPath, s.assignedRole, s.assignedUserId, s.dueAt, s.submitterId, s.markSubmitted,
          e.itemVersion, e.event, e.actorUserId, e.onBehalfOfUserId, e.actorUnitPath, e.fromStage, e.toStage, e.comment,
          JSON.stringify(e.changes), JSON.stringify(e.details), e.requestId, JSON.stringify(messages), s.excludedUserIds, JSON.stringify(s.heldVisibility),
        ],
      ),
    );
    if (rows[0].updated !== 1) return null;
    return rows[0].outbox ?? [];
  }

  async setCascade(m: EntityManager | undefined, id: string, cascade: CascadeState): Promise<void> {
    await this.q(m).query(`UPDATE work_item SET cascade = $2 WHERE id = $1`, [id, JSON.stringify(cascade)]);
  }

  /**
   * Open items below a parent, optionally only those whose unit is in a subtree, in id order:
   * direct children (optionally only the ones not submitted yet), or every descendant through
   * nested cascades (cancelling a campaign leaves nothing waiting anywhere below).
   */
  /** Row lock on an item for the rest of the transaction. */
  async lock(m: EntityManager, id: string): Promise<void> {
    await m.query(`SELECT id FROM work_item WHERE id = $1 FOR UPDATE`, [id]);
  }

  /**
   * Moves the item's version on without a step (an early commitment made or withdrawn): a step prepared before it,
   * which read the commitments without them, then loses its version-checked save (409 ITEM_CHANGED) instead of
   * opening the stage without the commitment.
   */
  async bumpVersion(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE work_item SET version = version + 1, updated_at = now() WHERE id = $1`, [id]);
  }

  /** Makes an open item final without a step (cascade close/cancel); false when it changed meanwhile. */
  async finishOpen(m: EntityManager, id: string, version: number, outcome: string, snapshot: WorkItemSnapshot): Promise<boolean> {
    const res = await m.query(
      `UPDATE work_item SET status = 'final', outcome = $3, snapshot = $4, assigned_unit_id = NULL, assigned_unit_path = NULL,
              assigned_role = NULL, assigned_user_id = NULL, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 AND status <> 'final' RETURNING id`,
      [id, version, outcome, JSON.stringify(snapshot)],
    );
    return affectedOf(res) === 1;
  }

  /** A campaign's items of one workflow, oldest first (domain read models: inspections). */
  async ofCampaign(campaignId: string, workflowKey: string, limit: number, m?: EntityManager): Promise<WorkItemRecord[]> {
    return rowsOf<WorkItemRecord>(
      await this.q(m).query(`SELECT ${ITEM_COLUMNS} FROM work_item i WHERE i.campaign_id = $1 AND i.workflow_key = $2 ORDER BY i.created_at, i.id LIMIT $3`, [campaignId, workflowKey, limit]),
    );
  }

  /** Open items of a campaign, oldest first (cancelling a whole campaign walks them in batches). */
  async openOfCampaign(campaignId: string, limit: number, m?: EntityManager): Promise<WorkItemRecord[]> {
    return rowsOf<WorkItemRecord>(
      await this.q(m).query(`SELECT ${ITEM_COLUMNS} FROM work_item i WHERE i.campaign_id = $1 AND i.status <> 'final' ORDER BY i.id LIMIT $2`, [campaignId, limit]),
    );
  }

  async openChildren(parentId: string, options: { underPath?: string; onlyUnsubmitted?: boolean; descendants?: boolean; limit: number }, m?: EntityManager): Promise<WorkItemRecord[]> {
    // `onlyUnsubmitted` applies to the direct children: below a child that is finished, everything goes with it.
    const first = `SELECT id FROM work_item WHERE parent_item_id = $1 AND (NOT $3::boolean OR submitted_at IS NULL)`;
    const below = options.descendants
      ? `WITH RECURSIVE below AS (${first} UNION ALL SELECT w.id FROM work_item w JOIN below b ON w.parent_item_id = b.id)`
      : `WITH below AS (${first})`;
    return rowsOf<WorkItemRecord>(
      await this.q(m).query(
        `${below}
         SELECT ${ITEM_COLUMNS} FROM work_item i
          WHERE i.id IN (SELECT id FROM below) AND i.status <> 'final'
            AND ($2::text IS NULL OR i.unit_id IN (${OrgSql.unitIdsInSubtree('$2')}))
          ORDER BY i.id LIMIT $4`,
        [parentId, options.underPath ?? null, options.onlyUnsubmitted ?? false, options.limit],
      ),
    );
  }

  /**
   * The join rule's figures over the units in the root's subtree now (children of units moved out
   * do not count): total children, settled (final) ones and submitted ones.
   */
  async childrenProgress(parentId: string, rootPath: string, m?: EntityManager): Promise<{ total: number; settled: number; submitted: number }> {
    const rows = rowsOf<{ total: string; settled: string; submitted: string }>(
      await this.q(m).query(
        `SELECT count(*) AS total,
                count(*) FILTER (WHERE i.status = 'final') AS settled,
                count(*) FILTER (WHERE i.submitted_at IS NOT NULL AND COALESCE(i.outcome, '') NOT IN ('cancelled', 'closed', 'rejected')) AS submitted
           FROM work_item i JOIN ${OrgSql.units('u')} ON u.id = i.unit_id
          WHERE i.parent_item_id = $1 AND ${pathWithinSql('u.path', '$2', { raw: true })} AND COALESCE(i.outcome, '') NOT IN ('cancelled', 'withdrawn')`,
        [parentId, rootPath],
      ),
    );
    const r = rows[0];
    return { total: Number(r.total), settled: Number(r.settled), submitted: Number(r.submitted) };
  }

  async childUnitIds(parentId: string, m?: EntityManager): Promise<Set<string>> {
    const rows = rowsOf<{ unitId: string }>(await this.q(m).query(`SELECT unit_id AS "unitId" FROM work_item WHERE parent_item_id = $1`, [parentId]));
    return new Set(rows.map((r) => r.unitId));
  }

  /** Open fan-out parents (a cascade that is still collecting). */
  async openCascades(m?: EntityManager): Promise<WorkItemRecord[]> {
    return rowsOf<WorkItemRecord>(
      await this.q(m).query(`SELECT ${ITEM_COLUMNS} FROM work_item i WHERE i.cascade IS NOT NULL AND i.status <> 'final' AND i.cascade->>'status' IN ('pending', 'running', 'done')`),
    );
  }

  async list(filter: { scopeSql: string; scopeParams: unknown[]; workflow?: string; campaignId?: string; parentItemId?: string; unitPath?: string; status?: string; afterId?: string; limit: number }): Promise<WorkItemRecord[]> {
    const params: unknown[] = [...filter.scopeParams];
    const where = [filter.scopeSql];
    const add = (sql: string, v: unknown): void => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.workflow) add('i.workflow_key = ?', filter.workflow);
    if (filter.campaignId) add('i.campaign_id = ?', filter.campaignId);
    if (filter.parentItemId) add('i.parent_item_id = ?', filter.parentItemId);
    if (filter.unitPath) add(`${pathWithinSql('i.unit_path', '?', { raw: true })}`, filter.unitPath);
    if (filter.status) add('i.status = ?', filter.status);
    if (filter.afterId) add('i.id > ?', filter.afterId);
    params.push(filter.limit);
    return rowsOf<WorkItemRecord>(
      await this.dataSource.query(`SELECT ${ITEM_COLUMNS} FROM work_item i WHERE ${where.join(' AND ')} ORDER BY i.id LIMIT $${params.length}`, params),
    );
  }

  /**
   * The search box's items: those the scope filter lets through whose folded title holds every term, latest changed
   * first. The folded title is the expression idx_work_item_search_trgm is built on, so each term is a trigram scan.
   */
  async search(filter: { scopeSql: string; scopeParams: unknown[]; terms: readonly string[]; limit: number }): Promise<Array<{ id: string; title: string; workflow: string; status: ItemStatus; unitName: string | null }>> {
    const params: unknown[] = [...filter.scopeParams];
    const where = [filter.scopeSql];
    const folded = foldedSql('i.title');
    for (const term of filter.terms) {
      params.push(containsPattern(term));
      where.push(`${folded} LIKE $${params.length}`);
    }
    params.push(filter.limit);
    return rowsOf(
      await this.dataSource.query(
        `SELECT i.id, i.title, i.workflow_key AS workflow, i.status, u.name AS "unitName"
           FROM work_item i LEFT JOIN ${OrgSql.units('u')} ON u.id = i.unit_id
          WHERE ${where.join(' AND ')} ORDER BY i.updated_at DESC, i.id LIMIT $${params.length}`,
        params,
      ),
    );
  }

  async countVisible(filter: { scopeSql: string; scopeParams: unknown[]; workflow?: string }): Promise<number> {
    const params: unknown[] = [...filter.scopeParams];
    let sql = `SELECT count(*) AS n FROM work_item i WHERE ${filter.scopeSql}`;
    if (filter.workflow) {
      params.push(filter.workflow);
      sql += ` AND i.workflow_key = $${params.length}`;
    }
    return Number(rowsOf<{ n: string }>(await this.dataSource.query(sql, params))[0].n);
  }

  async openItemsOfDefinition(definitionId: string, m?: EntityManager): Promise<WorkItemRecord[]> {
    return rowsOf<WorkItemRecord>(await this.q(m).query(`SELECT ${ITEM_COLUMNS} FROM work_item i WHERE i.definition_id = $1 AND i.status <> 'final' ORDER BY i.id`, [definitionId]));
  }

  async moveToDefinition(m: EntityManager, id: string, expectedVersion: number, def: { id: string; version: number }, stage: string, snapshot: WorkItemSnapshot, heldVisibility: HeldVisibility): Promise<boolean> {
    const res = await m.query(
      `UPDATE work_item SET definition_id = $3, workflow_version = $4, stage = $5, snapshot = $6, held_visibility = $7::jsonb, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING id`,
      [id, expectedVersion, def.id, def.version, stage, JSON.stringify(snapshot), JSON.stringify(heldVisibility)],
    );
    return affectedOf(res) === 1;
  }
}
