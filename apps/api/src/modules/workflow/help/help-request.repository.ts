import { Injectable } from '@nestjs/common';
import type { CoSignState, HelpKind, HelpStatus } from '@thidua/workflow-core';
import { DataSource, type EntityManager } from 'typeorm';
import { OrgSql } from '../../org/index';
import { rowsOf } from '../engine/sql';

export interface HelpRequestRow {
  id: string;
  itemId: string;
  itemTitle: string;
  /** The item's current stage entry and status: an open request of an entry it has left reads as lapsed. */
  itemSeq: number;
  itemStatus: 'active' | 'suspended' | 'final';
  definitionId: string;
  stage: string;
  stageSeq: number;
  kind: HelpKind;
  status: HelpStatus;
  message: string;
  answer: string | null;
  fromUserId: string;
  fromUsername: string;
  fromName: string;
  toUserId: string;
  toUsername: string;
  toName: string;
  createdAt: Date;
  answeredAt: Date | null;
}

export interface PersonRow {
  id: string;
  username: string;
  fullName: string;
  status: string;
}

/** The item row as a help step locked it. */
export interface LockedItem {
  version: number;
  seq: number;
  status: string;
}

/**
 * Help and co-sign requests (`work_item_help_request`) with the names of the people and the item they are about,
 * read in one statement; the co-sign counts of a stage entry for the step context; the item lock a help step takes.
 */
@Injectable()
export class HelpRequestRepository {
  constructor(private readonly dataSource: DataSource) {}

  private select(where: string): string {
    return `SELECT r.id, r.item_id AS "itemId", i.title AS "itemTitle", (i.snapshot->>'seq')::int AS "itemSeq", i.status AS "itemStatus",
                   i.definition_id AS "definitionId", r.stage, r.stage_seq AS "stageSeq", r.kind, r.status, r.message, r.answer,
                   r.from_user_id AS "fromUserId", f.username AS "fromUsername", f.full_name AS "fromName",
                   r.to_user_id AS "toUserId", t.username AS "toUsername", t.full_name AS "toName",
                   r.created_at AS "createdAt", r.answered_at AS "answeredAt"
              FROM work_item_help_request r
              JOIN work_item i ON i.id = r.item_id
              JOIN ${OrgSql.people('f')} ON f.id = r.from_user_id
              JOIN ${OrgSql.people('t')} ON t.id = r.to_user_id
             WHERE ${where}`;
  }

  async byId(id: string, m?: EntityManager): Promise<HelpRequestRow | null> {
    return rowsOf<HelpRequestRow>(await (m ?? this.dataSource).query(this.select('r.id = $1'), [id]))[0] ?? null;
  }

  /** The requests of an item, newest first. */
  async forItem(itemId: string, limit = 200): Promise<HelpRequestRow[]> {
    return rowsOf<HelpRequestRow>(await this.dataSource.query(`${this.select('r.item_id = $1')} ORDER BY r.created_at DESC, r.id LIMIT $2`, [itemId, limit]));
  }

  /** Requests addressed to a person: the open ones of the item's current stage entry, or all of them (newest first). */
  async addressedTo(userId: string, onlyOpen: boolean, limit = 200): Promise<HelpRequestRow[]> {
    const where = onlyOpen
      ? `r.to_user_id = $1 AND r.status = 'open' AND i.status <> 'final' AND r.stage_seq = (i.snapshot->>'seq')::int`
      : 'r.to_user_id = $1';
    return rowsOf<HelpRequestRow>(await this.dataSource.query(`${this.select(where)} ORDER BY r.created_at DESC, r.id LIMIT $2`, [userId, limit]));
  }

  /** Signed and unanswered co-sign requests of one stage entry (what the decision may wait for). */
  async coSignState(itemId: string, stageSeq: number, m?: EntityManager): Promise<CoSignState> {
    const [row] = rowsOf<{ signed: number; open: number }>(
      await (m ?? this.dataSource).query(
        `SELECT count(*) FILTER (WHERE status = 'signed')::int AS signed, count(*) FILTER (WHERE status = 'open')::int AS open
           FROM work_item_help_request WHERE item_id = $1 AND stage_seq = $2 AND kind = 'cosign'`,
        [itemId, stageSeq],
      ),
    );
    return { signed: row?.signed ?? 0, open: row?.open ?? 0 };
  }

  /** Users with an open request of `kind` on this stage entry. */
  async openRecipients(m: EntityManager, itemId: string, stageSeq: number, kind: HelpKind): Promise<string[]> {
    const rows = rowsOf<{ userId: string }>(
      await m.query(`SELECT to_user_id AS "userId" FROM work_item_help_request WHERE item_id = $1 AND stage_seq = $2 AND kind = $3 AND status = 'open'`, [itemId, stageSeq, kind]),
    );
    return rows.map((r) => r.userId);
  }

  /**
   * Locks the item row for this help step and, when `bump`, moves its version on: a co-sign change alters what the
   * holder may decide, so a decision computed before it loses its version check (409 ITEM_CHANGED). Concurrent help
   * steps on one item queue on this lock; none of them loses.
   */
  async lockItem(m: EntityManager, itemId: string, bump: boolean): Promise<LockedItem | null> {
    const sql = bump
      ? `UPDATE work_item SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING version, (snapshot->>'seq')::int AS seq, status`
      : `SELECT version, (snapshot->>'seq')::int AS seq, status FROM work_item WHERE id = $1 FOR UPDATE`;
    return rowsOf<LockedItem>(await m.query(sql, [itemId]))[0] ?? null;
  }

  async insert(m: EntityManager, rows: ReadonlyArray<{ itemId: string; stage: string; stageSeq: number; kind: HelpKind; fromUserId: string; toUserId: string; message: string }>): Promise<string[]> {
    if (rows.length === 0) return [];
    const params: unknown[] = [];
    const tuples = rows.map((r) => {
      const v = [r.itemId, r.stage, r.stageSeq, r.kind, r.fromUserId, r.toUserId, r.message];
      return `(${v.map((x) => (params.push(x), `$${params.length}`)).join(', ')})`;
    });
    const out = rowsOf<{ id: string }>(await m.query(`INSERT INTO work_item_help_request (item_id, stage, stage_seq, kind, from_user_id, to_user_id, message) VALUES ${tuples.join(', ')} RETURNING id`, params));
    return out.map((r) => r.id);
  }

  /** Closes an open request (answer or cancel); false when it was no longer open (someone else closed it first). */
  async close(m: EntityManager, id: string, status: Exclude<HelpStatus, 'open' | 'lapsed'>, answer: string | null, byUserId: string): Promise<boolean> {
    const rows = rowsOf<{ id: string }>(
      await m.query(`UPDATE work_item_help_request SET status = $2, answer = $3, answered_by = $4, answered_at = now() WHERE id = $1 AND status = 'open' RETURNING id`, [id, status, answer, byUserId]),
    );
    return rows.length === 1;
  }

  /** Active people by id or by username (case-insensitive). */
  async people(ids: readonly string[], usernames: readonly string[]): Promise<PersonRow[]> {
    if (ids.length === 0 && usernames.length === 0) return [];
    return rowsOf<PersonRow>(
      await this.dataSource.query(
        `SELECT p.id, p.username, p.full_name AS "fullName", p.status FROM ${OrgSql.people('p')}
          WHERE p.id = ANY($1::uuid[]) OR lower(p.username) = ANY($2::text[])`,
        [ids, usernames.map((u) => u.toLowerCase())],
      ),
    );
  }
}
