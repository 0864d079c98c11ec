import { z } from 'zod';

/**
 * Events an administrator can subscribe a URL to. Each comes from a transactional outbox row written with the change
 * (docs/webhooks.md describes the payload of each).
 */
export const WEBHOOK_EVENT_TYPES = ['item.created', 'item.transitioned', 'item.completed', 'item.amended', 'campaign.status_changed'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);

export const createWebhookSchema = z
  .object({
    url: z.string().trim().url().max(2000),
    description: z.string().trim().max(500).default(''),
    eventTypes: z.array(webhookEventTypeSchema).min(1).max(WEBHOOK_EVENT_TYPES.length),
    /** Only events of items/campaigns of this unit's subtree; null = every unit the administrator covers (a root administrator only). */
    unitId: z.string().uuid().nullable().default(null),
    isActive: z.boolean().default(true),
  })
  .strict();
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

export const updateWebhookSchema = z
  .object({
    url: z.string().trim().url().max(2000).optional(),
    description: z.string().trim().max(500).optional(),
    eventTypes: z.array(webhookEventTypeSchema).min(1).max(WEBHOOK_EVENT_TYPES.length).optional(),
    unitId: z.string().uuid().nullable().optional(),
    isActive: z.boolean().optional(),
  })
  .strict();
export type UpdateWebhookInput = z.infer<typeof updateWebhookSchema>;

export interface WebhookView {
  id: string;
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
  unitId: string | null;
  unitName: string | null;
  isActive: boolean;
  /** Last characters of the secret, to tell secrets apart; the secret itself is shown once. */
  secretHint: string;
  createdAt: string;
  updatedAt: string;
}

/** The answer to a creation or a secret rotation: the only time the secret is returned. */
export interface WebhookWithSecret extends WebhookView {
  /** `whsec_` + base64 of 32 random bytes (Standard Webhooks). */
  secret: string;
}

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed' | 'cancelled';

export interface WebhookAttemptView {
  attempt: number;
  startedAt: string;
  durationMs: number;
  /** HTTP status of the receiver's answer; null when none came (refused, timed out, connection error). */
  responseCode: number | null;
  error: string | null;
  isSuccess: boolean;
}

export interface WebhookDeliveryView {
  id: string;
  subscriptionId: string;
  /** The `webhook-id` header: the same on every attempt and resend of one message. */
  messageId: string;
  eventType: WebhookEventType;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastResponseCode: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
  attemptLog: WebhookAttemptView[];
}

export const webhookDeliveryQuerySchema = z.object({
  status: z.enum(['pending', 'succeeded', 'failed', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type WebhookDeliveryQuery = z.infer<typeof webhookDeliveryQuerySchema>;
