import { Injectable } from '@nestjs/common';
import type { AllocationInput, Role } from '@thidua/workflow-core';
import { DataSource, type EntityManager } from 'typeorm';
import { OrgSql } from '../../org/index';
import { rowsOf } from '../engine/sql';

const UUID = /^[0-9a-f-]{36}$/i;

/**
 * The inputs of work allocation (issue 15, line 6), in ONE statement per (stage, unit, role) — never a query per
 * candidate: the active holders of the role at the unit, each with the open items they hold (shortest queue), their
 * capabilities (capability), when they were last allocated this stage's work here (least recently allocated), and
 * the last person allocated here (the round-robin cursor, persisted so that every process continues it).
 */
@Injectable()
export class AllocationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async inputsFor(workflowKey: string, stage: string, unitId: string, role: Role, m?: EntityManager): Promise<Omit<AllocationInput, 'seed'>> {
    if (!UUID.test(unitId)) return { candidates: [], lastAllocatedUserId: null };
    const rows = rowsOf<{ userId: string | null; capabilities: string[] | null; openCount: number | null; lastAllocatedAt: Date | null; cursor: string | null }>(
      await (m ?? this.dataSource.manager).query(
        `WITH holders AS (
           SELECT DISTINCT ra.user_id FROM ${OrgSql.roleAssignments('ra')}
            WHERE ra.role = $1 AND ra.unit_id = $2 AND ra.valid_from <= now() AND (ra.valid_to IS NULL OR ra.valid_to > now())),
         people AS (SELECT au.id, au.capabilities FROM ${OrgSql.activePeopleCapabilities('au')} WHERE au.id IN (SELECT user_id FROM holders)),
         cursor AS (SELECT wa.user_id FROM workflow_allocation wa WHERE wa.workflow_key = $3 AND wa.stage = $4 AND wa.unit_id = $2
                     ORDER BY wa.last_allocated_at DESC, wa.user_id DESC LIMIT 1)
         SELECT p.id AS "userId", p.capabilities,
                (SELECT count(*) FROM work_item w WHERE w.assigned_user_id = p.id AND w.status <> 'final')::int AS "openCount",
                wa.last_allocated_at AS "lastAllocatedAt", (SELECT user_id FROM cursor) AS "cursor"
           FROM people p
           LEFT JOIN workflow_allocation wa ON wa.workflow_key = $3 AND wa.stage = $4 AND wa.unit_id = $2 AND wa.user_id = p.id
         UNION ALL
         SELECT NULL, NULL, NULL, NULL, (SELECT user_id FROM cursor)
         ORDER BY 1 NULLS LAST`,
        [role, unitId, workflowKey, stage],
      ),
    );
    const candidates = rows
      .filter((r) => r.userId !== null)
      .map((r) => ({ userId: r.userId as string, openCount: Number(r.openCount ?? 0), lastAllocatedAt: r.lastAllocatedAt ? new Date(r.lastAllocatedAt).toISOString() : null, capabilities: r.capabilities ?? [] }));
    return { candidates, lastAllocatedUserId: rows[0]?.cursor ?? null };
  }

  /** Records an allocation inside the step's transaction (the next round-robin turn, the history). */
  async record(m: EntityManager, workflowKey: string, stage: string, unitId: string, userId: string): Promise<void> {
    await m.query(
      `INSERT INTO workflow_allocation (workflow_key, stage, unit_id, user_id, last_allocated_at) VALUES ($1, $2, $3, $4, clock_timestamp())
       ON CONFLICT ON CONSTRAINT pk_workflow_allocation DO UPDATE SET last_allocated_at = clock_timestamp(), allocations = workflow_allocation.allocations + 1`,
      [workflowKey, stage, unitId, userId],
    );
  }
}
