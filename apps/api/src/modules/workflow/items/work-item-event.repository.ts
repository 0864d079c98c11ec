import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { rowsOf } from '../engine/sql';
import { OrgSql } from '../../org/index';

export interface NewItemEvent {
  itemId: string;
  itemVersion: number;
  event: string;
  actorUserId: string | null;
  onBehalfOfUserId: string | null;
  actorUnitPath: string | null;
  fromStage: string | null;
  toStage: string | null;
  comment: string | null;
  changes: Record<string, { from: unknown; to: unknown }>;
  details: Record<string, unknown>;
  requestId: string | null;
}

export interface ItemEventRecord extends NewItemEvent {
  id: string;
  occurredAt: Date;
  /** Full names, joined when the history is read. */
  actorName?: string | null;
  onBehalfOfName?: string | null;
}

/** The append-only history of items (the table refuses UPDATE and DELETE). */
@Injectable()
export class WorkItemEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  async append(m: EntityManager, events: readonly NewItemEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += 500) {
      const chunk = events.slice(i, i + 500);
      const params: unknown[] = [];
      const tuples = chunk.map((e) => {
        const v = [e.itemId, e.itemVersion, e.event, e.actorUserId, e.onBehalfOfUserId, e.actorUnitPath, e.fromStage, e.toStage, e.comment, JSON.stringify(e.changes), JSON.stringify(e.details), e.requestId];
        return `(${v.map((x) => (params.push(x), `$${params.length}`)).join(', ')})`;
      });
      await m.query(
        `INSERT INTO work_item_event (item_id, item_version, event, actor_user_id, on_behalf_of_user_id, actor_unit_path, from_stage, to_stage, comment, changes, details, request_id)
         VALUES ${tuples.join(', ')}`,
        params,
      );
    }
  }

  /**
   * Oldest first. The id is a bigint: ordered as a number (the text form would put "10" before "9"). The names of the
   * actor and of the person acted for come from the same query (two primary-key joins, no per-row lookups).
   * work_item_event is partitioned by month of occurred_at: the bound on the item's creation lets the executor skip
   * the months before it (run-time pruning on the sub-select). No event precedes its item: it is written by a
   * transaction that found the item, at that transaction's now(); the day of margin covers a transaction that
   * began before the item's own and saw it later (none lasts a day).
   */
  async history(itemId: string, m?: EntityManager): Promise<ItemEventRecord[]> {
    return rowsOf<ItemEventRecord>(
      await (m ?? this.dataSource).query(
        `SELECT e.id::text AS id, e.item_id AS "itemId", e.item_version AS "itemVersion", e.occurred_at AS "occurredAt", e.event,
                e.actor_user_id AS "actorUserId", actor.full_name AS "actorName",
                e.on_behalf_of_user_id AS "onBehalfOfUserId", principal.full_name AS "onBehalfOfName", e.actor_unit_path AS "actorUnitPath",
                e.from_stage AS "fromStage", e.to_stage AS "toStage", e.comment, e.changes, e.details, e.request_id AS "requestId"
           FROM work_item_event e
           LEFT JOIN ${OrgSql.userNames('actor')} ON actor.id = e.actor_user_id
           LEFT JOIN ${OrgSql.userNames('principal')} ON principal.id = e.on_behalf_of_user_id
          WHERE e.item_id = $1
            AND e.occurred_at >= (SELECT coalesce(min(i.created_at) - interval '1 day', '-infinity') FROM work_item i WHERE i.id = $1)
          ORDER BY e.id`,
        [itemId],
      ),
    );
  }

  /** The history of several items, oldest first per item (read models of domain modules: one query for a list). */
  async ofItems(itemIds: readonly string[], m?: EntityManager): Promise<ItemEventRecord[]> {
    if (itemIds.length === 0) return [];
    return rowsOf<ItemEventRecord>(
      await (m ?? this.dataSource).query(
        `SELECT e.id::text AS id, e.item_id AS "itemId", e.item_version AS "itemVersion", e.occurred_at AS "occurredAt", e.event,
                e.actor_user_id AS "actorUserId", e.on_behalf_of_user_id AS "onBehalfOfUserId", e.actor_unit_path AS "actorUnitPath",
                e.from_stage AS "fromStage", e.to_stage AS "toStage", e.comment, e.changes, e.details, e.request_id AS "requestId"
           FROM work_item_event e
          WHERE e.item_id = ANY($1::uuid[])
          ORDER BY e.item_id, e.id`,
        [itemIds],
      ),
    );
  }

  /** The vote stages in which the user cast a vote (their events keep who voted, never the choice of a secret ballot). */
  async votedStages(itemId: string, userId: string, m?: EntityManager): Promise<Set<string>> {
    const rows = rowsOf<{ stage: string }>(
      await (m ?? this.dataSource).query(
        `SELECT DISTINCT from_stage AS stage FROM work_item_event WHERE item_id = $1 AND event = 'vote.cast' AND actor_user_id = $2 AND from_stage IS NOT NULL`,
        [itemId, userId],
      ),
    );
    return new Set(rows.map((r) => r.stage));
  }
}
