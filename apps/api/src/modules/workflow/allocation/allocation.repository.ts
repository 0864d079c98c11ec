import { Injectable } from '@nestjs/common';
import type { AllocationInput, Role } from '@thidua/workflow-core';
import type { EntityManager } from 'typeorm';
import { OrgSql } from '../../org/index';
import { rowsOf } from '../engine/sql';

const UUID = /^[0-9a-f-]{36}$/i;

/** One (stage, unit, role) whose work a strategy allocates. */
export interface AllocationKey {
  stage: string;
  unitId: string;
  role: Role;
}

/** One allocation made by a step, in the order the decisions were taken. */
export interface AllocationMade {
  stage: string;
  unitId: string;
  userId: string;
}

export const allocationKeyOf = (k: Pick<AllocationKey, 'stage' | 'unitId' | 'role'>): string => `${k.stage}\u0000${k.unitId}\u0000${k.role}`;

/**
 * Work allocation (issue 15, line 6), always inside the step's transaction: `lock` takes the cursor rows of the
 * (stage, unit) pairs about to be allocated — so two simultaneous allocations there run one after the other and
 * never pick the same turn — then `inputsFor` reads, in ONE statement for all the pairs (never a query per candidate
 * or per item), the active holders of the role at the unit, each with the open items they hold (shortest queue),
 * their capabilities (capability), when they were last allocated this stage's work here (least recently allocated),
 * and the round-robin turn from the cursor row. `record` writes a whole batch's allocations in one statement.
 */
@Injectable()
export class AllocationRepository {
  /** Locks the cursor rows (created on first use), in one order so that two batches never wait on each other. */
  async lock(m: EntityManager, workflowKey: string, keys: readonly Pick<AllocationKey, 'stage' | 'unitId'>[]): Promise<void> {
    const valid = keys.filter((k) => UUID.test(k.unitId));
    if (valid.length === 0) return;
    await m.query(
      `INSERT INTO workflow_allocation_cursor (workflow_key, stage, unit_id)
       SELECT $1, k.stage, k.unit_id FROM unnest($2::text[], $3::uuid[]) AS k(stage, unit_id) GROUP BY k.stage, k.unit_id ORDER BY k.stage, k.unit_id
       ON CONFLICT ON CONSTRAINT pk_workflow_allocation_cursor DO UPDATE SET workflow_key = EXCLUDED.workflow_key`,
      [workflowKey, valid.map((k) => k.stage), valid.map((k) => k.unitId)],
    );
  }

  /** The inputs of every key, by `allocationKeyOf`; call after `lock` in the same transaction. */
  async inputsFor(m: EntityManager, workflowKey: string, keys: readonly AllocationKey[]): Promise<Map<string, Omit<AllocationInput, 'seed'>>> {
    const out = new Map<string, Omit<AllocationInput, 'seed'>>();
    for (const k of keys) out.set(allocationKeyOf(k), { candidates: [], lastAllocatedUserId: null });
    const valid = keys.filter((k) => UUID.test(k.unitId));
    if (valid.length === 0) return out;
    const rows = rowsOf<{ stage: string; unitId: string; role: Role; userId: string | null; capabilities: string[] | null; openCount: number | null; lastAllocatedAt: Date | null; cursor: string | null }>(
      await m.query(
        `WITH k AS (SELECT DISTINCT stage, unit_id, role FROM unnest($1::text[], $2::uuid[], $3::text[]) AS k(stage, unit_id, role)),
         cand AS (
           SELECT DISTINCT k.stage, k.unit_id, k.role, au.id AS user_id, au.capabilities
             FROM k JOIN ${OrgSql.roleAssignments('ra')} ON ra.role = k.role AND ra.unit_id = k.unit_id AND ra.valid_from <= now() AND (ra.valid_to IS NULL OR ra.valid_to > now())
             JOIN ${OrgSql.activePeopleCapabilities('au')} ON au.id = ra.user_id)
         SELECT k.stage, k.unit_id AS "unitId", k.role, c.user_id AS "userId", c.capabilities,
                CASE WHEN c.user_id IS NULL THEN NULL ELSE (SELECT count(*) FROM work_item w WHERE w.assigned_user_id = c.user_id AND w.status <> 'final')::int END AS "openCount",
                wa.last_allocated_at AS "lastAllocatedAt", cur.user_id AS "cursor"
           FROM k
           LEFT JOIN cand c ON c.stage = k.stage AND c.unit_id = k.unit_id AND c.role = k.role
           LEFT JOIN workflow_allocation wa ON wa.workflow_key = $4 AND wa.stage = k.stage AND wa.unit_id = k.unit_id AND wa.user_id = c.user_id
           LEFT JOIN workflow_allocation_cursor cur ON cur.workflow_key = $4 AND cur.stage = k.stage AND cur.unit_id = k.unit_id
          ORDER BY 1, 2, 3, 4`,
        [valid.map((k) => k.stage), valid.map((k) => k.unitId), valid.map((k) => k.role), workflowKey],
      ),
    );
    for (const r of rows) {
      const key = allocationKeyOf(r);
      const input = out.get(key) ?? { candidates: [], lastAllocatedUserId: null };
      input.lastAllocatedUserId = r.cursor ?? null;
      if (r.userId !== null) {
        input.candidates = [...input.candidates, { userId: r.userId, openCount: Number(r.openCount ?? 0), lastAllocatedAt: r.lastAllocatedAt ? new Date(r.lastAllocatedAt).toISOString() : null, capabilities: r.capabilities ?? [] }];
      }
      out.set(key, input);
    }
    return out;
  }

  /**
   * Records allocations inside the step's transaction, a batch in one statement: each person's history row (count,
   * when last — in the order the decisions were taken), and the cursor row's turn (the batch's last decision).
   */
  async record(m: EntityManager, workflowKey: string, made: readonly AllocationMade[]): Promise<void> {
    if (made.length === 0) return;
    await m.query(
      `WITH t AS (SELECT clock_timestamp() AS at),
       r AS (SELECT * FROM unnest($2::text[], $3::uuid[], $4::uuid[]) WITH ORDINALITY AS r(stage, unit_id, user_id, n)),
       agg AS (SELECT stage, unit_id, user_id, count(*)::int AS times, max(n) AS last FROM r GROUP BY stage, unit_id, user_id),
       hist AS (
         INSERT INTO workflow_allocation (workflow_key, stage, unit_id, user_id, last_allocated_at, allocations)
         SELECT $1, agg.stage, agg.unit_id, agg.user_id, t.at + agg.last * interval '1 microsecond', agg.times FROM agg CROSS JOIN t
         ON CONFLICT ON CONSTRAINT pk_workflow_allocation DO UPDATE
           SET last_allocated_at = EXCLUDED.last_allocated_at, allocations = workflow_allocation.allocations + EXCLUDED.allocations)
       INSERT INTO workflow_allocation_cursor (workflow_key, stage, unit_id, user_id, allocated_at)
       SELECT DISTINCT ON (r.stage, r.unit_id) $1, r.stage, r.unit_id, r.user_id, t.at + r.n * interval '1 microsecond' FROM r CROSS JOIN t ORDER BY r.stage, r.unit_id, r.n DESC
       ON CONFLICT ON CONSTRAINT pk_workflow_allocation_cursor DO UPDATE SET user_id = EXCLUDED.user_id, allocated_at = EXCLUDED.allocated_at`,
      [workflowKey, made.map((a) => a.stage), made.map((a) => a.unitId), made.map((a) => a.userId)],
    );
  }
}
