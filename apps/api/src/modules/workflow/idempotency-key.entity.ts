import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The first answer to a request carrying an Idempotency-Key, per user; a repeat gets it back. */
@Entity({ name: 'idempotency_key' })
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  @Column({ name: 'status_code', type: 'int' })
  statusCode!: number;

  @Column({ type: 'jsonb' })
  response!: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
