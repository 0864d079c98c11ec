import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { IdempotentRequest } from './idempotent-request';

/** What a finished first request answered: a success (body, headers that matter) or a refusal (its error). */
export type StoredAnswer =
  | { kind: 'ok'; body: unknown; headers: Record<string, string> }
  | { kind: 'error'; code: string; params: Record<string, string | number>; details?: Record<string, unknown>; fields?: unknown[] };

export interface KeyRow {
  fingerprint: string;
  state: 'pending' | 'done' | 'unknown';
  owner: string;
  isLeaseOver: boolean;
  isApplied: boolean;
  statusCode: number | null;
  answer: StoredAnswer | null;
}

export interface KeyRef {
  userId: string;
  scope: string;
  key: string;
}

/** Anything with TypeORM's `query` (the data source, an EntityManager, a QueryRunner). */
interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** TypeORM's postgres `query()` answers UPDATE/DELETE with `[rows, rowCount]`, everything else with the rows. */
function rows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

const PK = `user_id = $1 AND scope = $2 AND key = $3`;

/** The one table of the idempotency protocol (common/http/idempotency.interceptor.ts). */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Takes the key for `owner`: a new row, or an expired one reused. False when someone holds it. */
  async claim(ref: KeyRef, fingerprint: string, owner: string, leaseMs: number, ttlMs: number): Promise<boolean> {
    const r = rows<{ owner: string }>(
      await this.dataSource.query(
        `INSERT INTO idempotency_key (user_id, scope, key, fingerprint, state, owner, lease_until, expires_at)
         VALUES ($1, $2, $3, $4, 'pending', $5, now() + $6 * interval '1 millisecond', now() + $7 * interval '1 millisecond')
         ON CONFLICT (user_id, scope, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, state = 'pending', owner = EXCLUDED.owner,
           lease_until = EXCLUDED.lease_until, applied_at = NULL, status_code = NULL, answer = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
         WHERE idempotency_key.expires_at < now()
         RETURNING owner`,
        [ref.userId, ref.scope, ref.key, fingerprint, owner, leaseMs, ttlMs],
      ),
    );
    return r.length === 1;
  }

  async find(ref: KeyRef): Promise<KeyRow | undefined> {
    return rows<KeyRow>(
      await this.dataSource.query(
        `SELECT fingerprint, state, owner, lease_until < now() AS "isLeaseOver", applied_at IS NOT NULL AS "isApplied", status_code AS "statusCode", answer
         FROM idempotency_key WHERE ${PK} AND expires_at >= now()`,
        [ref.userId, ref.scope, ref.key],
      ),
    )[0];
  }

  /**
   * A claim whose owner vanished (crash, lost connection) before any transaction of it committed: the
   * new owner takes it. Blocks behind a transaction of the old owner that is marking it applied, and
   * then fails (applied_at is set): the effect happened, it will not happen twice.
   */
  async takeOver(ref: KeyRef, oldOwner: string, newOwner: string, leaseMs: number): Promise<boolean> {
    const r = rows<{ owner: string }>(
      await this.dataSource.query(
        `UPDATE idempotency_key SET owner = $5, lease_until = now() + $6 * interval '1 millisecond'
         WHERE ${PK} AND owner = $4 AND state = 'pending' AND applied_at IS NULL AND lease_until < now() RETURNING owner`,
        [ref.userId, ref.scope, ref.key, oldOwner, newOwner, leaseMs],
      ),
    );
    return r.length === 1;
  }

  /**
   * Inside a transaction of the handler, just before it commits: marks the key applied. False when
   * this request no longer holds the key (its lease was taken over): the caller aborts the commit.
   */
  async markApplied(q: Queryable, req: IdempotentRequest): Promise<boolean> {
    const r = rows<{ owner: string }>(
      await q.query(`UPDATE idempotency_key SET applied_at = COALESCE(applied_at, now()) WHERE ${PK} AND owner = $4 AND state = 'pending' RETURNING owner`, [
        req.userId,
        req.scope,
        req.key,
        req.owner,
      ]),
    );
    return r.length === 1;
  }

  /** Stores the final answer (in the action's transaction when `q` is its manager). False when not the owner. */
  async complete(q: Queryable | undefined, req: IdempotentRequest, statusCode: number, answer: StoredAnswer): Promise<boolean> {
    // In the action's transaction the answer is also the applied mark.
    const applied = q ? 'COALESCE(applied_at, now())' : 'applied_at';
    const r = rows<{ owner: string }>(
      await (q ?? this.dataSource).query(
        `UPDATE idempotency_key SET state = 'done', status_code = $5, answer = $6, applied_at = ${applied} WHERE ${PK} AND owner = $4 AND state = 'pending' RETURNING owner`,
        [req.userId, req.scope, req.key, req.owner, statusCode, JSON.stringify(answer)],
      ),
    );
    return r.length === 1;
  }

  /**
   * After a 5xx: a key whose request changed nothing is deleted (the repeat runs afresh, 5xx stays
   * retryable); one whose request committed something becomes `unknown` (never run twice).
   */
  async release(req: IdempotentRequest): Promise<void> {
    const p = [req.userId, req.scope, req.key, req.owner];
    await this.dataSource.query(`DELETE FROM idempotency_key WHERE ${PK} AND owner = $4 AND state = 'pending' AND applied_at IS NULL`, p);
    await this.dataSource.query(`UPDATE idempotency_key SET state = 'unknown' WHERE ${PK} AND owner = $4 AND state = 'pending' AND applied_at IS NOT NULL`, p);
  }

  /** Deletes expired keys, at most `limit` per call (the scheduler calls it); answers how many. */
  async purgeExpired(limit = 1000): Promise<number> {
    const r = rows<{ key: string }>(
      await this.dataSource.query(
        `DELETE FROM idempotency_key WHERE (user_id, scope, key) IN (SELECT user_id, scope, key FROM idempotency_key WHERE expires_at < now() LIMIT $1) RETURNING key`,
        [limit],
      ),
    );
    return r.length;
  }
}
