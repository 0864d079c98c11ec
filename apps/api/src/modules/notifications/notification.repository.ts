import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CampaignsSql } from '../campaigns/index';
import { DocumentsSql } from '../documents/index';
import { rowsOf, WorkflowSql } from '../workflow/index';
import { OrgSql } from '../org/index';
import type { ItemMailFacts } from './mail-templates';

export interface NotificationRecord {
  id: string;
  userId: string;
  template: string;
  params: Record<string, unknown>;
  itemId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface NotificationFilter {
  unreadOnly: boolean;
  kind: string | null;
  workflow: string | null;
  /** Created at or after (inclusive) and before (exclusive). */
  from: string | null;
  to: string | null;
}

const COLUMNS = `id, user_id AS "userId", template, params, item_id AS "itemId", created_at AS "createdAt", read_at AS "readAt"`;

@Injectable()
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts one row per recipient; a repeated delivery (same dedup key) inserts nothing. Returns the
   * new rows with the recipient's e-mail address, in the same statement.
   */
  async insertOnce(rows: ReadonlyArray<{ userId: string; template: string; params: Record<string, unknown>; itemId: string | null; dedupKey: string }>): Promise<Array<NotificationRecord & { email: string | null; fullName: string | null }>> {
    if (rows.length === 0) return [];
    const params: unknown[] = [];
    const tuples = rows.map((r) => {
      params.push(r.userId, r.template, JSON.stringify(r.params), r.itemId, r.dedupKey);
      const n = params.length;
      return `($${n - 4}::uuid, $${n - 3}, $${n - 2}::jsonb, $${n - 1}::uuid, $${n})`;
    });
    return rowsOf<NotificationRecord & { email: string | null; fullName: string | null }>(
      await this.dataSource.query(
        `WITH ins AS (INSERT INTO notification (user_id, template, params, item_id, dedup_key) VALUES ${tuples.join(', ')}
                      ON CONFLICT (dedup_key) DO NOTHING RETURNING ${COLUMNS})
         SELECT ins.*, au.email, au.full_name AS "fullName" FROM ins LEFT JOIN ${OrgSql.people('au')} ON au.id = ins."userId"`,
        params,
      ),
    );
  }

  async page(userId: string, f: NotificationFilter, after: string | null, limit: number): Promise<NotificationRecord[]> {
    return rowsOf<NotificationRecord>(
      await this.dataSource.query(
        `SELECT ${COLUMNS} FROM notification WHERE user_id = $1 AND ($2::boolean IS FALSE OR read_at IS NULL)
            AND ($3::uuid IS NULL OR (created_at, id) < (SELECT created_at, id FROM notification WHERE id = $3))
            AND ($5::text IS NULL OR params->>'kind' = $5) AND ($6::text IS NULL OR params->>'workflow' = $6)
            AND ($7::timestamptz IS NULL OR created_at >= $7) AND ($8::timestamptz IS NULL OR created_at < $8)
          ORDER BY created_at DESC, id DESC LIMIT $4`,
        [userId, f.unreadOnly, after, limit, f.kind, f.workflow, f.from, f.to],
      ),
    );
  }

  /** The workflows the user has notifications about (the page's filter offers only these). */
  async workflows(userId: string): Promise<string[]> {
    return rowsOf<{ w: string }>(
      await this.dataSource.query(`SELECT DISTINCT params->>'workflow' AS w FROM notification WHERE user_id = $1 AND params ? 'workflow' ORDER BY 1`, [userId]),
    ).map((r) => r.w);
  }

  /** A person's display name (who did what a notification tells). */
  async personName(userId: string): Promise<string | null> {
    return rowsOf<{ n: string }>(await this.dataSource.query(`SELECT au.full_name AS n FROM ${OrgSql.people('au')} WHERE au.id = $1`, [userId]))[0]?.n ?? null;
  }

  async unreadCount(userId: string): Promise<number> {
    return Number(rowsOf<{ n: string }>(await this.dataSource.query(`SELECT count(*) AS n FROM notification WHERE user_id = $1 AND read_at IS NULL`, [userId]))[0].n);
  }

  async markRead(userId: string, id: string): Promise<boolean> {
    const rows = rowsOf<{ id: string }>(
      await this.dataSource.query(`UPDATE notification SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id`, [id, userId]),
    );
    return rows.length === 1;
  }

  async markAllRead(userId: string): Promise<number> {
    return rowsOf(await this.dataSource.query(`UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id`, [userId])).length;
  }

  /**
   * What an e-mail says about an item: its title, the last step (action, comment, actor) and the
   * numbered document it produced. Read-only on the runtime's and the documents' tables.
   */
  async itemMailFacts(itemId: string): Promise<ItemMailFacts | null> {
    const rows = rowsOf<ItemMailFacts>(
      await this.dataSource.query(
        `SELECT i.title, to_char(i.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "dueAt",
                e.event AS "lastAction", e.comment AS "lastComment", au.full_name AS "lastActorName",
                d.symbol AS "documentSymbol", to_char(d.signed_on, 'YYYY-MM-DD') AS "documentDate"
           FROM ${WorkflowSql.items('i')}
           LEFT JOIN LATERAL (SELECT event, comment, actor_user_id FROM ${WorkflowSql.itemEvents('work_item_event')} WHERE item_id = i.id AND actor_user_id IS NOT NULL ORDER BY item_version DESC, id DESC LIMIT 1) e ON true
           LEFT JOIN ${OrgSql.people('au')} ON au.id = e.actor_user_id
           LEFT JOIN LATERAL (SELECT symbol, signed_on FROM ${DocumentsSql.documents('official_document')}
                               WHERE status = 'signed' AND (source_ref = 'work_item:' || i.id::text
                                  OR id = (${CampaignsSql.nominationDecisionOf('i.id')})
                                  OR id = (${CampaignsSql.campaignPlanOf('i.id')}))
                               LIMIT 1) d ON true
          WHERE i.id = $1`,
        [itemId],
      ),
    );
    return rows[0] ?? null;
  }

  async markEmailed(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.dataSource.query(`UPDATE notification SET emailed_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  }
}
