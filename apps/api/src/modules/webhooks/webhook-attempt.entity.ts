import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One HTTP attempt of a delivery: the log the admin shows. */
@Entity({ name: 'webhook_attempt' })
@Index('idx_webhook_attempt_delivery', ['deliveryId', 'attempt'])
export class WebhookAttemptEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column({ name: 'delivery_id', type: 'uuid' })
  deliveryId!: string;

  @Column({ type: 'int' })
  attempt!: number;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'duration_ms', type: 'int' })
  durationMs!: number;

  @Column({ name: 'response_code', type: 'int', nullable: true })
  responseCode!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'is_success', type: 'boolean' })
  isSuccess!: boolean;
}
