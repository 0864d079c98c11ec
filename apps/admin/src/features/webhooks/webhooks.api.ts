import type { CreateWebhookInput, UpdateWebhookInput, WebhookDeliveryView, WebhookView, WebhookWithSecret } from '@thidua/contracts';
import { api, data } from '../../api/typed-client';

export function listWebhooks(signal?: AbortSignal): Promise<WebhookView[]> {
  return data(api.GET('/webhooks', { signal }));
}

export function createWebhook(body: CreateWebhookInput): Promise<WebhookWithSecret> {
  return data(api.POST('/webhooks', { body }));
}

export function updateWebhook(id: string, body: UpdateWebhookInput): Promise<WebhookView> {
  return data(api.PATCH('/webhooks/{id}', { params: { path: { id } }, body }));
}

export function deleteWebhook(id: string): Promise<void> {
  return data(api.DELETE('/webhooks/{id}', { params: { path: { id } } }));
}

export function rotateWebhookSecret(id: string): Promise<WebhookWithSecret> {
  return data(api.POST('/webhooks/{id}/rotate-secret', { params: { path: { id } } }));
}

export function listDeliveries(id: string, signal?: AbortSignal): Promise<WebhookDeliveryView[]> {
  return data(api.GET('/webhooks/{id}/deliveries', { params: { path: { id }, query: { limit: 50 } }, signal }));
}

export function resendDelivery(deliveryId: string): Promise<WebhookDeliveryView> {
  return data(api.POST('/webhooks/deliveries/{deliveryId}/resend', { params: { path: { deliveryId } } }));
}
