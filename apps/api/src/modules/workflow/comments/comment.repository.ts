import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OrgSql } from '../../org/index';
import { rowsOf } from '../engine/sql';

export interface CommentRow {
  id: string;
  itemId: string;
  authorId: string;
  authorUsername: string;
  authorName: string;
  body: string;
  mentions: Array<{ userId: string; username: string; fullName: string }>;
  createdAt: Date;
}

export interface PersonRow {
  id: string;
  username: string;
  fullName: string;
  status: string;
}

/** Comments of items (`work_item_comment`), with their authors' and mentioned people's names in the same statement. */
@Injectable()
export class CommentRepository {
  constructor(private readonly dataSource: DataSource) {}

  private select(where: string): string {
    return `SELECT c.id, c.item_id AS "itemId", c.author_id AS "authorId", a.username AS "authorUsername", a.full_name AS "authorName",
                   c.body, c.created_at AS "createdAt",
                   coalesce((SELECT json_agg(json_build_object('userId', p.id, 'username', p.username, 'fullName', p.full_name) ORDER BY p.full_name)
                               FROM ${OrgSql.people('p')} WHERE p.id = ANY(c.mention_user_ids)), '[]'::json) AS mentions
              FROM work_item_comment c JOIN ${OrgSql.people('a')} ON a.id = c.author_id
             WHERE ${where}`;
  }

  async insert(m: EntityManager, c: { itemId: string; authorId: string; body: string; mentionUserIds: string[] }): Promise<string> {
    const [row] = rowsOf<{ id: string }>(
      await m.query(`INSERT INTO work_item_comment (item_id, author_id, body, mention_user_ids) VALUES ($1, $2, $3, $4::uuid[]) RETURNING id`, [c.itemId, c.authorId, c.body, c.mentionUserIds]),
    );
    return row.id;
  }

  async byId(id: string, m?: EntityManager): Promise<CommentRow | null> {
    return rowsOf<CommentRow>(await (m ?? this.dataSource).query(this.select('c.id = $1'), [id]))[0] ?? null;
  }

  /** The item's comments, oldest first (at most `limit`). */
  async forItem(itemId: string, limit: number): Promise<CommentRow[]> {
    return rowsOf<CommentRow>(await this.dataSource.query(`${this.select('c.item_id = $1')} ORDER BY c.created_at, c.id LIMIT $2`, [itemId, limit]));
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

  /** Active people whose name or username contains `q` (case- and accent-insensitive on the name), by name. */
  async search(q: string, limit: number): Promise<PersonRow[]> {
    return rowsOf<PersonRow>(
      await this.dataSource.query(
        `SELECT p.id, p.username, p.full_name AS "fullName", p.status FROM ${OrgSql.people('p')}
          WHERE p.status = 'active' AND ($1 = '' OR p.username ILIKE '%' || $1 || '%' OR p.full_name ILIKE '%' || $1 || '%')
          ORDER BY p.full_name, p.username LIMIT $2`,
        [q.replace(/[\\%_]/g, (ch) => `\\${ch}`), limit],
      ),
    );
  }
}
