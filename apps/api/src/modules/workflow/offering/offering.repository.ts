import { Injectable } from '@nestjs/common';
import type { Role } from '@thidua/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { OrgSql } from '../../org/index';
import { pathWithinSql } from '../../../common/auth/scope-sql';
import { rowsOf } from '../engine/sql';
import type { ActingScope } from '../inbox/inbox.repository';

export interface UpcomingRowInput {
  stage: string;
  unitId: string;
  unitPath: string;
  role: Role;
  excludedUserIds: string[];
  distance: number;
}

export interface UpcomingListRow {
  itemId: string;
  definitionId: string;
  workflowKey: string;
  title: string;
  unitId: string;
  unitName: string;
  currentStage: string;
  stage: string;
  distance: number;
  committedUserId: string | null;
  committedName: string | null;
  updatedAt: Date;
}

/** The upcoming-stage projection and the commitments (early offering); only this repository touches their tables. */
@Injectable()
export class OfferingRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(m?: EntityManager): DataSource | EntityManager {
    return m ?? this.dataSource;
  }

  /** Rewrites an item's upcoming stages and drops commitments to stages no longer upcoming (in the step's transaction). */
  async replaceUpcoming(m: EntityManager, itemId: string, rows: readonly UpcomingRowInput[]): Promise<void> {
    await m.query(`DELETE FROM work_item_upcoming WHERE item_id = $1`, [itemId]);
    if (rows.length > 0) {
      await m.query(
        `INSERT INTO work_item_upcoming (item_id, stage, unit_id, unit_path, role, excluded_user_ids, distance)
         SELECT $1, r.stage, r.unit_id, r.unit_path, r.role, r.excluded, r.distance
           FROM jsonb_to_recordset($2::jsonb) AS r(stage text, unit_id uuid, unit_path text, role text, excluded uuid[], distance int)`,
        [itemId, JSON.stringify(rows.map((r) => ({ stage: r.stage, unit_id: r.unitId, unit_path: r.unitPath, role: r.role, excluded: `{${r.excludedUserIds.join(',')}}`, distance: r.distance })))],
      );
    }
    await m.query(`DELETE FROM work_item_commitment WHERE item_id = $1 AND NOT (stage = ANY($2::text[]))`, [itemId, rows.map((r) => r.stage)]);
  }

  /** The item's upcoming stages as projected (unit path and role of each). */
  async upcomingOf(itemId: string, m?: EntityManager): Promise<Array<{ stage: string; unitPath: string; role: Role }>> {
    return rowsOf(await this.q(m).query(`SELECT stage, unit_path AS "unitPath", role FROM work_item_upcoming WHERE item_id = $1`, [itemId]));
  }

  /** How many open items `userId` holds (the late offer's queue, as the inbox counts it in SQL). */
  async openItemsHeldBy(userId: string, m?: EntityManager): Promise<number> {
    const [row] = rowsOf<{ n: number }>(await this.q(m).query(`SELECT count(*)::int AS n FROM work_item WHERE assigned_user_id = $1 AND status <> 'final'`, [userId]));
    return row?.n ?? 0;
  }

  async commitmentFor(itemId: string, stage: string, m?: EntityManager): Promise<{ userId: string; createdAt: Date } | undefined> {
    return rowsOf<{ userId: string; createdAt: Date }>(await this.q(m).query(`SELECT user_id AS "userId", created_at AS "createdAt" FROM work_item_commitment WHERE item_id = $1 AND stage = $2`, [itemId, stage]))[0];
  }

  /** Inserts a commitment unless one exists for the item and stage (the first one wins); returns whether it was inserted. */
  async insertCommitment(m: EntityManager, itemId: string, stage: string, userId: string): Promise<{ createdAt: Date } | undefined> {
    return rowsOf<{ createdAt: Date }>(
      await m.query(`INSERT INTO work_item_commitment (item_id, stage, user_id) VALUES ($1, $2, $3) ON CONFLICT ON CONSTRAINT pk_work_item_commitment DO NOTHING RETURNING created_at AS "createdAt"`, [itemId, stage, userId]),
    )[0];
  }

  /** Removes the caller's commitments on an item (to one stage, or all); returns the stages withdrawn. */
  async withdraw(m: EntityManager, itemId: string, userId: string, stage?: string): Promise<string[]> {
    const rows = rowsOf<{ stage: string }>(
      await m.query(`DELETE FROM work_item_commitment WHERE item_id = $1 AND user_id = $2 AND ($3::text IS NULL OR stage = $3) RETURNING stage`, [itemId, userId, stage ?? null]),
    );
    return rows.map((r) => r.stage).sort();
  }

  /** A commitment used as its stage opened (honoured or skipped). */
  async consume(m: EntityManager, itemId: string, stage: string): Promise<void> {
    await m.query(`DELETE FROM work_item_commitment WHERE item_id = $1 AND stage = $2`, [itemId, stage]);
  }

  /**
   * The upcoming stages the reader would be offered: one branch per acting scope over idx_work_item_upcoming_scope
   * (role, unit path exact or subtree, workflows of a restricted grant; separation of duties leaves the barred out),
   * then the page's items (active ones), their unit's name and the commitment with its holder's name.
   */
  async upcomingFor(userId: string, scopes: readonly ActingScope[], limit: number): Promise<UpcomingListRow[]> {
    if (scopes.length === 0) return [];
    const values: unknown[] = [userId];
    const add = (v: unknown): string => {
      values.push(v);
      return `$${values.length}`;
    };
    const branches = scopes.map((s) => {
      const w = [`u.role = ${add(s.role)}`, s.subtree ? pathWithinSql('u.unit_path', add(`${s.path}%`)) : `u.unit_path = ${add(s.path)}`, `NOT ($1::uuid = ANY(u.excluded_user_ids))`];
      const byWorkflow = s.workflows ? ` AND i.workflow_key = ANY(${add(s.workflows)}::text[])` : '';
      return `SELECT u.item_id, u.stage, u.distance FROM work_item_upcoming u JOIN work_item i ON i.id = u.item_id${byWorkflow} WHERE ${w.join(' AND ')}`;
    });
    const lim = add(limit);
    return rowsOf<UpcomingListRow>(
      await this.dataSource.query(
        `WITH c AS (${branches.join(' UNION ')})
         SELECT i.id AS "itemId", i.definition_id AS "definitionId", i.workflow_key AS "workflowKey", i.title, i.unit_id AS "unitId", un.name AS "unitName",
                i.stage AS "currentStage", c.stage, c.distance, cm.user_id AS "committedUserId", pn.full_name AS "committedName", i.updated_at AS "updatedAt"
           FROM c JOIN work_item i ON i.id = c.item_id AND i.status = 'active'
           JOIN ${OrgSql.units('un')} ON un.id = i.unit_id
           LEFT JOIN work_item_commitment cm ON cm.item_id = c.item_id AND cm.stage = c.stage
           LEFT JOIN ${OrgSql.userNames('pn')} ON pn.id = cm.user_id
          ORDER BY c.distance, i.updated_at DESC, i.id, c.stage LIMIT ${lim}`,
        values,
      ),
    );
  }
}
