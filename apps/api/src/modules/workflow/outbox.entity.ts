import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Transactional outbox: rows written in the transaction of the change that caused them, handed
 * to the job queue after commit (jobId = row id, so a re-dispatch is deduplicated). A row counts as
 * delivered when its job has completed (`completed_at`), not when it was handed over: the relay
 * hands incomplete rows over again (a queue that lost its jobs, a crash), and handlers are
 * idempotent by outbox id.
 */
@Entity({ name: 'outbox' })
@Index('idx_outbox_pending', { synchronize: false })
@Index('idx_outbox_incomplete', { synchronize: false })
export class OutboxEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Job name. */
  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt!: Date | null;

  @Column({ name: 'dispatch_attempts', type: 'int', default: 0 })
  dispatchAttempts!: number;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
