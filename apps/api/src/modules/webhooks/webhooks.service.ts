import { Inject, Injectable } from '@nestjs/common';
import type { CreateWebhookInput, UpdateWebhookInput, WebhookDeliveryQuery, WebhookDeliveryView, WebhookEventType, WebhookView, WebhookWithSecret } from '@thidua/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { covers } from '../../common/auth/scope';
import { AppError } from '../../common/errors/app-error';
import { encryptSecret } from '../../common/security/secret-cipher';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { PrincipalAccess, TreeService } from '../org/index';
import { messageIdOf, secretAad, WebhookDeliveries } from './webhook-deliveries.service';
import { newWebhookSecret } from './webhook-signature';
import { checkWebhookTarget } from './webhook-target';
import { WebhooksRepository, type AttemptRow, type DeliveryRow, type SubscriptionRow } from './webhooks.repository';

/**
 * Administration of webhook subscriptions. An administrator manages the subscriptions of units their admin role
 * covers; a subscription without a unit (every event) belongs to administrators of a root unit. Outsiders get 404,
 * as for an id that does not exist. The secret is returned by creation and rotation only.
 */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly repo: WebhooksRepository,
    private readonly deliveries: WebhookDeliveries,
    private readonly access: PrincipalAccess,
    private readonly tree: TreeService,
    private readonly audit: AuditService,
  ) {}

  async list(p: Principal): Promise<WebhookView[]> {
    const all = await this.repo.subscriptions();
    const out: WebhookView[] = [];
    for (const s of all) if (await this.canManage(p, s.unitId)) out.push(await this.view(s));
    return out;
  }

  async create(p: Principal, input: CreateWebhookInput): Promise<WebhookWithSecret> {
    await this.assertCanManage(p, input.unitId, true);
    await this.assertTarget(input.url);
    const id = randomUUID();
    const secret = newWebhookSecret();
    const row = await this.dataSource.transaction(async (m) => {
      const saved = await this.repo.insertSubscription(m, {
        id,
        url: input.url,
        description: input.description,
        eventTypes: [...new Set(input.eventTypes)],
        unitId: input.unitId,
        isActive: input.isActive,
        secretSealed: encryptSecret(this.config.signing.key, Buffer.from(secret), secretAad(id)),
        secretHint: secret.slice(-4),
        createdBy: p.userId,
      });
      await this.audit.record(m, { action: 'webhook.created', entityType: 'webhook_subscription', entityId: id, actorUserId: p.userId, details: { url: input.url, eventTypes: saved.eventTypes, unitId: input.unitId } });
      return saved;
    });
    return { ...(await this.view(row)), secret };
  }

  async update(p: Principal, id: string, patch: UpdateWebhookInput): Promise<WebhookView> {
    await this.manageable(p, id);
    if (patch.unitId !== undefined) await this.assertCanManage(p, patch.unitId, true);
    if (patch.url !== undefined) await this.assertTarget(patch.url);
    const row = await this.dataSource.transaction(async (m) => {
      const saved = await this.repo.updateSubscription(m, id, { ...patch, ...(patch.eventTypes ? { eventTypes: [...new Set(patch.eventTypes)] } : {}) });
      if (!saved) throw AppError.notFound('webhook');
      await this.audit.record(m, { action: 'webhook.updated', entityType: 'webhook_subscription', entityId: id, actorUserId: p.userId, details: { changes: Object.keys(patch) } });
      return saved;
    });
    return this.view(row);
  }

  async remove(p: Principal, id: string): Promise<void> {
    const s = await this.manageable(p, id);
    await this.dataSource.transaction(async (m) => {
      await this.repo.deleteSubscription(m, id);
      await this.audit.record(m, { action: 'webhook.deleted', entityType: 'webhook_subscription', entityId: id, actorUserId: p.userId, details: { url: s.url } });
    });
  }

  async rotateSecret(p: Principal, id: string): Promise<WebhookWithSecret> {
    await this.manageable(p, id);
    const secret = newWebhookSecret();
    const row = await this.dataSource.transaction(async (m) => {
      const saved = await this.repo.updateSubscription(m, id, { secretSealed: encryptSecret(this.config.signing.key, Buffer.from(secret), secretAad(id)), secretHint: secret.slice(-4) });
      if (!saved) throw AppError.notFound('webhook');
      await this.audit.record(m, { action: 'webhook.secret_rotated', entityType: 'webhook_subscription', entityId: id, actorUserId: p.userId });
      return saved;
    });
    return { ...(await this.view(row)), secret };
  }

  async deliveryLog(p: Principal, id: string, q: WebhookDeliveryQuery): Promise<WebhookDeliveryView[]> {
    await this.manageable(p, id);
    const rows = await this.repo.deliveries(id, q.status, q.limit);
    const attempts = await this.repo.attemptsOf(rows.map((r) => r.id));
    return rows.map((r) => deliveryView(r, attempts.filter((a) => a.deliveryId === r.id)));
  }

  /** Sends a delivery again (same message id, a fresh retry budget), whatever its state. */
  async resend(p: Principal, deliveryId: string): Promise<WebhookDeliveryView> {
    const d = await this.repo.delivery(deliveryId);
    const s = d ? await this.repo.subscription(d.subscriptionId) : null;
    // A delivery of a subscription the caller may not manage answers as one that does not exist.
    if (!d || !s || !(await this.canManage(p, s.unitId))) throw AppError.notFound('webhook delivery');
    const row = await this.dataSource.transaction(async (m) => {
      const saved = await this.repo.resend(m, deliveryId);
      if (!saved) throw AppError.notFound('webhook delivery');
      await this.audit.record(m, { action: 'webhook.resent', entityType: 'webhook_delivery', entityId: deliveryId, actorUserId: p.userId, details: { subscriptionId: d.subscriptionId, previousStatus: d.status } });
      return saved;
    });
    await this.deliveries.prompt(row.id, row.attempts);
    return deliveryView(row, await this.repo.attemptsOf([row.id]));
  }

  // ---------- access ----------

  private async manageable(p: Principal, id: string): Promise<SubscriptionRow> {
    const s = await this.repo.subscription(id);
    if (!s || !(await this.canManage(p, s.unitId))) throw AppError.notFound('webhook');
    return s;
  }

  private async canManage(p: Principal, unitId: string | null): Promise<boolean> {
    if (unitId === null) return p.roles.some((r) => isRootPath(r.unitPath) && covers({ roles: [r] }, r.unitPath, 'act', { roles: ['admin'] }));
    const path = await this.tree.pathOf(unitId);
    return path !== null && this.access.holdsRoleOver(p, ['admin'], path);
  }

  private async assertCanManage(p: Principal, unitId: string | null, forCreate: boolean): Promise<void> {
    if (unitId === null) {
      if (!(await this.canManage(p, null))) throw new AppError('FORBIDDEN', { details: { reason: 'a subscription to every unit needs an administrator of a root unit; choose a unit' } });
      return;
    }
    if (forCreate) await this.access.assertRoleOver(p, ['admin'], unitId);
  }

  private async assertTarget(url: string): Promise<void> {
    const verdict = await checkWebhookTarget(url, this.config.webhooks.allowPrivateTargets);
    if (!verdict.ok) throw new AppError('WEBHOOK_TARGET_REFUSED', { params: { reason: verdict.reason }, fields: [{ path: 'body.url', reason: 'refused', message: verdict.reason }] });
  }

  private async view(s: SubscriptionRow): Promise<WebhookView> {
    const unit = s.unitId ? await this.tree.findUnit(s.unitId) : null;
    return {
      id: s.id,
      url: s.url,
      description: s.description,
      eventTypes: s.eventTypes as WebhookEventType[],
      unitId: s.unitId,
      unitName: unit?.name ?? null,
      isActive: s.isActive,
      secretHint: `…${s.secretHint}`,
      createdAt: s.createdAt.toISOString(),
      updatedAt: s.updatedAt.toISOString(),
    };
  }
}

function deliveryView(r: DeliveryRow, attempts: readonly AttemptRow[]): WebhookDeliveryView {
  return {
    id: r.id,
    subscriptionId: r.subscriptionId,
    messageId: messageIdOf(r.id),
    eventType: r.eventType as WebhookEventType,
    status: r.status,
    attempts: r.attempts,
    lastResponseCode: r.lastResponseCode,
    lastDurationMs: r.lastDurationMs,
    lastError: r.lastError,
    nextAttemptAt: r.status === 'pending' && r.nextAttemptAt ? new Date(r.nextAttemptAt).toISOString() : null,
    createdAt: new Date(r.createdAt).toISOString(),
    deliveredAt: r.deliveredAt ? new Date(r.deliveredAt).toISOString() : null,
    attemptLog: attempts.map((a) => ({ attempt: a.attempt, startedAt: new Date(a.startedAt).toISOString(), durationMs: a.durationMs, responseCode: a.responseCode, error: a.error, isSuccess: a.isSuccess })),
  };
}

/** A root unit's path holds one key (`/k1/`). */
function isRootPath(path: string): boolean {
  return path.split('/').filter((k) => k.length > 0).length === 1;
}
