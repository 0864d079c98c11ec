import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One archived month of a history table (`npm run db:archive-history -w @thidua/api`): the partition was written to
 * `file` (gzip JSON lines), recorded here, then detached and dropped. Append-only (forbid_mutation trigger). For
 * audit_log, `last_row_hash` of the newest archive is the anchor `npm run audit:verify` starts the chain from.
 */
@Entity({ name: 'history_archive' })
@Unique('uq_history_archive_table_month', ['tableName', 'month'])
export class HistoryArchiveEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column({ name: 'table_name', type: 'text' })
  tableName!: string;

  /** First day of the archived month (UTC). */
  @Column({ type: 'date' })
  month!: string;

  @Column({ name: 'partition_name', type: 'text' })
  partitionName!: string;

  @Column({ type: 'text' })
  file!: string;

  @Column({ name: 'row_count', type: 'bigint' })
  rowCount!: string;

  @Column({ name: 'first_id', type: 'bigint', nullable: true })
  firstId!: string | null;

  @Column({ name: 'last_id', type: 'bigint', nullable: true })
  lastId!: string | null;

  @Column({ name: 'first_chain_seq', type: 'bigint', nullable: true })
  firstChainSeq!: string | null;

  @Column({ name: 'last_chain_seq', type: 'bigint', nullable: true })
  lastChainSeq!: string | null;

  /** prev_hash of the first archived audit row (the previous archive's anchor, or 64 zeros). */
  @Column({ name: 'prev_hash', type: 'text', nullable: true })
  prevHash!: string | null;

  @Column({ name: 'last_row_hash', type: 'text', nullable: true })
  lastRowHash!: string | null;

  /** sha256 of the archive file, hex. */
  @Column({ type: 'text' })
  sha256!: string;

  @Column({ name: 'archived_at', type: 'timestamptz', default: () => 'now()' })
  archivedAt!: Date;
}
