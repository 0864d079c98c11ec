import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One request carrying an `Idempotency-Key`, per user, method and route (`scope`). The row is claimed
 * (`pending`, with an owner and a lease) before the handler runs, marked `applied_at` inside every
 * transaction the handler commits, and holds the first final answer (`done`) that a repeat gets back.
 * common/http/idempotency.interceptor.ts has the whole protocol; docs/workflow-runtime.md ("Idempotency").
 */
@Entity({ name: 'idempotency_key' })
@Index('idempotency_key_expires_idx', ['expiresAt'])
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** `<METHOD> <route pattern>`, e.g. `POST /api/items/:id/actions`. */
  @PrimaryColumn({ type: 'text' })
  scope!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  /** sha256 of method, path, query and body (multipart: the fields and each file's bytes). */
  @Column({ type: 'text' })
  fingerprint!: string;

  /** pending (the first request is running) · done (answer stored) · unknown (took effect, answer lost). */
  @Column({ type: 'text', default: 'pending' })
  state!: string;

  /** The request that holds the key; every write of the protocol is conditioned on it. */
  @Column({ type: 'uuid' })
  owner!: string;

  @Column({ name: 'lease_until', type: 'timestamptz' })
  leaseUntil!: Date;

  /** Set inside the first transaction the handler commits: from then on the key can never be taken over. */
  @Column({ name: 'applied_at', type: 'timestamptz', nullable: true })
  appliedAt!: Date | null;

  @Column({ name: 'status_code', type: 'int', nullable: true })
  statusCode!: number | null;

  /**
   * `{ kind: 'ok', body, headers }` or `{ kind: 'error', code, params, details, fields }`. `json`, not `jsonb`:
   * the text is kept as written, so a replay is byte for byte the first answer (jsonb reorders keys).
   */
  @Column({ type: 'json', nullable: true })
  answer!: Record<string, unknown> | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
