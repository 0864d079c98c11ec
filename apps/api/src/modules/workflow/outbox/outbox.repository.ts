import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { withJobTrace } from '../../../common/observability/job-instrumentation';
import { rowsOf } from '../engine/sql';

export interface OutboxMessage {
  id: string;
  topic: string;
  payload: Record<string, unknown>;
}

/** Hand-overs of one row before the relay stops trying (the row stays, incomplete, for an operator). */
export const MAX_DISPATCH_ATTEMPTS = 50;

@Injectable()
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Messages not dispatched yet and the age of the oldest, in seconds (the metrics' scrape). */
  async backlog(): Promise<{ pending: number; lagSeconds: number }> {
    const [r] = rowsOf<{ n: string; age: string | null }>(
      await this.dataSource.query(`SELECT count(*) AS n, EXTRACT(EPOCH FROM now() - min(created_at)) AS age FROM outbox WHERE dispatched_at IS NULL`),
    );
    return { pending: Number(r.n), lagSeconds: r.age == null ? 0 : Math.max(0, Number(r.age)) };
  }

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

  /** Handed to the queue (now, again on a re-dispatch): starts the redelivery lease. */
  async markDispatched(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(`UPDATE outbox SET dispatched_at = now() WHERE id = ANY($1::uuid[]) AND completed_at IS NULL`, [ids]);
  }

  /**
   * Both marks in one statement: `dispatched` rows start (or restart) their redelivery lease, `completed`
   * rows are done (a row in both lists is completed). Rows already completed are left alone.
   */
  async mark(dispatched: readonly string[], completed: readonly string[]): Promise<void> {
    if (completed.length === 0) return this.markDispatched(dispatched);
    if (dispatched.length === 0) return this.markCompleted(completed);
    await this.dataSource.query(
      `UPDATE outbox SET completed_at = CASE WHEN id = ANY($2::uuid[]) THEN now() END,
              dispatched_at = CASE WHEN id = ANY($2::uuid[]) THEN coalesce(dispatched_at, now()) ELSE now() END
        WHERE id = ANY($1::uuid[] || $2::uuid[]) AND completed_at IS NULL`,
      [dispatched, completed],
    );
  }

  /** The row's effect is done (its job completed, or the caller did the work inline). */
  async markCompleted(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE outbox SET completed_at = now(), dispatched_at = coalesce(dispatched_at, now()) WHERE id = ANY($1::uuid[]) AND completed_at IS NULL`,
      [ids],
    );
  }

  /**
   * Rows whose job has not completed: never handed over and committed more than `olderThanMs` ago
   * (a crash between commit and dispatch), or handed over more than `redeliverAfterMs` ago (the
   * queue lost the job, e.g. Redis restarted without persistence, or the process running it died).
   * A row still queued is dropped by the queue's jobId dedup; one past MAX_ATTEMPTS stays for an operator.
   */
  async claimIncomplete(olderThanMs: number, redeliverAfterMs: number, limit: number): Promise<OutboxMessage[]> {
    return rowsOf<OutboxMessage>(
      await this.dataSource.query(
        `UPDATE outbox o SET dispatch_attempts = dispatch_attempts + 1
          WHERE o.id IN (SELECT id FROM outbox
                          WHERE completed_at IS NULL AND dispatch_attempts < $4
                            AND ((dispatched_at IS NULL AND created_at < now() - make_interval(secs => $1))
                              OR dispatched_at < now() - make_interval(secs => $2))
                          ORDER BY created_at LIMIT $3 FOR UPDATE SKIP LOCKED)
          RETURNING o.id, o.topic, o.payload`,
        [olderThanMs / 1000, redeliverAfterMs / 1000, limit, MAX_DISPATCH_ATTEMPTS],
      ),
    );
  }

  async pendingCount(): Promise<number> {
    return Number(rowsOf<{ n: string }>(await this.dataSource.query(`SELECT count(*) AS n FROM outbox WHERE completed_at IS NULL`))[0].n);
  }
}
