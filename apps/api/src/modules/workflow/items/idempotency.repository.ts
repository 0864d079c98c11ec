import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { rowsOf } from '../engine/sql';

export interface StoredAnswer {
  requestHash: string;
  statusCode: number;
  response: Record<string, unknown>;
}

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(userId: string, key: string, m?: EntityManager): Promise<StoredAnswer | undefined> {
    return rowsOf<StoredAnswer>(
      await (m ?? this.dataSource).query(
        `SELECT request_hash AS "requestHash", status_code AS "statusCode", response FROM idempotency_key WHERE user_id = $1 AND key = $2`,
        [userId, key],
      ),
    )[0];
  }

  /** Stores the answer in the action's transaction; false when the key was taken meanwhile (a concurrent repeat). */
  async store(m: EntityManager, userId: string, key: string, answer: StoredAnswer): Promise<boolean> {
    const rows = rowsOf<{ key: string }>(
      await m.query(
        `INSERT INTO idempotency_key (user_id, key, request_hash, status_code, response) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
        [userId, key, answer.requestHash, answer.statusCode, JSON.stringify(answer.response)],
      ),
    );
    return rows.length === 1;
  }
}
