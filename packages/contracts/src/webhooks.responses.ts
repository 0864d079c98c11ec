import { z } from 'zod';
import { named, type Expect, type Same } from './openapi-registry';
import { WEBHOOK_EVENT_TYPES, type WebhookAttemptView, type WebhookDeliveryStatus, type WebhookDeliveryView, type WebhookView, type WebhookWithSecret } from './webhooks';

/* Response contracts: zod schemas of the views the API answers with, named as OpenAPI components. */

export const webhookViewSchema = named('WebhookView', z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  isActive: z.boolean(),
  secretHint: z.string(),
  createdAt: z.string(),
  updatedAt: z.string()
}));

export const webhookWithSecretSchema = named('WebhookWithSecret', webhookViewSchema.extend({
  secret: z.string()
}));

export const webhookDeliveryStatusSchema = named('WebhookDeliveryStatus', z.union([z.literal('pending'), z.literal('succeeded'), z.literal('failed'), z.literal('cancelled')]));

export const webhookAttemptViewSchema = named('WebhookAttemptView', z.object({
  attempt: z.number(),
  startedAt: z.string(),
  durationMs: z.number(),
  responseCode: z.number().nullable(),
  error: z.string().nullable(),
  isSuccess: z.boolean()
}));

export const webhookDeliveryViewSchema = named('WebhookDeliveryView', z.object({
  id: z.string(),
  subscriptionId: z.string(),
  messageId: z.string(),
  eventType: z.enum(WEBHOOK_EVENT_TYPES),
  status: webhookDeliveryStatusSchema,
  attempts: z.number(),
  lastResponseCode: z.number().nullable(),
  lastDurationMs: z.number().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  attemptLog: z.array(webhookAttemptViewSchema)
}));

/** Each schema describes exactly its view type (checked by the compiler). */
export type webhooksResponseChecks = [
  Expect<Same<z.output<typeof webhookViewSchema>, WebhookView>>,
  Expect<Same<z.output<typeof webhookWithSecretSchema>, WebhookWithSecret>>,
  Expect<Same<z.output<typeof webhookDeliveryStatusSchema>, WebhookDeliveryStatus>>,
  Expect<Same<z.output<typeof webhookAttemptViewSchema>, WebhookAttemptView>>,
  Expect<Same<z.output<typeof webhookDeliveryViewSchema>, WebhookDeliveryView>>,
];
