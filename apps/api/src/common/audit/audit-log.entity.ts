import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only, hash-chained record of every state change that is not a work-item event (those have their own
 * table). The database refuses UPDATE and DELETE on it (trigger in the foundation migration).
 * Range-partitioned by month of occurred_at (migration HistoryPartitions1796190000000, docs/database.md): the
 * primary key and every unique index contain occurred_at.
 */
@Entity({ name: 'audit_log' })
@Index('idx_audit_log_entity', ['entityType', 'entityId'])
/** Unique per (chain_seq, occurred_at) only; chain_seq itself is kept unique by the chain trigger's lock. */
@Index('uq_audit_log_chain_seq', ['chainSeq', 'occurredAt'], { unique: true })
export class AuditLogEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  /** The partition key (UTC months). */
  @PrimaryColumn({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'on_behalf_of_user_id', type: 'uuid', nullable: true })
  onBehalfOfUserId!: string | null;

  @Column({ name: 'actor_unit_path', type: 'text', nullable: true })
  actorUnitPath!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId!: string;

  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  /** Position in the hash chain (set by the audit_log_chain trigger, under a lock). */
  @Column({ name: 'chain_seq', type: 'bigint' })
  chainSeq!: string;

  /** row_hash of the previous row (64 zeros for the first). */
  @Column({ name: 'prev_hash', type: 'text' })
  prevHash!: string;

  /** sha256(prev_hash || audit_log_payload(row)), hex. `npm run audit:verify` recomputes it. */
  @Column({ name: 'row_hash', type: 'text' })
  rowHash!: string;
}
