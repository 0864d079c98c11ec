import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { withJobTrace } from '../../../common/observability/job-instrumentation';
import { rowsOf } from '../engine/sql';

export interface OutboxMessage {
  id: string;
  topic: string;
  payload: Record<string, unknown>;
}

@Injectable()
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  async add(m: EntityManager, messages: ReadonlyArray<{ topic: string; payload: Record<string, unknown> }>): Promise<OutboxMessage[]> {
    if (messages.length === 0) return [];
    const params: unknown[] = [];
    const tuples = messages.map((msg) => {
      // The row carries the id (and trace context) of the request that wrote it, and so does the job made from it.
      params.push(msg.topic, JSON.stringify(withJobTrace(msg.payload)));
      return `($${params.length - 1}, $${params.length})`;
    });
    return rowsOf<OutboxMessage>(await m.query(`INSERT INTO outbox (topic, payload) VALUES ${tuples.join(', ')} RETURNING id, topic, payload`, params));
  }

  async markDispatched(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(`UPDATE outbox SET dispatched_at = now(), dispatch_attempts = dispatch_attempts + 1 WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Rows committed but never handed to the queue (a crash between commit and dispatch). */
  async claimUndispatched(olderThanMs: number, limit: number): Promise<OutboxMessage[]> {
    return rowsOf<OutboxMessage>(
      await this.dataSource.query(
        `UPDATE outbox o SET dispatch_attempts = dispatch_attempts + 1
          WHERE o.id IN (SELECT id FROM outbox WHERE dispatched_at IS NULL AND created_at < now() - make_interval(secs => $1)
                          ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
          RETURNING o.id, o.topic, o.payload`,
        [olderThanMs / 1000, limit],
      ),
    );
  }

  async pendingCount(): Promise<number> {
    return Number(rowsOf<{ n: string }>(await this.dataSource.query(`SELECT count(*) AS n FROM outbox WHERE dispatched_at IS NULL`))[0].n);
  }
}
