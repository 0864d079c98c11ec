import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { decryptSecret } from '../../common/security/secret-cipher';
import { currentLogger } from '../../common/logging/request-context';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { JOB_QUEUE, type JobQueue } from '../../jobs/job-queue';
import { TreeService } from '../org/index';
import { DomainEventConsumers, type DomainEvent } from '../workflow/index';
import { nextRetryDelayMs, type RetryPolicy } from './delivery-schedule';
import { webhookHeaders } from './webhook-signature';
import { postWebhook } from './webhook-sender';
import { checkWebhookTarget } from './webhook-target';
import { WebhooksRepository } from './webhooks.repository';
import { isWithin } from '../../common/auth/scope';

export const DELIVER_JOB = 'webhooks.deliver';

/** A delivery left due this long without being taken is handed over again by the sweeper. */
const SWEEP_GRACE_MS = 2000;

/** Additional data of a subscription's sealed secret: binds the ciphertext to its row. */
export function secretAad(subscriptionId: string): string {
  return `webhook_subscription:${subscriptionId}`;
}

/** The body of every delivery (Standard Webhooks): type, timestamp, data. */
export function webhookBody(e: DomainEvent): string {
  return JSON.stringify({ type: e.type, timestamp: e.occurredAt, data: e.data });
}

/**
 * Turns outbox domain events into deliveries and sends them. One outbox row → one delivery per matching active
 * subscription (event type, unit subtree), made by the outbox row's job, so the outbox is the only event source.
 * Each delivery is a row with its own retry state; the queue only prompts it (`webhooks.deliver`, jobId = delivery
 * + attempt), and a sweeper re-queues due deliveries whose job was lost, so retries survive a restart of any
 * process whatever the queue adapter.
 */
@Injectable()
export class WebhookDeliveries implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private sweepHandle: NodeJS.Timeout | null = null;
  private sweeping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly repo: WebhooksRepository,
    private readonly tree: TreeService,
    private readonly consumers: DomainEventConsumers,
  ) {}

  private get policy(): RetryPolicy {
    const w = this.config.webhooks;
    return { maxAttempts: w.maxAttempts, baseMs: w.retryBaseMs, capMs: w.retryMaxDelayMs };
  }

  onModuleInit(): void {
    this.consumers.register('webhooks', (outboxId, event) => this.fanOut(outboxId, event));
    if (this.config.processRole === 'api') return;
    this.queue.register<{ deliveryId: string }>(DELIVER_JOB, (job) => this.deliver(job.deliveryId));
  }

  onApplicationBootstrap(): void {
    if (this.config.processRole === 'api' || !this.config.scheduler.enabled) return;
    this.sweepHandle = setInterval(() => void this.sweep().catch((err: unknown) => currentLogger().warn({ err }, 'webhook sweep failed')), this.config.scheduler.intervalMs);
    this.sweepHandle.unref();
  }

  onApplicationShutdown(): void {
    if (this.sweepHandle) clearInterval(this.sweepHandle);
    this.sweepHandle = null;
  }

  /** The deliveries of one outbox event; safe to run twice (UNIQUE subscription + outbox row). */
  async fanOut(outboxId: string, event: DomainEvent): Promise<void> {
    const candidates = await this.repo.activeFor(event.type);
    const matching: string[] = [];
    const pathCache = new Map<string, string | null>();
    for (const s of candidates) {
      if (s.unitId) {
        if (!event.unitPath) continue;
        if (!pathCache.has(s.unitId)) pathCache.set(s.unitId, await this.tree.pathOf(s.unitId));
        const root = pathCache.get(s.unitId);
        if (!root || !isWithin(event.unitPath, root)) continue;
      }
      matching.push(s.id);
    }
    if (matching.length === 0 && candidates.length === 0) return;
    const pending = await this.repo.addDeliveries(outboxId, event.type, webhookBody(event), matching);
    for (const d of pending) await this.prompt(d.id, d.attempts);
  }

  /** One attempt of a delivery, if it is due and nobody else holds it. Never throws for the receiver's failures. */
  async deliver(deliveryId: string): Promise<void> {
    const leaseMs = this.config.webhooks.timeoutMs + 30_000;
    const d = await this.repo.claim(deliveryId, leaseMs);
    if (!d) return;
    const sub = d.subscription;
    if (!sub.isActive) {
      await this.repo.cancel(d.id, 'subscription disabled');
      return;
    }
    const startedAt = new Date();
    const target = await checkWebhookTarget(sub.url, this.config.webhooks.allowPrivateTargets);
    let result: { responseCode: number | null; error: string | null; durationMs: number };
    if (!target.ok) {
      result = { responseCode: null, error: `target refused: ${target.reason}`, durationMs: Date.now() - startedAt.getTime() };
    } else {
      const secret = decryptSecret(this.config.signing.key, sub.secretSealed, secretAad(sub.id)).toString('utf8');
      const headers = webhookHeaders(secret, messageIdOf(d.id), Math.floor(Date.now() / 1000), d.body);
      result = await postWebhook(target.url, target.address, target.family, headers, d.body, this.config.webhooks.timeoutMs);
    }
    const isSuccess = result.error === null;
    const delay = isSuccess ? null : nextRetryDelayMs(this.policy, d.attempts - d.retryFrom);
    const status = isSuccess ? 'succeeded' : delay === null ? 'failed' : 'pending';
    const nextAttemptAt = delay === null ? null : new Date(Date.now() + delay);
    await this.repo.finishAttempt(
      { deliveryId: d.id, attempt: d.attempts, startedAt, durationMs: result.durationMs, responseCode: result.responseCode, error: result.error, isSuccess },
      { status, nextAttemptAt },
    );
    currentLogger()[isSuccess ? 'debug' : 'warn']({ deliveryId: d.id, subscriptionId: sub.id, attempt: d.attempts, status, responseCode: result.responseCode, error: result.error }, 'webhook attempt');
    if (delay !== null) await this.prompt(d.id, d.attempts, delay);
  }

  /** Queues the next attempt (jobId = delivery + attempts so far: one job per attempt). A failed add is left to the sweeper. */
  async prompt(deliveryId: string, attemptsSoFar: number, delayMs = 0): Promise<void> {
    try {
      await this.queue.add(DELIVER_JOB, { deliveryId }, { jobId: `${deliveryId}:a${attemptsSoFar}`, attempts: 1, ...(delayMs > 0 ? { delayMs } : {}) });
    } catch (err) {
      currentLogger().warn({ err, deliveryId }, 'could not queue a webhook delivery; the sweeper will');
    }
  }

  /** Re-queues due deliveries nobody took (their job was lost with a process or a queue). */
  async sweep(limit = 200): Promise<number> {
    if (this.sweeping) return 0;
    this.sweeping = true;
    try {
      const due = await this.repo.overdue(SWEEP_GRACE_MS, limit);
      for (const d of due) await this.prompt(d.id, d.attempts);
      return due.length;
    } finally {
      this.sweeping = false;
    }
  }
}

/** The `webhook-id` of a delivery: the same on every attempt and resend. */
export function messageIdOf(deliveryId: string): string {
  return `msg_${deliveryId}`;
}

