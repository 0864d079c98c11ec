import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A URL an administrator subscribed to some event types, optionally only for one unit's subtree. */
@Entity({ name: 'webhook_subscription' })
export class WebhookSubscriptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ name: 'event_types', type: 'text', array: true })
  eventTypes!: string[];

  /** Subtree filter: the unit (its path is read at delivery time, so a moved subtree keeps its subscription). */
  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive!: boolean;

  /** The `whsec_` secret sealed with AES-256-GCM under SIGNING_KEY (the sender must know it to sign). */
  @Column({ name: 'secret_sealed', type: 'bytea' })
  secretSealed!: Buffer;

  @Column({ name: 'secret_hint', type: 'text' })
  secretHint!: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
