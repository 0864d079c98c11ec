import { Injectable } from '@nestjs/common';
import type { HelpAnswer, HelpKind, HelpStatus } from '@thidua/workflow-core';
import { DataSource, type EntityManager } from 'typeorm';
import { OrgSql } from '../../org/index';
import { rowsOf } from '../engine/sql';

export interface CommitmentRow {
  id: string;
  itemId: string;
  stage: string;
  userId: string;
  userName: string | null;
  status: 'active' | 'withdrawn' | 'allocated' | 'lapsed';
  createdAt: Date;
}

export interface HelpRequestRow {
  id: string;
  itemId: string;
  itemTitle?: string;
  stage: string;
  stageSeq: number;
  kind: HelpKind;
  fromUserId: string;
  fromName: string | null;
  toUserId: string;
  toName: string | null;
  message: string;
  status: HelpStatus;
  reason: string | null;
  createdAt: Date;
  answeredAt: Date | null;
}

const HELP_COLUMNS = `h.id, h.item_id AS "itemId", h.stage, h.stage_seq AS "stageSeq", h.kind, h.from_user_id AS "fromUserId", fu.full_name AS "fromName",
  h.to_user_id AS "toUserId", tu.full_name AS "toName", h.message, h.status, h.reason, h.created_at AS "createdAt", h.answered_at AS "answeredAt"`;

/** Early commitments and help/co-sign requests of items (issue 15, line 6). */
@Injectable()
export class OfferingRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(m?: EntityManager) {
    return m ?? this.dataSource;
  }

  async commitments(itemId: string, m?: EntityManager): Promise<CommitmentRow[]> {
    return rowsOf<CommitmentRow>(
      await this.q(m).query(
        `SELECT c.id, c.item_id AS "itemId", c.stage, c.user_id AS "userId", u.full_name AS "userName", c.status, c.created_at AS "createdAt"
           FROM work_item_commitment c JOIN ${OrgSql.userNames('u')} ON u.id = c.user_id WHERE c.item_id = $1 ORDER BY c.created_at, c.id`,
        [itemId],
      ),
    );
  }

  /** Active commitments by stage, oldest first (what the step's `ctx.commitments` gets). */
  async activeByStage(itemId: string, m?: EntityManager): Promise<Record<string, string[]>> {
    const rows = rowsOf<{ stage: string; userId: string }>(
      await this.q(m).query(`SELECT stage, user_id AS "userId" FROM work_item_commitment WHERE item_id = $1 AND status = 'active' ORDER BY created_at, id`, [itemId]),
    );
    const out: Record<string, string[]> = {};
    for (const r of rows) (out[r.stage] ??= []).push(r.userId);
    return out;
  }

  /** Inserts an active commitment; false when the person already has one for the stage. */
  async commit(m: EntityManager, itemId: string, stage: string, userId: string): Promise<boolean> {
    const rows = rowsOf<{ id: string }>(
      await m.query(`INSERT INTO work_item_commitment (item_id, stage, user_id) VALUES ($1, $2, $3) ON CONFLICT (item_id, stage, user_id) WHERE status = 'active' DO NOTHING RETURNING id`, [itemId, stage, userId]),
    );
    return rows.length > 0;
  }

  async withdraw(m: EntityManager, itemId: string, stage: string, userId: string): Promise<boolean> {
    const rows = rowsOf<{ id: string }>(
      await m.query(`UPDATE work_item_commitment SET status = 'withdrawn', updated_at = now() WHERE item_id = $1 AND stage = $2 AND user_id = $3 AND status = 'active' RETURNING id`, [itemId, stage, userId]),
    );
    return rows.length > 0;
  }

  /** The stage opened: the committed holder's commitment is `allocated`, the other active ones `lapsed`. */
  async settle(m: EntityManager, itemId: string, stage: string, allocatedTo: string | null): Promise<void> {
    await m.query(
      `UPDATE work_item_commitment SET status = CASE WHEN user_id = $3::uuid THEN 'allocated' ELSE 'lapsed' END, updated_at = now()
        WHERE item_id = $1 AND stage = $2 AND status = 'active'`,
      [itemId, stage, allocatedTo],
    );
  }

  async helpRequests(itemId: string, m?: EntityManager): Promise<HelpRequestRow[]> {
    return rowsOf<HelpRequestRow>(
      await this.q(m).query(
        `SELECT ${HELP_COLUMNS} FROM work_item_help_request h JOIN ${OrgSql.userNames('fu')} ON fu.id = h.from_user_id JOIN ${OrgSql.userNames('tu')} ON tu.id = h.to_user_id
          WHERE h.item_id = $1 ORDER BY h.created_at, h.id`,
        [itemId],
      ),
    );
  }

  async helpRequest(id: string, m?: EntityManager): Promise<HelpRequestRow | undefined> {
    const rows = rowsOf<HelpRequestRow>(
      await this.q(m).query(`SELECT ${HELP_COLUMNS} FROM work_item_help_request h JOIN ${OrgSql.userNames('fu')} ON fu.id = h.from_user_id JOIN ${OrgSql.userNames('tu')} ON tu.id = h.to_user_id WHERE h.id = $1`, [id]),
    );
    return rows[0];
  }

  /** Open requests addressed to a user whose item is still at the stage entry they were made at. */
  async openFor(userId: string, limit: number): Promise<HelpRequestRow[]> {
    return rowsOf<HelpRequestRow>(
      await this.dataSource.query(
        `SELECT ${HELP_COLUMNS}, i.title AS "itemTitle" FROM work_item_help_request h
           JOIN work_item i ON i.id = h.item_id AND i.status <> 'final' AND (i.snapshot ->> 'seq')::int = h.stage_seq
           JOIN ${OrgSql.userNames('fu')} ON fu.id = h.from_user_id JOIN ${OrgSql.userNames('tu')} ON tu.id = h.to_user_id
          WHERE h.to_user_id = $1 AND h.status = 'open' ORDER BY h.created_at, h.id LIMIT $2`,
        [userId, limit],
      ),
    );
  }

  async pendingCosigns(itemId: string, stageSeq: number, m?: EntityManager): Promise<number> {
    const rows = rowsOf<{ n: string }>(
      await this.q(m).query(`SELECT count(*) AS n FROM work_item_help_request WHERE item_id = $1 AND stage_seq = $2 AND kind = 'cosign' AND status = 'open'`, [itemId, stageSeq]),
    );
    return Number(rows[0]?.n ?? 0);
  }

  async addHelpRequests(m: EntityManager, rows: Array<{ itemId: string; stage: string; stageSeq: number; kind: HelpKind; fromUserId: string; toUserId: string; message: string }>): Promise<string[]> {
    const ids: string[] = [];
    for (const r of rows) {
      const out = rowsOf<{ id: string }>(
        await m.query(
          `INSERT INTO work_item_help_request (item_id, stage, stage_seq, kind, from_user_id, to_user_id, message) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [r.itemId, r.stage, r.stageSeq, r.kind, r.fromUserId, r.toUserId, r.message],
        ),
      );
      ids.push(out[0].id);
    }
    return ids;
  }

  /** Answers an open request; false when it was answered already (a concurrent answer). */
  async answer(m: EntityManager, id: string, answer: HelpAnswer, reason: string | null): Promise<boolean> {
    const rows = rowsOf<{ id: string }>(
      await m.query(`UPDATE work_item_help_request SET status = $2, reason = $3, answered_at = now() WHERE id = $1 AND status = 'open' RETURNING id`, [id, answer, reason]),
    );
    return rows.length > 0;
  }

  /** Open work of a person (the `whenLoadBelow` rule): open items they hold. */
  async openWorkCount(userId: string, m?: EntityManager): Promise<number> {
    const rows = rowsOf<{ n: string }>(await this.q(m).query(`SELECT count(*) AS n FROM work_item WHERE assigned_user_id = $1 AND status <> 'final'`, [userId]));
    return Number(rows[0]?.n ?? 0);
  }
}
