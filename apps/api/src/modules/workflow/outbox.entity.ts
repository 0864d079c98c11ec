import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Transactional outbox: rows written in the transaction of the change that caused them, handed
 * to the job queue after commit (jobId = row id, so a re-dispatch is deduplicated).
 */
@Entity({ name: 'outbox' })
@Index('idx_outbox_pending', { synchronize: false })
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
}
