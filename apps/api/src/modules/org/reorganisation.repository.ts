import { Injectable } from '@nestjs/common';
import type { ReorganisationKind } from '@thidua/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { returnedRows } from './sql-result';
import { subtreePattern } from './unit-path';
import { pathWithinAnySql } from '../../common/auth/scope-sql';
import { AuditSql } from '../../common/audit/audit-sql';

export interface ScheduledRow {
  id: string;
  operation: ReorganisationKind;
  unitId: string;
  request: Record<string, unknown>;
  effectiveAt: Date;
  status: 'scheduled' | 'applied' | 'failed' | 'cancelled';
  requestedBy: string | null;
  createdAt: Date;
  appliedAt: Date | null;
  error: string | null;
}

const SCHEDULED_COLUMNS = `s.id, s.operation, s.unit_id AS "unitId", s.request, s.effective_at AS "effectiveAt", s.status,
  s.requested_by AS "requestedBy", s.created_at AS "createdAt", s.applied_at AS "appliedAt", s.error`;

export interface LaterChange {
  unitId: string;
  code: string;
  since: Date;
  kind: 'position' | 'role' | 'scheduled';
}

export interface UnitLinkHistoryRow {
  validFrom: Date;
  validTo: Date | null;
  pathAtTime: string;
  parentId: string | null;
  parentCode: string | null;
  parentName: string | null;
  parentKind: string | null;
}

export interface UnitAuditRow {
  action: string;
  occurredAt: Date;
  actorUserId: string | null;
  actorName: string | null;
  entityId: string;
  details: Record<string, unknown>;
}

/**
 * Reads and writes of reorganisations beyond the tree itself: the stored future-dated ones
 * (`scheduled_reorganisation`), the checks that a dated change does not contradict a later one,
 * and a unit's history (its positions and its audit rows).
 */
@Injectable()
export class ReorganisationRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /**
   * What happened after `at` to the units a change at `at` would touch: positions of the subtrees
   * at `subtreePaths` (and of `unitIds`) that began after `at`, role assignments at `roleUnitIds`
   * that began after `at`, and scheduled reorganisations of any of those units.
   */
  async laterChanges(at: Date, subtreePaths: readonly string[], unitIds: readonly string[], roleUnitIds: readonly string[], manager?: EntityManager): Promise<LaterChange[]> {
    const patterns = subtreePaths.map(subtreePattern);
    const rows: LaterChange[] = await this.m(manager).query(
      `SELECT l.unit_id AS "unitId", u.code, l.valid_from AS since, 'position' AS kind
         FROM unit_parent_link l JOIN unit u ON u.id = l.unit_id
        WHERE l.valid_to IS NULL AND l.valid_from > $1 AND (${pathWithinAnySql('u.path', '$2::text[]')} OR u.id = ANY($3::uuid[]))
       UNION ALL
       SELECT ra.unit_id, u.code, ra.valid_from, 'role'
         FROM role_assignment ra JOIN unit u ON u.id = ra.unit_id
        WHERE ra.unit_id = ANY($4::uuid[]) AND ra.valid_from > $1
       UNION ALL
       SELECT s.unit_id, u.code, s.effective_at, 'scheduled'
         FROM scheduled_reorganisation s JOIN unit u ON u.id = s.unit_id
        WHERE s.status = 'scheduled' AND (${pathWithinAnySql('u.path', '$2::text[]')} OR u.id = ANY($3::uuid[]))
        ORDER BY 3 LIMIT 20`,
      [at, patterns, unitIds, roleUnitIds],
    );
    return rows;
  }

  async insertScheduled(
    row: { operation: ReorganisationKind; unitId: string; request: Record<string, unknown>; effectiveAt: Date; requestedBy: string | null },
    manager: EntityManager,
  ): Promise<string> {
    const res: Array<{ id: string }> = await manager.query(
      `INSERT INTO scheduled_reorganisation (operation, unit_id, request, effective_at, requested_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [row.operation, row.unitId, JSON.stringify(row.request), row.effectiveAt, row.requestedBy],
    );
    return res[0]!.id;
  }

  /** Due scheduled reorganisations, oldest first (ids only: each is claimed in its own transaction). */
  async dueIds(now: Date, limit: number, manager?: EntityManager): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.m(manager).query(
      `SELECT id FROM scheduled_reorganisation WHERE status = 'scheduled' AND effective_at <= $1 ORDER BY effective_at, created_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Locks a scheduled row if it is still scheduled (another process may hold it: skipped). */
  async claim(id: string, manager: EntityManager): Promise<ScheduledRow | null> {
    const rows: ScheduledRow[] = await manager.query(
      `SELECT ${SCHEDULED_COLUMNS} FROM scheduled_reorganisation s WHERE s.id = $1 AND s.status = 'scheduled' FOR UPDATE SKIP LOCKED`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findScheduled(id: string, manager?: EntityManager): Promise<ScheduledRow | null> {
    const rows: ScheduledRow[] = await this.m(manager).query(`SELECT ${SCHEDULED_COLUMNS} FROM scheduled_reorganisation s WHERE s.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async finish(id: string, status: 'applied' | 'failed' | 'cancelled', error: string | null, manager: EntityManager): Promise<boolean> {
    const res: unknown = await manager.query(
      `UPDATE scheduled_reorganisation SET status = $2, error = $3, applied_at = CASE WHEN $2 = 'applied' THEN now() ELSE applied_at END
        WHERE id = $1 AND status = 'scheduled' RETURNING id`,
      [id, status, error],
    );
    return returnedRows(res).length === 1;
  }

  /** Stored reorganisations of units whose path matches one of the LIKE patterns, by effective date. */
  async listScheduled(patterns: readonly string[], status: string | null, limit: number, manager?: EntityManager): Promise<Array<ScheduledRow & { code: string; name: string; kind: string }>> {
    return this.m(manager).query(
      `SELECT ${SCHEDULED_COLUMNS}, u.code, u.name, u.kind FROM scheduled_reorganisation s JOIN unit u ON u.id = s.unit_id
        WHERE ${pathWithinAnySql('u.path', '$1::text[]')} AND ($2::text IS NULL OR s.status = $2) ORDER BY s.effective_at, s.created_at LIMIT $3`,
      [patterns, status, limit],
    );
  }

  async scheduledOfUnit(unitId: string, manager?: EntityManager): Promise<ScheduledRow[]> {
    return this.m(manager).query(`SELECT ${SCHEDULED_COLUMNS} FROM scheduled_reorganisation s WHERE s.unit_id = $1 ORDER BY s.effective_at`, [unitId]);
  }

  /** Every position the unit held, oldest first, with the parent of each. */
  async linksOf(unitId: string, manager?: EntityManager): Promise<UnitLinkHistoryRow[]> {
    return this.m(manager).query(
      `SELECT l.valid_from AS "validFrom", l.valid_to AS "validTo", l.path_at_time AS "pathAtTime", l.parent_id AS "parentId",
              p.code AS "parentCode", p.name AS "parentName", p.kind AS "parentKind"
         FROM unit_parent_link l LEFT JOIN unit p ON p.id = l.parent_id
        WHERE l.unit_id = $1 ORDER BY l.valid_from, l.valid_to NULLS LAST`,
      [unitId],
    );
  }

  /** Audit rows of the units (created, moved, merged, dissolved, renamed…), oldest first. */
  async auditOfUnits(unitIds: readonly string[], manager?: EntityManager): Promise<UnitAuditRow[]> {
    return this.m(manager).query(
      `SELECT a.action, a.occurred_at AS "occurredAt", a.actor_user_id AS "actorUserId", au.full_name AS "actorName", a.entity_id AS "entityId", a.details
         FROM ${AuditSql.entriesOf(`'unit'`, 'a')} LEFT JOIN app_user au ON au.id = a.actor_user_id
        WHERE a.entity_id = ANY($1::text[]) ORDER BY a.id`,
      [unitIds],
    );
  }
}
