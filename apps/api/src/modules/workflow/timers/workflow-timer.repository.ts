import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { rowsOf } from '../engine/sql';

export interface DueTimer {
  id: string;
  itemId: string;
  key: string;
  kind: 'reminder' | 'escalation' | 'wait';
}

/** Lease given to a claimed timer: if the process dies before firing it, another one fires it after this. */
export const TIMER_LEASE_SECONDS = 60;

@Injectable()
export class WorkflowTimerRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Pending timers already due (the metrics' scrape). */
  async dueCount(): Promise<number> {
    const [r] = rowsOf<{ n: string }>(await this.dataSource.query(`SELECT count(*) AS n FROM workflow_timer WHERE status = 'pending' AND fire_at <= now()`));
    return Number(r.n);
  }

  async schedule(m: EntityManager, itemId: string, timers: ReadonlyArray<{ key: string; kind: string; stage: string; fireAt: string }>): Promise<void> {
    for (const t of timers) {
      await m.query(
        `INSERT INTO workflow_timer (item_id, key, kind, stage, fire_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ON CONSTRAINT uq_workflow_timer_item_key DO UPDATE SET fire_at = EXCLUDED.fire_at, status = 'pending', fired_at = NULL, result = NULL`,
        [itemId, t.key, t.kind, t.stage, t.fireAt],
      );
    }
  }

  /** Many items' first timers in one statement (cascades create thousands of items at once). */
  async scheduleMany(m: EntityManager, timers: ReadonlyArray<{ itemId: string; key: string; kind: string; stage: string; fireAt: string }>): Promise<void> {
    for (let i = 0; i < timers.length; i += 2000) {
      const chunk = timers.slice(i, i + 2000);
      const params: unknown[] = [];
      const tuples = chunk.map((t) => {
        params.push(t.itemId, t.key, t.kind, t.stage, t.fireAt);
        const n = params.length;
        return `($${n - 4}::uuid, $${n - 3}, $${n - 2}, $${n - 1}, $${n}::timestamptz)`;
      });
      await m.query(
        `INSERT INTO workflow_timer (item_id, key, kind, stage, fire_at) VALUES ${tuples.join(', ')}
         ON CONFLICT ON CONSTRAINT uq_workflow_timer_item_key DO UPDATE SET fire_at = EXCLUDED.fire_at, status = 'pending', fired_at = NULL, result = NULL`,
        params,
      );
    }
  }

  async cancel(m: EntityManager, itemId: string, stage?: string): Promise<void> {
    await m.query(`UPDATE workflow_timer SET status = 'cancelled' WHERE item_id = $1 AND status = 'pending' AND ($2::text IS NULL OR stage = $2)`, [itemId, stage ?? null]);
  }

  async cancelMany(m: EntityManager, itemIds: readonly string[]): Promise<void> {
    if (itemIds.length === 0) return;
    await m.query(`UPDATE workflow_timer SET status = 'cancelled' WHERE item_id = ANY($1::uuid[]) AND status = 'pending'`, [itemIds]);
  }

  /**
   * Claims due timers for this process: rows locked by another claimer are skipped, and each claimed
   * row's fire_at moves forward by the lease, so a crash before firing only delays it.
   */
  async claimDue(limit: number, now: Date): Promise<DueTimer[]> {
    return rowsOf<DueTimer>(
      await this.dataSource.query(
        `UPDATE workflow_timer t SET fire_at = $2::timestamptz + make_interval(secs => $3)
          WHERE t.id IN (SELECT id FROM workflow_timer WHERE status = 'pending' AND fire_at <= $2 ORDER BY fire_at LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING t.id, t.item_id AS "itemId", t.key, t.kind`,
        [limit, now.toISOString(), TIMER_LEASE_SECONDS],
      ),
    );
  }

  async finish(m: EntityManager | undefined, id: string, status: 'fired' | 'stale', result: string): Promise<void> {
    await (m ?? this.dataSource).query(`UPDATE workflow_timer SET status = $2, fired_at = now(), result = $3 WHERE id = $1 AND status = 'pending'`, [id, status, result]);
  }

  async pendingFor(itemId: string): Promise<Array<{ key: string; kind: string; fireAt: Date; status: string }>> {
    return rowsOf(await this.dataSource.query(`SELECT key, kind, fire_at AS "fireAt", status FROM workflow_timer WHERE item_id = $1 ORDER BY fire_at`, [itemId]));
  }
}
