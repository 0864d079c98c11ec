import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One event for one subscription, made from one outbox row (UNIQUE subscription + outbox row: a fan-out run twice
 * makes no second delivery). The row is the durable state of the delivery: the queue only prompts it, and the
 * sweeper hands due ones over again after a restart.
 */
@Entity({ name: 'webhook_delivery' })
@Unique('uq_webhook_delivery_event', ['subscriptionId', 'outboxId'])
@Index('idx_webhook_delivery_subscription', ['subscriptionId', 'createdAt'])
@Index('idx_webhook_delivery_due', { synchronize: false })
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId!: string;

  @Column({ name: 'outbox_id', type: 'uuid' })
  outboxId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  /** The exact JSON sent (and signed) on every attempt. */
  @Column({ type: 'text' })
  body!: string;

  /** pending | succeeded | failed | cancelled */
  @Column({ type: 'text', default: 'pending' })
  status!: string;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  /** Attempts made before the last resend: the retry budget counts from here. */
  @Column({ name: 'retry_from', type: 'int', default: 0 })
  retryFrom!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  /** While set in the future, one process is sending this delivery. */
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: 'last_response_code', type: 'int', nullable: true })
  lastResponseCode!: number | null;

  @Column({ name: 'last_duration_ms', type: 'int', nullable: true })
  lastDurationMs!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}
