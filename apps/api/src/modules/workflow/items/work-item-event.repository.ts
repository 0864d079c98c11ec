import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { rowsOf } from '../engine/sql';

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

  async history(itemId: string): Promise<ItemEventRecord[]> {
    return rowsOf<ItemEventRecord>(
      await this.dataSource.query(
        `SELECT id::text AS id, item_id AS "itemId", item_version AS "itemVersion", occurred_at AS "occurredAt", event,
                actor_user_id AS "actorUserId", on_behalf_of_user_id AS "onBehalfOfUserId", actor_unit_path AS "actorUnitPath",
                from_stage AS "fromStage", to_stage AS "toStage", comment, changes, details, request_id AS "requestId"
           FROM work_item_event WHERE item_id = $1 ORDER BY id`,
        [itemId],
      ),
    );
  }
}
