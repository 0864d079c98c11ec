import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An in-app notification for one user. `dedup_key` makes at-least-once delivery land once. */
@Entity({ name: 'notification' })
@Index('idx_notification_user', ['userId', 'createdAt'])
@Index('idx_notification_unread', { synchronize: false })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  template!: string;

  @Column({ type: 'jsonb' })
  params!: Record<string, unknown>;

  @Column({ name: 'item_id', type: 'uuid', nullable: true })
  itemId!: string | null;

  @Column({ name: 'dedup_key', type: 'text', unique: true })
  dedupKey!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @Column({ name: 'emailed_at', type: 'timestamptz', nullable: true })
  emailedAt!: Date | null;
}
