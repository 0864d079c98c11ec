import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only history of a work item: one row per accepted event, written in the same transaction
 * as the item. The database refuses UPDATE and DELETE (trigger `work_item_event_append_only`).
 * Range-partitioned by month of occurred_at (migration HistoryPartitions1796190000000, docs/database.md):
 * the primary key is (id, occurred_at).
 */
@Entity({ name: 'work_item_event' })
@Index('idx_work_item_event_item', ['itemId', 'id'])
export class WorkItemEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  /** The item's version after this event. */
  @Column({ name: 'item_version', type: 'int' })
  itemVersion!: number;

  /** The partition key (UTC months). */
  @PrimaryColumn({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ type: 'text' })
  event!: string;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'on_behalf_of_user_id', type: 'uuid', nullable: true })
  onBehalfOfUserId!: string | null;

  /** The actor's unit path at that moment: history survives reorganisations. */
  @Column({ name: 'actor_unit_path', type: 'text', nullable: true })
  actorUnitPath!: string | null;

  @Column({ name: 'from_stage', type: 'text', nullable: true })
  fromStage!: string | null;

  @Column({ name: 'to_stage', type: 'text', nullable: true })
  toStage!: string | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'jsonb' })
  changes!: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;
}
