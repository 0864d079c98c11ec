import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface SubscriptionRow {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  unitId: string | null;
  isActive: boolean;
  secretSealed: Buffer;
  secretHint: string;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DeliveryRow {
  id: string;
  subscriptionId: string;
  outboxId: string;
  eventType: string;
  body: string;
  status: 'pending' | 'succeeded' | 'failed' | 'cancelled';
  attempts: number;
  retryFrom: number;
  nextAttemptAt: Date | null;
  lastResponseCode: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

export interface AttemptRow {
  deliveryId: string;
  attempt: number;
  startedAt: Date;
  durationMs: number;
  responseCode: number | null;
  error: string | null;
  isSuccess: boolean;
}

const SUBSCRIPTION_COLUMNS = `id, url, description, event_types AS "eventTypes", unit_id AS "unitId", is_active AS "isActive", secret_sealed AS "secretSealed",
  secret_hint AS "secretHint", created_by AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt"`;
const DELIVERY_COLUMNS = `d.id, d.subscription_id AS "subscriptionId", d.outbox_id AS "outboxId", d.event_type AS "eventType", d.body, d.status, d.attempts,
  d.retry_from AS "retryFrom", d.next_attempt_at AS "nextAttemptAt", d.last_response_code AS "lastResponseCode", d.last_duration_ms AS "lastDurationMs",
  d.last_error AS "lastError", d.created_at AS "createdAt", d.delivered_at AS "deliveredAt"`;

function rows<T>(result: unknown): T[] {
  // UPDATE … RETURNING answers [rows, count] through TypeORM's query(); SELECT answers rows.
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/** The webhooks module's tables (webhook_subscription, webhook_delivery, webhook_attempt). Only this file queries them. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(m?: EntityManager): DataSource | EntityManager {
    return m ?? this.dataSource;
  }

  async insertSubscription(m: EntityManager, s: Omit<SubscriptionRow, 'createdAt' | 'updatedAt'>): Promise<SubscriptionRow> {
    return rows<SubscriptionRow>(
      await m.query(
        `INSERT INTO webhook_subscription (id, url, description, event_types, unit_id, is_active, secret_sealed, secret_hint, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${SUBSCRIPTION_COLUMNS}`,
        [s.id, s.url, s.description, s.eventTypes, s.unitId, s.isActive, s.secretSealed, s.secretHint, s.createdBy],
      ),
    )[0];
  }

  async updateSubscription(m: EntityManager, id: string, patch: Partial<Pick<SubscriptionRow, 'url' | 'description' | 'eventTypes' | 'unitId' | 'isActive' | 'secretSealed' | 'secretHint'>>): Promise<SubscriptionRow | undefined> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    const column: Record<string, string> = { url: 'url', description: 'description', eventTypes: 'event_types', unitId: 'unit_id', isActive: 'is_active', secretSealed: 'secret_sealed', secretHint: 'secret_hint' };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) continue;
      params.push(v);
      sets.push(`${column[k]} = $${params.length}`);
    }
    sets.push('updated_at = now()');
    return rows<SubscriptionRow>(await m.query(`UPDATE webhook_subscription SET ${sets.join(', ')} WHERE id = $1 RETURNING ${SUBSCRIPTION_COLUMNS}`, params))[0];
  }

  /** Removes the subscription with its deliveries and their log; pending deliveries stop (their jobs find nothing). */
  async deleteSubscription(m: EntityManager, id: string): Promise<void> {
    await m.query(`DELETE FROM webhook_attempt WHERE delivery_id IN (SELECT id FROM webhook_delivery WHERE subscription_id = $1)`, [id]);
    await m.query(`DELETE FROM webhook_delivery WHERE subscription_id = $1`, [id]);
    await m.query(`DELETE FROM webhook_subscription WHERE id = $1`, [id]);
  }

  async subscription(id: string, m?: EntityManager, forUpdate = false): Promise<SubscriptionRow | undefined> {
    return rows<SubscriptionRow>(await this.q(m).query(`SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscription WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]))[0];
  }

  async subscriptions(): Promise<SubscriptionRow[]> {
    return rows<SubscriptionRow>(await this.dataSource.query(`SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscription ORDER BY created_at, id`));
  }

  async activeFor(eventType: string): Promise<SubscriptionRow[]> {
    return rows<SubscriptionRow>(await this.dataSource.query(`SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscription WHERE is_active AND $1 = ANY(event_types)`, [eventType]));
  }

  /**
   * The deliveries of one outbox row (one per matching subscription; a second run adds none), and every one of
   * them still pending, so a fan-out interrupted before it queued them queues them on its next run.
   */
  async addDeliveries(outboxId: string, eventType: string, body: string, subscriptionIds: readonly string[]): Promise<Array<{ id: string; attempts: number }>> {
    if (subscriptionIds.length > 0) {
      await this.dataSource.query(
        `INSERT INTO webhook_delivery (subscription_id, outbox_id, event_type, body, next_attempt_at)
         SELECT s, $1, $2, $3, now() FROM unnest($4::uuid[]) AS s
         ON CONFLICT ON CONSTRAINT uq_webhook_delivery_event DO NOTHING`,
        [outboxId, eventType, body, subscriptionIds],
      );
    }
    return rows(await this.dataSource.query(`SELECT id, attempts FROM webhook_delivery WHERE outbox_id = $1 AND status = 'pending'`, [outboxId]));
  }

  /**
   * Takes a pending, due delivery for one attempt: counts the attempt and sets a lease, so two processes (a queued
   * job and the sweeper, two workers) never send it at once. Answers nothing when it is not due, done, or leased.
   */
  async claim(id: string, leaseMs: number): Promise<(DeliveryRow & { subscription: SubscriptionRow }) | undefined> {
    const found = rows<DeliveryRow>(
      await this.dataSource.query(
        `UPDATE webhook_delivery d SET attempts = d.attempts + 1, lease_until = now() + make_interval(secs => $2)
          WHERE d.id = $1 AND d.status = 'pending' AND (d.lease_until IS NULL OR d.lease_until < now())
            AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= now() + interval '1 second')
          RETURNING ${DELIVERY_COLUMNS}`,
        [id, leaseMs / 1000],
      ),
    )[0];
    if (!found) return undefined;
    const subscription = await this.subscription(found.subscriptionId);
    if (!subscription) return undefined;
    return { ...found, subscription };
  }

  /** Writes one attempt to the log and the delivery's new state, together. */
  async finishAttempt(a: AttemptRow, next: { status: DeliveryRow['status']; nextAttemptAt: Date | null }): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO webhook_attempt (delivery_id, attempt, started_at, duration_ms, response_code, error, is_success) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [a.deliveryId, a.attempt, a.startedAt, a.durationMs, a.responseCode, a.error, a.isSuccess],
      );
      await m.query(
        `UPDATE webhook_delivery SET status = $2, next_attempt_at = $3, lease_until = NULL, last_response_code = $4, last_duration_ms = $5, last_error = $6,
                delivered_at = CASE WHEN $2 = 'succeeded' THEN now() ELSE delivered_at END
          WHERE id = $1`,
        [a.deliveryId, next.status, next.nextAttemptAt, a.responseCode, a.durationMs, a.error],
      );
    });
  }

  async cancel(id: string, reason: string): Promise<void> {
    await this.dataSource.query(`UPDATE webhook_delivery SET status = 'cancelled', lease_until = NULL, next_attempt_at = NULL, last_error = $2 WHERE id = $1 AND status = 'pending'`, [id, reason]);
  }

  /** Pending deliveries due for at least `graceMs` and not leased: their job was lost (a restart of an in-process runner, Redis). */
  async overdue(graceMs: number, limit: number): Promise<Array<{ id: string; attempts: number }>> {
    return rows(
      await this.dataSource.query(
        `SELECT id, attempts FROM webhook_delivery
          WHERE status = 'pending' AND next_attempt_at < now() - make_interval(secs => $1) AND (lease_until IS NULL OR lease_until < now())
          ORDER BY next_attempt_at LIMIT $2`,
        [graceMs / 1000, limit],
      ),
    );
  }

  async delivery(id: string, m?: EntityManager): Promise<DeliveryRow | undefined> {
    return rows<DeliveryRow>(await this.q(m).query(`SELECT ${DELIVERY_COLUMNS} FROM webhook_delivery d WHERE d.id = $1`, [id]))[0];
  }

  async deliveries(subscriptionId: string, status: string | undefined, limit: number): Promise<DeliveryRow[]> {
    return rows<DeliveryRow>(
      await this.dataSource.query(
        `SELECT ${DELIVERY_COLUMNS} FROM webhook_delivery d WHERE d.subscription_id = $1 AND ($2::text IS NULL OR d.status = $2) ORDER BY d.created_at DESC, d.id LIMIT $3`,
        [subscriptionId, status ?? null, limit],
      ),
    );
  }

  async attemptsOf(deliveryIds: readonly string[]): Promise<AttemptRow[]> {
    if (deliveryIds.length === 0) return [];
    return rows<AttemptRow>(
      await this.dataSource.query(
        `SELECT delivery_id AS "deliveryId", attempt, started_at AS "startedAt", duration_ms AS "durationMs", response_code AS "responseCode", error, is_success AS "isSuccess"
           FROM webhook_attempt WHERE delivery_id = ANY($1::uuid[]) ORDER BY delivery_id, attempt`,
        [deliveryIds],
      ),
    );
  }

  /** Makes a delivery due now with a fresh retry budget (`retry_from` = attempts so far), whatever its state. */
  async resend(m: EntityManager, id: string): Promise<DeliveryRow | undefined> {
    return rows<DeliveryRow>(
      await m.query(
        `UPDATE webhook_delivery d SET status = 'pending', next_attempt_at = now(), lease_until = NULL, retry_from = d.attempts WHERE d.id = $1 RETURNING ${DELIVERY_COLUMNS}`,
        [id],
      ),
    )[0];
  }
}
